// The shortcuts of scoring (score.ts, structural.ts) against what they stand for: a case passes
// exact, fuzzy or functional when some one-to-one pairing passes on every pair (checked here by
// trying every permutation), its similarity is the best pairing's (assignment.ts) and its
// structural pass and notes those of perfectMatching's pairing; and the structural check's enum membership, string comparison and
// order of notes are the rules README.md states.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EvalCase } from '../../../core/eval/cases.ts';
import { compareCalls, type ToolCall } from '../../../core/eval/metrics.ts';
import { maxWeightAssignment, perfectMatching } from '../../../core/eval/assignment.ts';
import { scoreCase } from '../../../core/eval/score.ts';
import { structuralMatch } from '../../../core/eval/structural.ts';
import { mulberry32 } from '../../../core/random.ts';

const random = mulberry32(618);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

const NAMES = ['get_weather', 'get_time'];
const randomCall = (): ToolCall => ({ name: pick(NAMES), arguments: JSON.stringify({ city: pick(['Paris', 'Rome', 'Oslo']), days: int(3) }) });
// A prediction: the expected calls in order or shuffled, some changed, without their optional
// `days` (a structural pass with a note), dropped or repeated.
function predictionOf(expected: ToolCall[]): ToolCall[] {
  const changed = (call: ToolCall): ToolCall =>
    random() < 0.5 ? { name: call.name, arguments: call.arguments.replace(/\d/, '9') } : { name: call.name, arguments: call.arguments.replace(/,"days":\d/, '') };
  const calls = expected.map((call) => (random() < 0.2 ? randomCall() : random() < 0.15 ? changed(call) : call));
  if (random() < 0.5) calls.sort(() => random() - 0.5);
  if (random() < 0.1) calls.pop();
  if (random() < 0.1) calls.push(calls[0] ?? randomCall());
  return calls;
}

test('scoreCase passes a metric exactly when some pairing passes it on every pair, with the similarity of the best pairing and the notes of the structural one: 3,000 seeded cases of 1-4 calls', () => {
  const tools = NAMES.map((name) => ({ type: 'function', function: { name, parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] } } }));
  const seen = { inOrder: 0, shuffled: 0, failed: 0, notes: 0, allSimilar: 0 };
  for (let n = 0; n < 3000; n++) {
    const expected = Array.from({ length: 1 + int(4) }, randomCall);
    const calls = predictionOf(expected);
    const c = { line: 1, turn: 1, history: [], tools, expected, category: 'single' } as unknown as EvalCase;
    const result = scoreCase(c, { line: 1, turn: 1, calls, content: null });
    const metrics = expected.map((e) => calls.map((p) => compareCalls(e, p)));
    const passes = (pick: 'exact' | 'fuzzy' | 'functional'): boolean =>
      calls.length === expected.length && permutations(expected.length).some((perm) => perm.every((j, i) => metrics[i][j][pick]));
    const label = JSON.stringify({ expected, calls });
    assert.deepEqual([result.exact, result.fuzzy, result.functional], [passes('exact'), passes('fuzzy'), passes('functional')], label);
    // Similarity: the best pairing's total (assignment.ts), over the larger count.
    const total = maxWeightAssignment(metrics.map((row) => row.map((m) => m.similarity)), calls.length).total;
    assert.equal(result.similarity, total / Math.max(expected.length, calls.length), label);
    // Structural: a pairing of passing pairs (perfectMatching's), whose notes explain the pass.
    const structural = expected.map((e) => calls.map((p) => structuralMatch(e, p, tools.find((t) => t.function.name === e.name)!.function.parameters)));
    const pairing = calls.length === expected.length ? perfectMatching(expected.length, (i, j) => structural[i][j].pass) : undefined;
    assert.equal(result.structural, pairing !== undefined, label);
    if (pairing !== undefined) assert.equal(result.reason, pairing.flatMap((j, i) => structural[i][j].reason ?? []).join(' ') || undefined, label);
    if (pairing !== undefined && result.reason !== undefined) seen.notes++;
    if (result.similarity === 1 && expected.length > 1) seen.allSimilar++;
    if (calls.length === expected.length && expected.every((e, i) => metrics[i][i].exact)) seen.inOrder++;
    else if (result.exact) seen.shuffled++;
    else seen.failed++;
  }
  // Each way through: the calls in order, a pairing found only by the search, and none.
  assert.ok(seen.inOrder >= 800 && seen.shuffled >= 150 && seen.failed >= 1200 && seen.notes >= 100 && seen.allSimilar >= 300, JSON.stringify(seen));
});

const schema = {
  type: 'object',
  properties: {
    unit: { enum: ['celsius', 'fahrenheit', 1, true, ['a']] },
    level: { enum: [1, 2] },
    note: { type: 'string' },
    mode: { type: 'string', default: 'fast' },
    city: { type: 'string' },
  },
  required: ['city'],
};
const check = (expected: string, predicted: string) => structuralMatch({ name: 'f', arguments: expected }, { name: 'f', arguments: predicted }, schema);

test('structural enum membership is Python ==: a string only as itself, True as 1, a list as an equal list', () => {
  const notInEnum = (value: string) => `'unit' is ${value}, which is not one of the schema's enum values (a schema-validity problem, not scored here).`;
  assert.deepEqual(
    ['"celsius"', '"Celsius"', '"1"', '1', 'true', '1.0', '["a"]', '"a"', 'false'].map((v) => check(`{"city": "x", "unit": ${v}}`, `{"city": "x", "unit": ${v}}`)),
    [
      { pass: true },
      { pass: true, reason: "'unit' is \"Celsius\", which is the enum value \"celsius\" only once normalised (a schema-validity problem, not scored here)." },
      { pass: true, reason: notInEnum('"1"') },
      { pass: true },
      { pass: true },
      { pass: true },
      { pass: true },
      { pass: true, reason: notInEnum('"a"') },
      { pass: true, reason: notInEnum('false') },
    ],
  );
  assert.deepEqual(check('{"city": "x", "level": 2}', '{"city": "x", "level": true}'), { pass: false, reason: "Parameter 'level' is true, expected 2." });
});

test('structural strings compare equal as themselves or once normalised, and notes follow the expected call\'s keys first', () => {
  assert.deepEqual(check('{"city": "São Paulo", "note": "a-b"}', '{"city": "São Paulo", "note": "A B"}'), { pass: true });
  assert.deepEqual(check('{"city": "x", "note": "a-b"}', '{"city": "x", "note": "a+b"}'), { pass: false, reason: "Parameter 'note' is \"a+b\", expected \"a-b\"." });
  // The predicted call lists its extra default before the one it leaves out; the notes come in
  // the expected call's order, then the predicted call's own keys.
  assert.deepEqual(check('{"note": "n", "city": "x"}', '{"mode": "fast", "city": "x"}'), {
    pass: true,
    reason: "'note' left out: optional in the schema (the expected call gives \"n\"). 'mode' given as its schema default \"fast\", which the expected call leaves out.",
  });
  assert.deepEqual(check('{"city": "x"}', '{"mode": "slow", "city": "x"}'), { pass: false, reason: "Parameter 'mode' is not in the expected call and \"slow\" is not its default." });
});
