import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalTools, driftReport, extractTools, toolsFileText } from '../../../core/tools/extract.ts';
import { fixtureJson, fixtureLines } from './helpers.ts';

const weather = fixtureLines('weather-drift.jsonl');
const drone = fixtureLines('drone-excerpt.jsonl');
const summary = (lines: string[]) =>
  extractTools(lines).tools.map((t) => ({ name: t.name, canonical: t.canonical, variants: t.variants.map((v) => v.lines), calls: t.callLines }));

test('weather: every distinct declaration per tool with its lines; the most used one is kept', () => {
  assert.deepEqual(summary(weather), [
    { name: 'get_weather', canonical: 0, variants: [[0, 1, 4], [2], [3]], calls: [0, 1, 3, 4] },
    { name: 'get_time', canonical: 0, variants: [[0, 2]], calls: [2] },
    { name: 'book_trip', canonical: 0, variants: [[5, 6]], calls: [5, 6] },
  ]);
  const extraction = extractTools(weather);
  assert.equal(extraction.lines, 8);
  assert.equal(extraction.linesWithTools, 7);
  assert.deepEqual(extraction.undeclared, []);
});

test('weather: the drift, line by line, with the fields that differ', () => {
  assert.deepEqual(extractTools(weather).drift, [
    { line: 2, tool: 'get_weather', variant: 1, fields: ['description'] },
    { line: 3, tool: 'get_weather', variant: 2, fields: ['description', 'parameters.properties.unit.enum'] },
  ]);
});

test('weather: the tools file holds the kept declarations in order of first appearance', () => {
  const [getWeather, getTime] = fixtureJson('weather.tools.json') as unknown[];
  const tools = canonicalTools(extractTools(weather));
  assert.deepEqual(tools.slice(0, 2), [getWeather, getTime]);
  assert.deepEqual(tools[2], { type: 'function', function: { name: 'book_trip', description: 'Books a trip.', parameters: { type: 'object', properties: {} } } });
  assert.equal(toolsFileText(extractTools(weather)), JSON.stringify(tools, null, 2) + '\n');
});

test('weather: the Markdown drift report', () => {
  assert.equal(driftReport(extractTools(weather), 'weather-drift.jsonl'), `# weather-drift.jsonl

3 tools declared in 7 of 8 lines; 1 declared in more than one way (2 drifting declarations).

| Tool | Declarations | Declared on | Called on |
| --- | --- | --- | --- |
| \`get_weather\` | 3 | 5 lines | 4 lines |
| \`get_time\` | 1 | 2 lines | 1 line |
| \`book_trip\` | 1 | 2 lines | 2 lines |

## \`get_weather\`

- A: 3 lines (1-2, 5), kept in the tools file
- B: 1 line (3), differs in \`description\`
- C: 1 line (4), differs in \`description\`, \`parameters.properties.unit.enum\`

## Drift by line

- line 3: \`get_weather\` B: \`description\`
- line 4: \`get_weather\` C: \`description\`, \`parameters.properties.unit.enum\`
`);
});

test('calls to undeclared tools are listed; a tie keeps the first declaration seen', () => {
  const fn = (description: string) => ({ type: 'function', function: { name: 'f', description } });
  const line = (tools: unknown[], call?: string) => JSON.stringify({ messages: [{ role: 'user', content: 'x' }, ...(call ? [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: call, arguments: '{}' } }] }] : [])], tools });
  const extraction = extractTools([line([fn('one')]), line([fn('two')], 'g'), 'not json']);
  assert.deepEqual(extraction.undeclared, [{ name: 'g', lines: [1] }]);
  assert.equal(extraction.tools[0].canonical, 0);
  assert.deepEqual(extraction.drift, [{ line: 1, tool: 'f', variant: 1, fields: ['description'] }]);
});

test('drone excerpt (openai-cookbook): 16 tools, one declaration each, no drift', () => {
  const extraction = extractTools(drone);
  assert.equal(extraction.lines, 14);
  assert.equal(extraction.linesWithTools, 14);
  assert.deepEqual(extraction.drift, []);
  assert.deepEqual(
    extraction.tools.map((t) => [t.name, t.variants.length, t.callLines.length]),
    [
      ['takeoff_drone', 1, 0], ['land_drone', 1, 0], ['control_drone_movement', 1, 0], ['set_drone_speed', 1, 0],
      ['control_camera', 1, 6], ['control_gimbal', 1, 0], ['set_drone_lighting', 1, 0], ['return_to_home', 1, 0],
      ['set_battery_saver_mode', 1, 0], ['set_obstacle_avoidance', 1, 0], ['set_follow_me_mode', 1, 0], ['calibrate_sensors', 1, 0],
      ['set_autopilot', 1, 0], ['configure_led_display', 1, 7], ['set_home_location', 1, 0], ['reject_request', 1, 1],
    ],
  );
  // The extracted declarations are the line's own, verbatim.
  assert.deepEqual(canonicalTools(extraction), JSON.parse(drone[0]).tools);
});
