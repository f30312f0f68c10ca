// Threat 1 (ReDoS): patterns run on RE2 in linear time; patterns RE2 cannot run become problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCache } from '../../../core/schema/index.ts';
import { CALIBRATED_FACTOR, CALIBRATED_SLACK_MS, fastestOf } from '../../helpers/latency.ts';

test('a catastrophic-backtracking pattern is checked in linear time', () => {
  const cache = new SchemaCache();
  const compiled = cache.compile({ type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } });
  assert.deepEqual(compiled.problems, []);
  const args = { s: 'a'.repeat(40) + '!' };
  const errors = compiled.validate!(args);
  // Load-independent: the hostile subject costs about what a matching subject of the same length
  // costs (linear time), both timed in this process; backtracking would take seconds.
  const { workMs, calibrationMs } = fastestOf(5, () => compiled.validate!(args), () => compiled.validate!({ s: 'a'.repeat(41) }));
  console.log(`hostile ${workMs.toFixed(3)} ms, matching ${calibrationMs.toFixed(3)} ms`);
  assert.ok(workMs < CALIBRATED_FACTOR * calibrationMs + CALIBRATED_SLACK_MS, `hostile ${workMs} ms, matching ${calibrationMs} ms`);
  assert.deepEqual(errors, [{
    keyword: 'pattern',
    instancePath: ['s'],
    params: { pattern: '^(a+)+$' },
    message: 'must match pattern "^(a+)+$"',
  }]);
  assert.deepEqual(compiled.validate!({ s: 'aaaa' }), []);
});

test('a look-around is an unsupported-pattern problem and only that keyword is dropped', () => {
  const compiled = new SchemaCache().compile({
    type: 'object',
    properties: { unit: { type: 'string', pattern: '(?=a)', maxLength: 3 } },
  });
  assert.deepEqual(compiled.problems, [{
    code: 'unsupported-pattern',
    message: 'Pattern "(?=a)" uses a look-around, which is not supported; use a pattern without look-arounds or back-references.',
    path: ['properties', 'unit', 'pattern'],
    fatal: false,
  }]);
  assert.deepEqual(compiled.validate!({ unit: 'bbb' }), []);
  assert.deepEqual(compiled.validate!({ unit: 'bbbb' }).map((e) => e.keyword), ['maxLength']);
});

test('back-references (numbered and named) are unsupported-pattern problems', () => {
  const cache = new SchemaCache();
  const numbered = cache.compile({ type: 'string', pattern: '(a)\\1' });
  assert.deepEqual(numbered.problems.map((p) => [p.code, p.message, p.path]), [[
    'unsupported-pattern',
    'Pattern "(a)\\1" uses a back-reference, which is not supported; use a pattern without look-arounds or back-references.',
    ['pattern'],
  ]]);
  const named = cache.compile({ type: 'string', pattern: '(?<x>a)\\k<x>' });
  assert.deepEqual(named.problems.map((p) => p.code), ['unsupported-pattern']);
  // A "\1" inside a character class is not a back-reference.
  assert.deepEqual(cache.compile({ type: 'string', pattern: '^[a-z]+$' }).problems, []);
});

test('an unsupported patternProperties key is reported at its path; fatal only if other properties are constrained', () => {
  const cache = new SchemaCache();
  const open = cache.compile({ type: 'object', patternProperties: { '^(?!x)': { type: 'string' }, '^n_': { type: 'number' } } });
  assert.deepEqual(open.problems, [{
    code: 'unsupported-pattern',
    message: 'Pattern "^(?!x)" uses a look-around, which is not supported; use a pattern without look-arounds or back-references.',
    path: ['patternProperties', '^(?!x)'],
    fatal: false,
  }]);
  // The supported key still works.
  assert.deepEqual(open.validate!({ n_a: 'text' }).map((e) => [e.keyword, e.instancePath]), [['type', ['n_a']]]);

  const closed = cache.compile({ type: 'object', patternProperties: { '(?=a)': {} }, additionalProperties: false });
  assert.deepEqual(closed.problems.map((p) => [p.code, p.path, p.fatal]), [['unsupported-pattern', ['patternProperties', '(?=a)'], true]]);
  assert.equal(closed.validate, null);
});

test('a pattern that is not a valid JavaScript regex is an invalid-schema problem', () => {
  const compiled = new SchemaCache().compile({ type: 'string', pattern: '(' });
  assert.deepEqual(compiled.problems, [{
    code: 'invalid-schema',
    message: 'Pattern "(" is not a valid regular expression (Unterminated group); fix its syntax.',
    path: ['pattern'],
    fatal: true,
  }]);
});

test('JavaScript-only syntax (\\u escapes, named groups) is translated for RE2', () => {
  const compiled = new SchemaCache().compile({ type: 'string', pattern: '^(?<word>\\u00e9+)$' });
  assert.deepEqual(compiled.problems, []);
  assert.deepEqual(compiled.validate!('éé'), []);
  assert.deepEqual(compiled.validate!('e').map((e) => e.keyword), ['pattern']);
});
