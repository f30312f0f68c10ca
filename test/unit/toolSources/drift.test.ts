// Drift between a tools file and its source, and the dataset lines each change breaks or makes stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTools } from '../../../core/tools/diff/toolsDiff.ts';
import { driftJson, driftReport, driftText } from '../../../core/tools/diff/driftReport.ts';
import { callLine } from './servers.ts';

const tool = (name: string, properties: Record<string, unknown>, required: string[] = [], description = `Tool ${name}.`) => ({
  type: 'function',
  function: { name, description, parameters: { type: 'object', properties, required } },
});

const before = [
  tool('get_weather', { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, ['city']),
  tool('search', { query: { type: 'string' }, limit: { type: 'integer' } }, ['query']),
  tool('get_time', { city: { type: 'string' } }, ['city']),
];
const after = [
  tool('get_weather', { city: { type: 'string' }, country: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f', 'k'] } }, ['city', 'country']),
  tool('get_time', { city: { type: 'string' } }, ['city'], 'Local time.'),
  tool('book', { place: { type: 'string' } }, ['place']),
];

test('diffTools: removed and changed in the file order, then added; each change says whether it breaks calls', () => {
  const diffs = diffTools(before, after);
  assert.deepEqual(diffs.map((d) => [d.tool, d.status]), [['get_weather', 'changed'], ['search', 'removed'], ['get_time', 'changed'], ['book', 'added']]);
  assert.deepEqual(diffs[0].changes, [
    { kind: 'parameter-added', parameter: 'country', breaking: true, message: 'Parameter "country" of "get_weather" was added as required.' },
    { kind: 'parameter-enum', parameter: 'unit', breaking: false, message: 'Allowed values of "unit" of "get_weather" changed: gained "k".' },
  ]);
  assert.deepEqual(diffs[2].changes, [{ kind: 'description', breaking: false, message: 'The description of "get_time" changed.' }]);
});

test('diffTools: removed parameter, type narrowed or widened, required and optional', () => {
  const a = [tool('t', { x: { type: 'number' }, y: { type: 'string' }, z: { type: 'integer' }, w: { type: 'string' } }, ['x'])];
  const b = [tool('t', { x: { type: 'integer' }, z: { type: 'number' }, w: { type: 'string', minLength: 2 } }, ['w'])];
  assert.deepEqual(diffTools(a, b)[0].changes, [
    { kind: 'parameter-removed', parameter: 'y', breaking: true, message: 'Parameter "y" of "t" was removed.' },
    { kind: 'parameter-optional', parameter: 'x', breaking: false, message: 'Parameter "x" of "t" is now optional.' },
    { kind: 'parameter-type', parameter: 'x', breaking: true, message: 'Parameter "x" of "t" changed type from number to integer.' },
    { kind: 'parameter-type', parameter: 'z', breaking: false, message: 'Parameter "z" of "t" changed type from integer to number.' },
    { kind: 'parameter-required', parameter: 'w', breaking: true, message: 'Parameter "w" of "t" is now required.' },
    { kind: 'parameter-schema', parameter: 'w', breaking: false, message: 'The schema of parameter "w" of "t" changed.' },
  ]);
});

test('identical declarations (keys in another order) are no drift', () => {
  const reordered = before.map((t) => ({ function: { parameters: t.function.parameters, description: t.function.description, name: t.function.name }, type: 'function' }));
  assert.deepEqual(diffTools(before, reordered), []);
  assert.equal(driftText(driftReport(before, reordered, [], 'x.tools.json')), 'No drift from x.tools.json.\n');
});

const dataset = [
  callLine('get_weather', { city: 'Paris' }), // 1: country now required -> broken
  callLine('get_weather', { city: 'Oslo', country: 'NO' }), // 2: still valid -> stale
  callLine('search', { query: 'cafe' }), // 3: search removed -> broken
  callLine('get_time', { city: 'Rome' }), // 4: description only -> stale
  callLine('book', { place: 'Chez Nous' }), // 5: a new tool: nothing to say
  '', // 6: blank
  callLine('get_weather', { unit: 'c' }), // 7: already invalid before (no city): not blamed on the drift -> stale
  callLine('noop', {}, [before[2]]), // 8: declares get_time inline, calls nothing that drifted -> stale
];

test('driftReport: broken and stale lines per tool, 1-based, with the reason', () => {
  const report = driftReport(before, after, [{ file: 'train.jsonl', lines: dataset }], 'server');
  const lines = (name: string) => report.tools.find((t) => t.tool === name)!;
  assert.deepEqual(lines('get_weather').broken, [{ file: 'train.jsonl', line: 1, reason: 'a call to "get_weather" is now invalid: must have required property \'country\'' }]);
  assert.deepEqual(lines('get_weather').stale.map((l) => l.line), [2, 7]);
  assert.deepEqual(lines('search').broken, [{ file: 'train.jsonl', line: 3, reason: 'calls "search", which the source no longer offers' }]);
  assert.deepEqual(lines('get_time').stale.map((l) => l.line), [4, 8]);
  assert.deepEqual(lines('get_time').broken, []);
  assert.equal(lines('get_time').breaking, false);
  assert.deepEqual(lines('book'), { tool: 'book', status: 'added', changes: [], breaking: false, broken: [], stale: [], declaration: after[2] });
  assert.deepEqual(report.counts, { added: 1, removed: 1, changed: 2, brokenLines: 2, staleLines: 4 });
  assert.equal(report.breaking, true);
});

test('driftText and driftJson', () => {
  const report = driftReport(before, after, [{ file: 'train.jsonl', lines: dataset }], 'server');
  assert.equal(driftText(report), [
    'Drift from server: 1 added, 1 removed, 2 changed; 2 dataset lines broken, 4 stale.',
    'changed get_weather (breaking)',
    '  ! Parameter "country" of "get_weather" was added as required.',
    '  - Allowed values of "unit" of "get_weather" changed: gained "k".',
    '  breaks train.jsonl:1: a call to "get_weather" is now invalid: must have required property \'country\'',
    '  stale train.jsonl:2: calls or declares "get_weather" as it was before',
    '  stale train.jsonl:7: calls or declares "get_weather" as it was before',
    'removed search (breaking)',
    '  breaks train.jsonl:3: calls "search", which the source no longer offers',
    'changed get_time',
    '  - The description of "get_time" changed.',
    '  stale train.jsonl:4: calls or declares "get_time" as it was before',
    '  stale train.jsonl:8: calls or declares "get_time" as it was before',
    'added book',
    'Breaking drift: the dataset teaches calls the source no longer accepts, or the source lost tools.',
    '',
  ].join('\n'));
  const json = JSON.parse(driftJson(report));
  assert.equal(json.breaking, true);
  assert.deepEqual(json.tools.map((t: { tool: string; breaking: boolean }) => [t.tool, t.breaking]), [['get_weather', true], ['search', true], ['get_time', false], ['book', false]]);
  assert.equal('declaration' in json.tools[3], false);
});

test('a non-breaking drift: only added tools and new optional parameters', () => {
  const grown = [tool('get_weather', { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] }, days: { type: 'integer' } }, ['city']), before[1], before[2], after[2]];
  const report = driftReport(before, grown, [{ file: 'train.jsonl', lines: dataset }], 'server');
  assert.equal(report.breaking, false);
  assert.deepEqual(report.tools.map((t) => [t.tool, t.status, t.breaking]), [['get_weather', 'changed', false], ['book', 'added', false]]);
});
