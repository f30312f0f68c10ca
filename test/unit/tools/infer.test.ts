import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calledTools, inferSchema } from '../../../core/tools/infer.ts';
import { fixtureLines } from './helpers.ts';

const weather = fixtureLines('weather-drift.jsonl');
const drone = fixtureLines('drone-excerpt.jsonl');
const callLine = (name: string, args: unknown) => JSON.stringify({ messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }] }] });

test('weather: required for keys in every call; enum for a repeated small set of strings', () => {
  assert.deepEqual(inferSchema(weather, 'get_weather'), {
    schema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'kelvin'] } }, required: ['city'] },
    calls: 4,
    skipped: [],
  });
});

test('book_trip: nested objects, arrays with merged items, integer and number merged to number, booleans', () => {
  assert.deepEqual(inferSchema(weather, 'book_trip').schema, {
    type: 'object',
    properties: {
      travelers: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } }, required: ['name'] } },
      dates: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } }, required: ['from'] },
      budget: { type: 'number' },
      direct: { type: 'boolean' },
    },
    required: ['travelers', 'dates', 'budget'],
  });
});

test('drone excerpt: control_camera and configure_led_display', () => {
  assert.deepEqual(inferSchema(drone, 'control_camera'), {
    schema: { type: 'object', properties: { mode: { type: 'string', enum: ['photo', 'video', 'panorama'] }, duration: { type: 'integer' } }, required: ['mode'] },
    calls: 6,
    skipped: [],
  });
  assert.deepEqual(inferSchema(drone, 'configure_led_display').schema, {
    type: 'object',
    properties: { pattern: { type: 'string', enum: ['solid', 'blink', 'pulse', 'rainbow'] }, color: { type: 'string', enum: ['yellow', 'red', 'blue', 'white'] } },
    required: ['pattern'],
  });
  assert.deepEqual(inferSchema(drone, 'reject_request'), { schema: { type: 'object', properties: {} }, calls: 1, skipped: [] });
  assert.deepEqual(calledTools(drone), [{ name: 'control_camera', calls: 6 }, { name: 'configure_led_display', calls: 7 }, { name: 'reject_request', calls: 1 }]);
});

test('the enum rule: >= 3 values seen, <= 5 distinct, at least one repeat', () => {
  const infer = (values: unknown[]) => inferSchema(values.map((v) => callLine('f', { v })), 'f').schema.properties;
  assert.deepEqual(infer(['a', 'b', 'a']), { v: { type: 'string', enum: ['a', 'b'] } });
  assert.deepEqual(infer(['a', 'a']), { v: { type: 'string' } }, 'two calls are not enough');
  assert.deepEqual(infer(['a', 'b', 'c']), { v: { type: 'string' } }, 'no value repeats');
  assert.deepEqual(infer(['a', 'b', 'c', 'd', 'e', 'f', 'a']), { v: { type: 'string' } }, 'six distinct values');
  assert.deepEqual(infer(['a', 'a', 1]), { v: { type: ['string', 'integer'] } }, 'mixed types: no enum');
  assert.deepEqual(infer([null, 'a']), { v: { type: ['string', 'null'] } });
  assert.deepEqual(infer([[], []]), { v: { type: 'array' } }, 'no element seen: no items');
});

test('unreadable arguments are skipped with their lines', () => {
  const result = inferSchema([callLine('f', { a: 1 }), callLine('f', '{oops'), callLine('f', '[1]'), callLine('g', { b: 1 })], 'f');
  assert.deepEqual(result, {
    schema: { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
    calls: 3,
    skipped: [{ line: 1, reason: '`arguments` is not valid JSON' }, { line: 2, reason: '`arguments` is not a JSON object' }],
  });
});
