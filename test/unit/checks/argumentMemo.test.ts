// A call whose arguments text passed the same compiled schema before is not parsed and checked
// again (ArgumentMemo). The memo must never hide a finding: the diagnostics of every fixture
// line, of generated lines and of lines built to trip it up are the same with and without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArgumentMemo, MAX_REMEMBERED, MAX_REMEMBERED_CHARS, MAX_REMEMBERED_LENGTH, NO_SCHEMA, TRIAL_LOOKUPS, type ArgumentChecker } from '../../../core/checks/argumentMemo.ts';
import { DatasetValidator, validateText } from '../../../core/validate.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

/** Counts the calls the memo answered. */
class CountingMemo extends ArgumentMemo {
  hits = 0;
  override wasClean(checker: ArgumentChecker, text: string): boolean {
    const clean = super.wasClean(checker, text);
    if (clean) this.hits++;
    return clean;
  }
}

const weather = (required: string[], parameters?: Record<string, unknown>) => ({
  type: 'function',
  function: { name: 'get_weather', ...(parameters ?? { parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required, additionalProperties: false } }) },
});

/** A line calling `name` with `args` (a string, or any value as written) against `tools`. */
function callLine(tools: unknown[] | undefined, name: string, ...args: unknown[]): string {
  const calls = args.map((a, i) => ({ id: `call_${i}`, type: 'function', function: { name, arguments: a } }));
  const replies = calls.map((c) => ({ role: 'tool', tool_call_id: c.id, content: 'ok' }));
  const messages = [{ role: 'user', content: 'Weather?' }, { role: 'assistant', tool_calls: calls }, ...replies, { role: 'assistant', content: 'Done.' }];
  return JSON.stringify(tools === undefined ? { messages } : { messages, tools });
}

/** Lines where a remembered text meets another schema, no schema, another shape or another tool. */
function adversarialLines(): string[] {
  const paris = '{"city": "Paris"}';
  return [
    callLine([weather([])], 'get_weather', paris, paris), // clean, then the same text on the same line
    callLine([weather(['days'])], 'get_weather', paris), // same text, a schema that requires "days": TC511
    callLine([weather([])], 'get_weather', paris), // back to the accepting schema
    callLine([weather([], {})], 'get_weather', paris), // no parameters: no schema
    callLine([weather([], { parameters: { type: 'object', properties: { city: { type: 'integer' } } } })], 'get_weather', paris), // TC512
    callLine([weather([])], 'get_forecast', paris), // undeclared tool (TC505), arguments still read
    callLine(undefined, 'get_weather', paris), // no tools at all (TC516)
    callLine([weather([])], 'get_weather', JSON.parse(paris)), // the same arguments as an object (TC506)
    callLine([weather([])], 'get_weather', JSON.stringify(paris)), // double-encoded (TC507)
    callLine([weather([])], 'get_weather', "{'city': 'Paris'}"), // Python repr (TC508)
    callLine([weather([])], 'get_weather', '{"city": "Paris"'), // not JSON (TC509)
    callLine([weather([])], 'get_weather', '["Paris"]'), // not an object (TC510)
    callLine([weather([])], 'get_weather', '{"city": "Paris", "days": 2, "unit": "c"}'), // TC514
    callLine([weather([])], 'get_weather', '{"city": "Paris", "days": 2}'),
    callLine([weather([])], 'get_weather', ' {"city": "Paris"}'), // the text differs by a space: its own entry
  ];
}

function diagnosticsOf(lines: string[], validator: DatasetValidator) {
  return validateText(lines.join('\n'), {}, validator).diagnostics;
}

