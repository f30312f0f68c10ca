// Drift on a tools file: TC440-TC444 at the tightest range, and "Update from source" edits that
// change nothing the source did not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { driftDiagnostics } from '../../../core/tools/diff/driftDiagnostics.ts';
import { singleEdit, updatedText } from '../../../core/tools/diff/driftEdits.ts';
import { driftReport } from '../../../core/tools/diff/driftReport.ts';
import { callLine } from './servers.ts';

const tool = (name: string, properties: Record<string, unknown>, required: string[] = [], description = `Tool ${name}.`) => ({
  type: 'function',
  function: { name, description, parameters: { type: 'object', properties, required } },
});
const before = [tool('get_weather', { city: { type: 'string' } }, ['city']), tool('search', { query: { type: 'string' } }, ['query']), tool('get_time', { city: { type: 'string' } }, ['city'])];
const after = [tool('get_weather', { city: { type: 'string' }, country: { type: 'string' } }, ['city', 'country']), tool('get_time', { city: { type: 'string' } }, ['city'], 'Local time.'), tool('book', { place: { type: 'string' } }, ['place'])];
const pretty = JSON.stringify(before, null, 2) + '\n';
const dataset = [{ file: 'train.jsonl', lines: [callLine('get_weather', { city: 'Paris' }), callLine('search', { query: 'x' }), callLine('get_time', { city: 'Rome' })] }];
const report = driftReport(before, after, dataset, 'node s.mjs');

test('diagnostics: the name of each removed or changed tool, the array bracket for a new one, broken lines named', () => {
  const diagnostics = driftDiagnostics(pretty, report).map(({ start, end, severity, code, message, tool }) => ({ at: [start.line, start.character, end.line, end.character], severity, code, message, tool }));
  assert.deepEqual(diagnostics, [
    { at: [4, 14, 4, 27], severity: 'warning', code: 'TC441', tool: 'get_weather', message: 'Tool "get_weather" differs from node s.mjs (parameter "country" of "get_weather" was added as required) and breaks 1 dataset line: train.jsonl:1.' },
    { at: [22, 14, 22, 22], severity: 'warning', code: 'TC440', tool: 'search', message: 'Tool "search" is no longer offered by node s.mjs and breaks 1 dataset line: train.jsonl:2.' },
    { at: [40, 14, 40, 24], severity: 'info', code: 'TC442', tool: 'get_time', message: 'Tool "get_time" differs from node s.mjs (the description of "get_time" changed); 1 dataset line still uses it as it was.' },
    { at: [0, 0, 0, 1], severity: 'info', code: 'TC443', tool: 'book', message: 'node s.mjs offers a tool this file does not declare: "book".' },
  ]);
  assert.equal(pretty.split('\n')[4].slice(14, 27), '"get_weather"');
});

test('diagnostics: severities from settings, and TC444 at the first character when the source failed', () => {
  assert.deepEqual(driftDiagnostics(pretty, report, { TC442: 'off', TC443: 'off', TC441: 'error' }).map((d) => [d.code, d.severity]), [['TC441', 'error'], ['TC440', 'warning']]);
  const failed = driftDiagnostics(pretty, { source: 'node s.mjs', error: 'MCP server node s.mjs did not list its tools within 30 s.' });
  assert.deepEqual(failed.map(({ start, end, code, message }) => ({ start, end, code, message })), [{
    start: { line: 0, character: 0 }, end: { line: 0, character: 1 }, code: 'TC444',
    message: 'The source of this tools file, node s.mjs, could not be read: MCP server node s.mjs did not list its tools within 30 s.',
  }]);
});

test('a tools file in the {"tools": [...]} shape: the new-tool diagnostic sits on its array', () => {
  const wrapped = JSON.stringify({ tools: before }, null, 2);
  const added = driftDiagnostics(wrapped, report).find((d) => d.code === 'TC443')!;
  assert.deepEqual([added.start, added.end], [{ line: 1, character: 11 }, { line: 1, character: 12 }]);
});

test('update one tool: the edit covers only what the source changed', () => {
  const edits = Object.fromEntries(report.tools.map((d) => [d.tool, singleEdit(pretty, updatedText(pretty, [d])!)]));
  const at = (s: string) => pretty.indexOf(s);
  assert.deepEqual(edits.get_time, { start: at('Tool get_time.'), end: at('Tool get_time.') + 'Tool '.length + 'get_'.length, newText: 'Local ' });
  const apply = (e: { start: number; end: number; newText: string }) => pretty.slice(0, e.start) + e.newText + pretty.slice(e.end);
  assert.equal(edits.search!.newText, '');
  assert.equal(apply(edits.search!), JSON.stringify([before[0], before[2]], null, 2) + '\n');
  assert.equal(apply(edits.get_weather!), JSON.stringify([after[0], before[1], before[2]], null, 2) + '\n');
  assert.equal(edits.book!.start, pretty.lastIndexOf('}') + 1);
  assert.equal(edits.book!.end, edits.book!.start);
  assert.equal(edits.book!.newText, ',\n' + JSON.stringify(after[2], null, 2).replace(/^/gm, '  '));
});

test('update all: the file declares exactly the source tools, formatted like the rest; a one-line file stays on one line', () => {
  assert.equal(updatedText(pretty, report.tools), JSON.stringify(after, null, 2) + '\n');
  const compact = JSON.stringify(before);
  const updated = updatedText(compact, report.tools)!;
  assert.deepEqual(JSON.parse(updated), after);
  assert.equal(updated.includes('\n'), false);
});

test('no drift, no edit', () => {
  assert.equal(singleEdit(pretty, updatedText(pretty, [])!), undefined);
});

test('update in a {"tools", "toolNames"} file keeps the name mapping right for the tools it declares', () => {
  const a = tool('weather_get', {});
  const b = tool('files_read', {});
  const text = JSON.stringify({ tools: [a, tool('gone', {})], toolNames: { weather_get: 'weather.get', gone: 'gone!' } }, null, 2) + '\n';
  const renamed = [{ from: 'weather.get', to: 'weather_get' }, { from: 'files/read', to: 'files_read' }];
  const drifts = driftReport([a, tool('gone', {})], [a, b], [], 'server').tools;
  assert.deepEqual(JSON.parse(updatedText(text, drifts, renamed)!), { tools: [a, b], toolNames: { weather_get: 'weather.get', files_read: 'files/read' } });
  // Only the new tool: the mapping gains it and keeps the entry of "gone", still declared.
  const onlyAdd = updatedText(text, drifts.filter((d) => d.status === 'added'), renamed)!;
  assert.deepEqual(JSON.parse(onlyAdd).toolNames, { weather_get: 'weather.get', gone: 'gone!', files_read: 'files/read' });
  // Nothing to change: the text is the same string.
  assert.equal(updatedText(text, [], [{ from: 'weather.get', to: 'weather_get' }]), text);
  // The last mapped tool removed: the mapping goes.
  const single = JSON.stringify({ tools: [a, tool('x', {})], toolNames: { x: 'x!' } }, null, 2);
  assert.deepEqual(JSON.parse(updatedText(single, driftReport([a, tool('x', {})], [a], [], 's').tools, [])!), { tools: [a] });
  // A bare array has nowhere to keep a mapping: left as it is.
  assert.equal(updatedText(JSON.stringify([a]), [], renamed), JSON.stringify([a]));
});
