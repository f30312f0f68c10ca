// checkMessage finds a message's allowed keys once, in a Map of ROLE_KEYS' own roles, instead of
// `role in ROLE_KEYS` and ROLE_KEYS[role] for each key. Held to the way it was (kept here as
// the reference) on every message of the fixtures and generated lines, and on messages of every
// role (unknown ones, non-strings, names of Object.prototype members) with every kind of key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMessage, meantRole, ROLE_KEYS } from '../../../core/checks/messageChecks.ts';
import { Findings, isObject, show, tick } from '../../../core/checks/findings.ts';
import type { JsonPath } from '../../../core/dataset/jsonPath.ts';
import { mulberry32 } from '../../../core/random.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

/**
 * The role and key part of checkMessage as it was; checkContent and the weight and name rules
 * are unchanged, so they run as `checkMessage` runs them (their findings come after the keys').
 */
function referenceRoleAndKeys(message: Record<string, unknown>, path: JsonPath, out: Findings): boolean {
  const role = message.role;
  if (role === undefined) return false;
  if (typeof role !== 'string' || !(role in ROLE_KEYS)) {
    const meant = typeof role === 'string' ? meantRole(role) : undefined;
    const hint = meant ? `; did you mean ${tick(meant)}?` : '; expected one of system, user, assistant, tool.';
    out.add('TC303', `Unknown role ${show(role)}${hint}`, { path: [...path, 'role'] }, meant ? { meant } : undefined);
    return false;
  }
  for (const key in message) {
    if (ROLE_KEYS[role].includes(key)) continue;
    if (key === 'weight') out.add('TC307', `"weight" is only allowed on assistant messages, not on a ${role} message.`, { path: [...path, key], part: 'key' });
    else out.add('TC306', `Unknown key ${tick(key)} in a ${role} message; allowed keys are ${ROLE_KEYS[role].join(', ')}.`, { path: [...path, key], part: 'key' });
  }
  return true;
}

/** What checkMessage reports about roles and keys (TC303, TC306, TC307), or the error it throws. */
function roleAndKeyFindings(run: () => Findings): unknown {
  try {
    return run().items.filter((f) => f.code === 'TC303' || f.code === 'TC306' || f.code === 'TC307');
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

const ROLES: unknown[] = [
  'system', 'user', 'assistant', 'tool', 'function', 'developer', 'human', 'gpt', 'Assistant', 'usr', 'toolz', '', 'x',
  'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf',
  1, null, true, ['user'], { role: 'user' },
];
const KEYS = ['content', 'name', 'tool_calls', 'function_call', 'weight', 'refusal', 'tool_call_id', 'extra', 'constructor', 'toString', '__proto__', '0'];
const VALUES: unknown[] = ['hi', '', null, 0, 1, 2, [], [{ type: 'text', text: 'a' }], {}, 'tool_x'];

function randomMessages(count: number): Record<string, unknown>[] {
  const random = mulberry32(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const messages: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const text = [`"role":${JSON.stringify(pick(ROLES))}`];
    for (const key of KEYS) if (random() < 0.3) text.push(`${JSON.stringify(key)}:${JSON.stringify(pick(VALUES))}`);
    if (random() < 0.5) text.reverse();
    messages.push(JSON.parse(`{${text.join(',')}}`)); // parsed, as lines are: `__proto__` becomes an own key
  }
  return messages;
}

function datasetMessages(): unknown[] {
  const messages: unknown[] = [];
  for (const line of [...fixtureLines(), ...generatedLines(300, 3)]) {
    try {
      const value = JSON.parse(line.replace(/^\uFEFF/, ''));
      if (Array.isArray(value?.messages)) messages.push(...value.messages);
    } catch {
      // not a line with messages
    }
  }
  return messages;
}

test('checkMessage reports roles and keys as before, on dataset and random messages of every role', () => {
  let compared = 0;
  let found = 0;
  let threw = 0;
  for (const message of [...datasetMessages(), ...randomMessages(4000)]) {
    if (!isObject(message)) continue;
    const path = ['messages', 2];
    const actual = roleAndKeyFindings(() => {
      const out = new Findings();
      checkMessage(message, path, out);
      return out;
    });
    const expected = roleAndKeyFindings(() => {
      const out = new Findings();
      referenceRoleAndKeys(message, path, out);
      return out;
    });
    assert.deepEqual(actual, expected, JSON.stringify(message));
    compared++;
    if (Array.isArray(expected)) found += expected.length;
    else threw++;
  }
  assert.ok(compared > 4500, `compared ${compared}`);
  assert.ok(found > 2000, `findings ${found}`);
  assert.ok(threw > 100, `roles named like Object.prototype members: ${threw}`);
});
