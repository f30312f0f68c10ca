import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from 'jsonc-parser';
import { datasetNameRanges, lineNameSpans, rangeAt, toolsFileNameRanges } from '../../../core/tools/toolNames.ts';
import { setParametersInLines, setParametersInToolsFile } from '../../../core/tools/parametersEdit.ts';
import { fixtureLines, WORKSPACE_TOOLS } from './helpers.ts';

const trips = readFileSync(path.join(WORKSPACE_TOOLS, 'trips.jsonl'), 'utf8').replace(/\n$/, '').split('\n');
const tripsTools = readFileSync(path.join(WORKSPACE_TOOLS, 'trips.tools.json'), 'utf8');

test('name spans on a line: declarations and calls, the whole string token', () => {
  const spans = lineNameSpans(trips[2]);
  assert.deepEqual(spans.map((s) => [s.name, s.kind, trips[2].slice(s.start, s.end)]), [
    ['book_trip', 'declaration', '"book_trip"'],
    ['book_trip', 'call', '"book_trip"'],
  ]);
  assert.deepEqual(lineNameSpans(trips[1], 'book_trip'), []);
  assert.deepEqual(datasetNameRanges(trips, 'book_trip').map((r) => [r.start.line, r.kind]), [[0, 'call'], [2, 'declaration'], [2, 'call']]);
});

test('name ranges in a tools file, and the one under a position', () => {
  const ranges = toolsFileNameRanges(tripsTools);
  assert.deepEqual(ranges.map((r) => [r.name, r.start, r.end]), [
    ['book_trip', { line: 4, character: 14 }, { line: 4, character: 25 }],
    ['cancel_trip', { line: 19, character: 14 }, { line: 19, character: 27 }],
  ]);
  assert.equal(rangeAt(ranges, { line: 19, character: 20 })?.name, 'cancel_trip');
  assert.equal(rangeAt(ranges, { line: 5, character: 20 }), undefined);
});

test('parameters edits: replaced in dataset lines (added when missing), and in a tools file with its indent', () => {
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  const weather = fixtureLines('weather-drift.jsonl');
  const { lines, changed } = setParametersInLines(weather, 'book_trip', schema);
  assert.deepEqual(changed, [5, 6]);
  assert.equal(lines[5], weather[5].replace('"parameters":{"type":"object","properties":{}}', '"parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}'));
  const bare = JSON.stringify({ messages: [], tools: [{ type: 'function', function: { name: 'f', description: 'd' } }] });
  assert.equal(setParametersInLines([bare], 'f', { type: 'object' }).lines[0], bare.replace('"description":"d"', '"description":"d","parameters":{"type":"object"}'));

  const edits = setParametersInToolsFile(tripsTools, 'cancel_trip', { type: 'object', properties: {} });
  assert.ok(edits);
  const after = applyEdits(tripsTools, edits);
  assert.deepEqual(JSON.parse(after)[1].function.parameters, { type: 'object', properties: {} });
  assert.equal(after.split('\n').slice(20, 25).join('\n'), `      "description": "Cancels a booked trip.",
      "parameters": {
        "type": "object",
        "properties": {}
      }`);
  assert.equal(setParametersInToolsFile(tripsTools, 'nope', {}), undefined);
});
