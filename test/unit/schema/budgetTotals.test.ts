// checkBudget answers from a walk of totals when the schema is within every limit and asks the
// walk with frames otherwise: it must give exactly that walk's answer (null, or the same first
// problem and path) on random values at random limits around their sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBudget, firstBudgetProblem, type SchemaBudget } from '../../../core/schema/budget.ts';
// Seeded (mulberry32), so a failure repeats.
import { mulberry32 as random } from '../../../core/random.ts';

const KEYS = ['properties', 'enum', 'anyOf', 'allOf', 'oneOf', 'prefixItems', 'items', 'type', 'a', 'long_property_name'];
const LEAVES = ['', 'string', 'a longer description of a parameter', 0, 1.5, true, null, undefined];

function randomValue(next: () => number, depth: number, shared: object[]): unknown {
  const roll = next();
  if (depth > 7 || roll < 0.35) return LEAVES[Math.floor(next() * LEAVES.length)];
  if (roll < 0.4 && shared.length > 0) return shared[Math.floor(next() * shared.length)]; // a shared (or an ancestor: a cycle) container
  if (roll < 0.6) {
    const array: unknown[] = [];
    shared.push(array);
    const length = Math.floor(next() * 7);
    for (let i = 0; i < length; i++) array.push(randomValue(next, depth + 1, shared));
    return array;
  }
  const object: Record<string, unknown> = {};
  shared.push(object);
  for (const key of KEYS) if (next() < 0.3) object[key] = randomValue(next, depth + 1, shared);
  return object;
}

test('checkBudget gives the frame walk\'s answer on 4,000 random values at random limits', () => {
  const next = random(64);
  let problems = 0;
  let within = 0;
  for (let i = 0; i < 4000; i++) {
    const value = randomValue(next, 0, []);
    const pick = (from: number, span: number) => from + Math.floor(next() * span);
    const budget: SchemaBudget = {
      maxDepth: pick(2, 9),
      maxValues: pick(5, 150),
      maxObjects: pick(1, 30),
      maxProperties: pick(1, 12),
      maxListLength: pick(1, 7),
      maxEnumValues: pick(1, 7),
      maxChars: pick(20, 1500),
    };
    const expected = firstBudgetProblem(value, budget);
    assert.deepEqual(checkBudget(value, budget), expected, JSON.stringify(budget));
    if (expected === null) within++;
    else problems++;
  }
  // Both answers are common, and every kind of limit is reached.
  assert.ok(within > 800 && problems > 800, `${within} within, ${problems} over`);
});
