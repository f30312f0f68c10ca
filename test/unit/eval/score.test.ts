import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractCases, type EvalCase } from '../../../core/eval/cases.ts';
import { parsePredictions, scoreCase, scoreCases, summarize } from '../../../core/eval/score.ts';
import { hasPerfectMatching, maxWeightAssignment } from '../../../core/eval/assignment.ts';

const text = readFileSync(join(__dirname, '../../fixtures/eval/eval-small.jsonl'), 'utf8');
const { cases } = extractCases(text);
const at = (line: number, turn: number): EvalCase => cases.find((c) => c.line === line && c.turn === turn)!;
const fn = (name: string, args: string) => ({ type: 'function', id: 'p', function: { name, arguments: args } });
const predict = (line: number, turn: number, calls: object[] | undefined, content: string | null = null) =>
  JSON.stringify({ line, turn, ...(calls ? { tool_calls: calls } : {}), content });

describe('scoreCase', () => {
  it('pairs parallel calls in any order and with duplicates counted', () => {
    const { predictions } = parsePredictions(predict(4, 1, [fn('get_weather', '{"city":"Tokyo"}'), fn('get_weather', '{"city":"Paris"}')]));
    const r = scoreCase(at(4, 1), predictions.get('4:1'));
    assert.deepEqual([r.exact, r.fuzzy, r.functional, r.structural, r.similarity], [true, true, true, true, 1]);
    const twice = parsePredictions(predict(4, 1, [fn('get_weather', '{"city":"Paris"}'), fn('get_weather', '{"city":"Paris"}')])).predictions;
    const r2 = scoreCase(at(4, 1), twice.get('4:1'));
    assert.equal(r2.exact, false);
    assert.equal(r2.structural, false);
    assert.equal(r2.reason, "Parameter 'city' is \"Paris\", expected \"Tokyo\".");
  });

  it('fails on a different number of calls, averaging similarity over the larger count', () => {
    const { predictions } = parsePredictions(predict(4, 1, [fn('get_weather', '{"city": "Paris"}')]));
    const r = scoreCase(at(4, 1), predictions.get('4:1'));
    assert.deepEqual([r.exact, r.fuzzy, r.functional, r.structural, r.similarity], [false, false, false, false, 0.5]);
    assert.equal(r.reason, 'Expected 2 call(s), the model made 1.');
  });

  it('passes a no-call case only without calls', () => {
    const ok = scoreCase(at(2, 1), { line: 2, turn: 1, calls: [], content: 'Hello' });
    assert.deepEqual([ok.exact, ok.structural, ok.similarity], [true, true, 1]);
    const bad = scoreCase(at(2, 1), { line: 2, turn: 1, calls: [{ name: 'get_weather', arguments: '{}' }], content: null });
    assert.deepEqual([bad.exact, bad.functional, bad.similarity, bad.reason], [false, false, 0, 'No call was expected, the model made 1.']);
  });

  it('counts a missing prediction as a miss', () => {
    const r = scoreCase(at(1, 1), undefined);
    assert.deepEqual([r.predicted, r.exact, r.functional, r.structural], [false, false, false, false]);
  });

  it('separates exact from structural: "42" vs 42 fails the integer type', () => {
    const r = scoreCase(at(6, 3), { line: 6, turn: 3, calls: [{ name: 'get_order', arguments: '{"id": "42"}' }], content: null });
    assert.deepEqual([r.exact, r.fuzzy, r.structural], [false, true, false]);
    assert.equal(r.reason, "Parameter 'id' should be of type integer, got string.");
  });
});

