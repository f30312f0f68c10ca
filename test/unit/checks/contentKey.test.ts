// A line whose tools member was analysed by its text gets a content key made of the member's
// sha1 and the sha1 of the rest of the line (lineFacts.ts); other lines the sha1 of the whole
// trimmed line. Exact duplicates (TC702) must be the same as with whole-line keys only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ToolSetCache, type MemberAnalysis } from '../../../core/checks/toolSet.ts';
import { checkLine } from '../../../core/checks/lineChecks.ts';
import { DatasetValidator, validateText } from '../../../core/validate.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

/** No member is analysed by its text: every line gets the whole-line key. */
class WholeLineKeys extends ToolSetCache {
  override analyzeMember(): MemberAnalysis | undefined {
    return undefined;
  }
  override known(): MemberAnalysis | undefined {
    return undefined;
  }
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64');
const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }];
const messages = [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }];

/** Lines equal once trimmed, lines that differ only in the member or only elsewhere, members written as null. */
function trickyLines(): string[] {
  const line = JSON.stringify({ messages, tools });
  const nullTools = JSON.stringify({ messages, tools: null });
  return [
    line,
    line, // exact copy
    '  ' + line + '\t', // equal once trimmed
    '\uFEFF' + line, // byte-order mark
    JSON.stringify({ tools, messages }), // same members, other order: not a copy
    JSON.stringify({ messages, tools: [...tools, ...tools] }), // other member
    JSON.stringify({ messages: [...messages, messages[1]], tools }), // other rest
    nullTools, // the member's text is "null": the same rest as `line`
    nullTools,
    JSON.stringify({ messages, tools: 'null' }),
    line.replace('"tools"', '"\\u0074ools"'), // a key not written plainly: whole-line key
    line.replace('"tools"', '"\\u0074ools"'),
    JSON.stringify({ messages, functions: tools.map((t) => t.function) }),
    ' ' + JSON.stringify({ messages, functions: tools.map((t) => t.function) }),
    JSON.stringify({ messages, tools, functions: tools.map((t) => t.function) }),
    JSON.stringify({ messages, tools }).replace('"Hi"', '"Hi", "role": "user"'), // a duplicate key: whole-line parse
    JSON.stringify({ messages, tools }).replace('"Hi"', '"Hi", "role": "user"'),
  ];
}

const duplicates = (lines: string[], validator: DatasetValidator) =>
  validateText(lines.join('\n'), {}, validator).diagnostics.filter((d) => d.code === 'TC702').map((d) => [d.line, d.data?.firstLine]);

test('duplicates are the same with member keys as with whole-line keys', () => {
  const base = [...fixtureLines(), ...generatedLines(300, 5), ...trickyLines()];
  // Each line again later, and again with outer spaces: copies whose first sight was on either path.
  const lines = [...base, ...base.slice().reverse(), ...base.map((l) => ` ${l} `)];
  const found = duplicates(lines, new DatasetValidator());
  assert.deepEqual(found, duplicates(lines, new DatasetValidator({}, new WholeLineKeys())));
  // Against a plain reference: the earlier line of each example equal once trimmed.
  const first = new Map<string, number>();
  const expected: [number, number][] = [];
  lines.forEach((line, i) => {
    const key = line.trim();
    if (!isObjectLine(line)) return;
    if (first.has(key)) expected.push([i, first.get(key)!]);
    else first.set(key, i);
  });
  assert.deepEqual(found, expected);
  assert.equal(found.length, 1198);
});

/** A line JSON.parse reads as an object (an example) once a leading byte-order mark is cut. */
function isObjectLine(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

test('the tricky lines: copies found, lookalikes not', () => {
  assert.deepEqual(duplicates(trickyLines(), new DatasetValidator()), [
    [1, 0],
    [2, 0],
    [3, 0],
    [8, 7],
    [11, 10],
    [13, 12],
    [16, 15],
  ]);
});

test('a member key is the member sha1 and the sha1 of the rest; other lines, the sha1 of the trimmed line', () => {
  const toolSets = new ToolSetCache();
  const line = JSON.stringify({ messages, tools });
  const member = JSON.stringify(tools);
  const rest = JSON.stringify({ messages, tools: null });
  const first = checkLine(' ' + line, false, { toolSets }).facts.contentKey;
  const again = checkLine('\uFEFF' + line, false, { toolSets }).facts.contentKey; // parsed without its member this time
  assert.equal(first, sha1(member) + sha1(rest));
  assert.equal(again, first);
  const escaped = line.replace('"tools"', '"\\u0074ools"');
  assert.equal(checkLine(escaped, false, { toolSets }).facts.contentKey, sha1(escaped));
});