test('the memo answers repeated clean calls and never changes a diagnostic', () => {
  const base = [...fixtureLines(), ...generatedLines(300, 11), ...adversarialLines()];
  // Each line twice, the second pass in reverse: every text meets the memo after its first check.
  const lines = [...base, ...base.slice().reverse(), ...adversarialLines().reverse()];
  const memo = new CountingMemo();
  const withMemo = diagnosticsOf(lines, new DatasetValidator({}, undefined, memo));
  const without = diagnosticsOf(lines, new DatasetValidator({}, undefined, null));
  assert.deepEqual(withMemo, without);
  assert.ok(without.some((d) => d.code === 'TC511') && without.some((d) => d.code === 'TC512') && without.some((d) => d.code === 'TC514'));
  // Pinned: the repeats the memo answered here (a change of its trial or bounds shows in this count).
  assert.equal(memo.hits, 583);
});

test('the memo answers exactly the calls that repeat a clean text with the same schema', () => {
  const lines = adversarialLines();
  const memo = new CountingMemo();
  assert.deepEqual(diagnosticsOf([...lines, ...lines.slice().reverse()], new DatasetValidator({}, undefined, memo)), diagnosticsOf([...lines, ...lines.slice().reverse()], new DatasetValidator({}, undefined, null)));
  // First pass: the second call of line 1, line 3 (line 1's schema, compiled once), and lines 6 and 7
  // (no schema, as line 4). Second pass: lines 15, 14, 7, 6, 4, 3 and both calls of line 1.
  assert.equal(memo.hits, 12);
});

test('a checker whose calls rarely repeat stops remembering after its trial', () => {
  const memo = new ArgumentMemo();
  const checker = {};
  for (let i = 0; i < TRIAL_LOOKUPS; i++) {
    assert.equal(memo.wasClean(checker, `{"n": ${i}}`), false);
    memo.rememberClean(checker, `{"n": ${i}}`);
  }
  assert.equal(memo.isOff(checker), true);
  assert.equal(memo.wasClean(checker, '{"n": 1}'), false); // remembered before, dropped with the set
  memo.rememberClean(checker, '{"n": 1}');
  assert.equal(memo.wasClean(checker, '{"n": 1}'), false);
});

test('a checker whose calls repeat keeps remembering, up to its bound', () => {
  const memo = new ArgumentMemo();
  const checker = {};
  memo.rememberClean(checker, '{"a": 1}');
  for (let i = 0; i < TRIAL_LOOKUPS; i++) assert.equal(memo.wasClean(checker, i % 8 === 0 ? `{"n": ${i}}` : '{"a": 1}'), i % 8 !== 0);
  assert.equal(memo.isOff(checker), false);
  for (let i = 0; i < MAX_REMEMBERED + 10; i++) memo.rememberClean(checker, `{"m": ${i}}`);
  assert.equal(memo.wasClean(checker, `{"m": ${MAX_REMEMBERED - 2}}`), true);
  assert.equal(memo.wasClean(checker, `{"m": ${MAX_REMEMBERED - 1}}`), false);
});

test('texts past the length bound, and other checkers, are not answered', () => {
  const memo = new ArgumentMemo();
  const long = `{"a": "${'x'.repeat(MAX_REMEMBERED_LENGTH)}"}`;
  memo.rememberClean(NO_SCHEMA, long);
  memo.rememberClean(NO_SCHEMA, '{}');
  assert.equal(memo.wasClean(NO_SCHEMA, long), false);
  assert.equal(memo.wasClean(NO_SCHEMA, '{}'), true);
  assert.equal(memo.wasClean({}, '{}'), false);
});

test('all checkers together hold at most MAX_REMEMBERED_CHARS characters', () => {
  const memo = new ArgumentMemo();
  const checkers = [NO_SCHEMA, {}, {}];
  const text = (i: number) => `{"n": ${String(i).padStart(6, '0')}, "pad": "${'x'.repeat(4000)}"}`; // 4,022 characters
  const fit = Math.floor(MAX_REMEMBERED_CHARS / text(0).length);
  for (let i = 0; i <= fit; i++) memo.rememberClean(checkers[i % 3], text(i));
  assert.equal(memo.wasClean(checkers[(fit - 1) % 3], text(fit - 1)), true);
  assert.equal(memo.wasClean(checkers[fit % 3], text(fit)), false);
});
