import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkToolsFile, type ToolsFileDiagnostic } from '../../../core/tools/toolsFileCheck.ts';
import { fixtureJson, WORKSPACE_TOOLS } from './helpers.ts';

const bad = readFileSync(path.join(WORKSPACE_TOOLS, 'bad.tools.json'), 'utf8');
const rows = (ds: ToolsFileDiagnostic[]) => ds.map((d) => [d.start.line, d.start.character, d.end.line, d.end.character, d.severity, d.code]);

test('bad.tools.json: TC404/TC408 from the declaration checks and the hints, positioned in the multi-line file', () => {
  const found = checkToolsFile(bad);
  assert.deepEqual(rows(found), [
    [4, 14, 4, 27, 'error', 'TC404'],
    [4, 14, 4, 27, 'info', 'TC421'],
    [9, 10, 9, 16, 'info', 'TC420'],
    [9, 28, 9, 33, 'error', 'TC408'],
    [9, 43, 9, 57, 'info', 'TC422'],
    [23, 10, 23, 20, 'info', 'TC420'],
  ]);
  assert.deepEqual(found.map((d) => d.message), [
    'Tool name "get weather" must match ^[a-zA-Z0-9_-]{1,64}$ (letters, digits, _ and -, at most 64).',
    'Function "get weather" has no description; say what it does and when to call it, so the model can choose it.',
    'Parameter "unit" of "get weather" has no description; say what the value means and its format.',
    'Parameters of "get weather" use non-standard types: "str" (use "string"); JSON Schema knows only object, array, string, number, integer, boolean and null.',
    '"enum" of "get weather" mixes string and number values; use one type so arguments match as written.',
    'Parameter "timezone" of "get_time" has no description; say what the value means and its format.',
  ]);
});

test('strict readiness is off by default; on, TC430 on each object type and TC431 on optional properties', () => {
  assert.deepEqual(rows(checkToolsFile(bad, { strictReadiness: true })).filter((r) => String(r[5]).startsWith('TC43')), [
    [6, 16, 6, 24, 'warning', 'TC430'],
    [9, 10, 9, 16, 'warning', 'TC431'],
    [21, 16, 21, 24, 'warning', 'TC430'],
  ]);
});

test('TC432: keywords outside the strict subset, at the keyword; TC430 at an existing additionalProperties', () => {
  const text = JSON.stringify([{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object', additionalProperties: true, properties: { q: { type: 'string', description: 'q', minLength: 1, default: 'x' } }, required: ['q'] } } }]);
  const found = checkToolsFile(text, { strictReadiness: true });
  assert.deepEqual(found.map((d) => [d.code, text.slice(d.start.character, d.end.character)]), [
    ['TC430', 'true'],
    ['TC432', '"minLength"'],
    ['TC432', '"default"'],
  ]);
});

test('severity overrides apply to the new codes; "{"tools": [...]}" files are checked at their real paths', () => {
  const text = JSON.stringify({ tools: [{ type: 'function', function: { name: 'a b' } }] }, null, 1);
  assert.deepEqual(checkToolsFile(text, { severity: { TC421: 'off' } }).map((d) => [d.code, d.start.line]), [['TC404', 5]]);
});

test('text that is not JSON gets no diagnostics (the editor reports syntax errors); a non-array gets TC401', () => {
  assert.deepEqual(checkToolsFile('[{'), []);
  assert.deepEqual(checkToolsFile('{"a": 1}').map((d) => [d.code, d.start, d.end]), [['TC401', { line: 0, character: 0 }, { line: 0, character: 8 }]]);
});

test('the weather fixtures are clean apart from the missing description of "unit"', () => {
  const text = JSON.stringify(fixtureJson('weather.tools.json'), null, 2);
  assert.deepEqual(checkToolsFile(text).map((d) => [d.code, d.message]), [['TC420', 'Parameter "unit" of "get_weather" has no description; say what the value means and its format.']]);
});
