import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTools, formatRefusals } from '../../../core/tools/apply.ts';
import { canonicalTools, extractTools } from '../../../core/tools/extract.ts';
import { fixtureJson, fixtureLines } from './helpers.ts';

const weather = fixtureLines('weather-drift.jsonl');
const drone = fixtureLines('drone-excerpt.jsonl');

test('refuses, changing nothing, when a call valid before would break: line 4 passes "kelvin"', () => {
  const result = applyTools(weather, fixtureJson('weather.tools.json'));
  assert.deepEqual(result, {
    ok: false,
    toolsFileErrors: [],
    refusals: [{ line: 3, tool: 'get_weather', reason: '"unit" must be equal to one of the allowed values ("celsius", "fahrenheit")' }],
  });
  assert.equal(formatRefusals(result.ok ? [] : result.refusals), 'line 4: get_weather: "unit" must be equal to one of the allowed values ("celsius", "fahrenheit")');
});

test('applies: only the differing declarations are replaced; the rest of each line is byte-identical', () => {
  const result = applyTools(weather, fixtureJson('weather-kelvin.tools.json'));
  assert.ok(result.ok);
  assert.deepEqual(result.changed, [0, 1, 2, 3, 4]);
  assert.deepEqual(result.notInToolsFile, [{ line: 5, tool: 'book_trip' }, { line: 6, tool: 'book_trip' }]);
  const A = '"enum":["celsius","fahrenheit"]';
  const K = '"enum":["celsius","fahrenheit","kelvin"]';
  assert.equal(result.lines[1], weather[1].replace(A, K));
  assert.equal(result.lines[2], weather[2].replace('"description":"Weather now."', '"description":"Current weather for a city."').replace(A, K));
  assert.equal(result.lines[3], weather[3].replace('"description":"Weather now."', '"description":"Current weather for a city."'));
  assert.deepEqual(result.lines.slice(5), weather.slice(5));
  // get_time was already canonical on lines 1 and 3: its text is untouched.
  const getTime = weather[0].slice(weather[0].indexOf('{"type":"function","function":{"name":"get_time"'));
  assert.ok(result.lines[0].endsWith(getTime));
});

test('calls already invalid before do not block', () => {
  const broken = weather[3].replace('\\"kelvin\\"', '42');
  const result = applyTools([broken], fixtureJson('weather.tools.json'));
  assert.ok(result.ok);
  assert.deepEqual(result.changed, [0]);
});

test('a tools file with errors is refused before any line is looked at', () => {
  assert.deepEqual(applyTools(weather, [{ type: 'function', function: { name: 'x' } }, { type: 'function', function: { name: 'x' } }]), {
    ok: false,
    refusals: [],
    toolsFileErrors: ['Tool "x" is declared twice (also at index 0); tool names must be unique.'],
  });
});

test('drone excerpt: applying its own extracted tools changes nothing', () => {
  const result = applyTools(drone, canonicalTools(extractTools(drone)));
  assert.ok(result.ok);
  assert.deepEqual(result.changed, []);
  assert.deepEqual(result.lines, drone);
});

test('drone excerpt: dropping "panorama" from control_camera refuses on the two panorama lines', () => {
  const tools = structuredClone(canonicalTools(extractTools(drone))) as any[];
  tools[4].function.parameters.properties.mode.enum = ['photo', 'video'];
  const result = applyTools(drone, tools);
  assert.deepEqual(result.ok ? [] : formatRefusals(result.refusals).split('\n'), [
    'line 5: control_camera: "mode" must be equal to one of the allowed values ("photo", "video")',
    'line 6: control_camera: "mode" must be equal to one of the allowed values ("photo", "video")',
  ]);
});

test('drone excerpt: a compatible change rewrites every line in the line\'s own style (", " and ": ")', () => {
  const tools = structuredClone(canonicalTools(extractTools(drone))) as any[];
  tools[0].function = { name: 'takeoff_drone', description: 'Takes off.', parameters: tools[0].function.parameters };
  const result = applyTools(drone, tools);
  assert.ok(result.ok);
  assert.equal(result.changed.length, 14);
  assert.equal(result.lines[0], drone[0].replace('{"name": "takeoff_drone", "parameters"', '{"name": "takeoff_drone", "description": "Takes off.", "parameters"'));
});