describe('summarize', () => {
  // (6,1) predicts 42 where "42" was expected: fuzzy (ratio 0.909) but neither exact nor
  // structural; (6,3) has no prediction; (4,6) expected no call and got one.
  it('gives fractions overall, per tool and per category', () => {
    const lines = [
      predict(1, 1, [fn('get_weather', '{"city": "paris"}')]),
      predict(2, 1, undefined, 'Hello'),
      predict(4, 1, [fn('get_weather', '{"city": "Paris"}'), fn('get_weather', '{"city": "Tokyo"}')]),
      predict(4, 4, [fn('get_time', '{"tz": "Asia/Tokyo"}')]),
      predict(4, 6, [fn('get_time', '{"tz": "UTC"}')]),
      predict(6, 1, [fn('get_order', '{"id": 42}')]),
      predict(7, 3, [fn('get_order', '{"id": 7}')]),
    ].join('\n');
    const { predictions, errors } = parsePredictions(lines);
    assert.deepEqual(errors, []);
    const summary = summarize(scoreCases(cases, predictions));
    assert.deepEqual(summary, {
      total: 8, exact_match: 4 / 8, fuzzy_match: 6 / 8, functional_match: 6 / 8, structural_match: 5 / 8,
      by_tool: {
        '(no call)': { total: 2, exact_match: 0.5, fuzzy_match: 0.5, functional_match: 0.5, structural_match: 0.5 },
        get_order: { total: 3, exact_match: 1 / 3, fuzzy_match: 2 / 3, functional_match: 2 / 3, structural_match: 1 / 3 },
        get_time: { total: 1, exact_match: 1, fuzzy_match: 1, functional_match: 1, structural_match: 1 },
        get_weather: { total: 2, exact_match: 0.5, fuzzy_match: 1, functional_match: 1, structural_match: 1 },
      },
      by_category: {
        'error-recovery': { total: 3, exact_match: 1 / 3, fuzzy_match: 2 / 3, functional_match: 2 / 3, structural_match: 1 / 3 },
        'multi-step': { total: 3, exact_match: 2 / 3, fuzzy_match: 2 / 3, functional_match: 2 / 3, structural_match: 2 / 3 },
        'no-call': { total: 1, exact_match: 1, fuzzy_match: 1, functional_match: 1, structural_match: 1 },
        'single-call': { total: 1, exact_match: 0, fuzzy_match: 1, functional_match: 1, structural_match: 1 },
      },
    });
  });

  it('gives zeros for no cases', () => {
    assert.deepEqual(summarize([]), { total: 0, exact_match: 0, fuzzy_match: 0, functional_match: 0, structural_match: 0, by_tool: {}, by_category: {} });
  });
});

describe('parsePredictions', () => {
  it('reports each bad line with a clear message', () => {
    const { predictions, errors } = parsePredictions(
      ['{"line": 1, "turn": 1}', 'nope', '{"line": 0, "turn": 1}', '{"line": 2, "turn": 1, "tool_calls": [{"function": {"name": "f", "arguments": {"a": 1}}}]}', '{"line": 1, "turn": 1}'].join('\n'),
    );
    assert.equal(predictions.size, 1);
    assert.deepEqual(predictions.get('1:1'), { line: 1, turn: 1, calls: [], content: null });
    assert.deepEqual(errors.map((e) => e.line), [2, 3, 4, 5]);
    assert.deepEqual(errors.slice(1), [
      { line: 3, message: '"line" must be an integer >= 1 (the 1-based line of the example).' },
      { line: 4, message: 'tool_calls[0].function.arguments must be a string holding JSON, as the API returns it.' },
      { line: 5, message: 'A prediction for line 1, turn 1 was already given.' },
    ]);
  });
});

describe('assignment', () => {
  it('finds a perfect matching only when one exists', () => {
    assert.equal(hasPerfectMatching(3, (i, j) => (i + 1) % 3 === j), true);
    assert.equal(hasPerfectMatching(2, (_i, j) => j === 0), false);
  });

  it('maximises the total weight on rectangular matrices', () => {
    assert.deepEqual(maxWeightAssignment([[0.9, 0.1], [0.8, 0.7]], 2), { total: 0.9 + 0.7, columnOf: [0, 1] });
    assert.deepEqual(maxWeightAssignment([[0.2, 0.6, 0.1]], 3), { total: 0.6, columnOf: [1] });
    assert.deepEqual(maxWeightAssignment([[0.3], [0.4]], 1), { total: 0.4, columnOf: [-1, 0] });
  });
});
