// Issue 16: draft-3 "required": true on properties. One declaration diagnostic (TC412), the
// calls checked as if the flags were lifted, and a fix that lifts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixesOf, lineDiagnostics } from '../authoring/helpers.ts';

const parameters = {
  type: 'object',
  properties: {
    city: { type: 'string', required: true },
    days: { type: 'integer', required: true },
    unit: { type: 'string', required: false },
    where: { type: 'object', required: true, properties: { lat: { type: 'number', required: true }, lon: { type: 'number' } } },
  },
};
const example = (args: string, params: unknown = parameters) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'forecast', arguments: args } }] },
    ],
    tools: [{ type: 'function', function: { name: 'forecast', parameters: params } }],
  });

const shown = (text: string) => lineDiagnostics(text).map((d) => [d.code, text.slice(d.start, d.end), d.message]);

test('draft-3 required flags: one TC412 on the declaration, and the calls checked as if lifted', () => {
  const text = example('{"city": "Oslo", "days": "2", "where": {"lon": 1}}');
  assert.deepEqual(shown(text), [
    ['TC512', '\\"2\\"', 'Argument "days" must be integer, not a string ("2").'],
    ['TC511', '{', 'Missing required argument "lat" in argument "where".'],
    // Once, on the first flag ("city"), not one TC407 per property.
    ['TC412', 'true', 'Parameters of "forecast" mark properties with the draft-3 "required": true (city, days, lat, where); JSON Schema lists required properties in a "required" array on their object, so calls are checked as if they were listed there.'],
  ]);
  const first = lineDiagnostics(text).find((d) => d.code === 'TC412')!;
  assert.equal(first.start, text.indexOf('"required":true') + '"required":'.length);
});

test('draft-3 required flags: the fix lifts them into "required" arrays in the line\'s style; re-validated, only the call\'s own errors remain', () => {
  const text = example('{"city": "Oslo", "days": "2", "where": {"lon": 1}}');
  const fixes = fixesOf(text, 'TC412');
  assert.deepEqual(fixes.map((f) => [f.title, f.preferred, f.auto]), [['Lift the draft-3 "required" flags of "forecast" into "required" arrays', true, true]]);
  const lifted = {
    type: 'object',
    properties: {
      city: { type: 'string' },
      days: { type: 'integer' },
      unit: { type: 'string' },
      where: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } }, required: ['lat'] },
    },
    required: ['city', 'days', 'where'],
  };
  assert.equal(fixes[0].line, example('{"city": "Oslo", "days": "2", "where": {"lon": 1}}', lifted));
  assert.deepEqual(shown(fixes[0].line).map(([code]) => code), ['TC512', 'TC511']);
  // A valid call passes after the fix as before it.
  assert.deepEqual(shown(example('{"city": "Oslo", "days": 2, "where": {"lat": 1}}')).map(([code]) => code), ['TC412']);
});

test('draft-3 required flags: an existing "required" array is extended, spaced style kept', () => {
  const params = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string', required: true } }, required: ['a'] };
  const text = JSON.stringify({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }], tools: [{ type: 'function', function: { name: 'f', parameters: params } }] }, null, 0)
    .replaceAll('":', '": ').replaceAll(',"', ', "');
  const [fix] = fixesOf(text, 'TC412');
  assert.equal(fix.line, text.replace(', "required": true', '').replace('"required": ["a"]', '"required": ["a", "b"]'));
  assert.deepEqual(shown(fix.line), []);
});
