import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callExample, diagnoseExample } from '../../helpers/diagnose.ts';
import { validateText } from '../../../core/validate.ts';

const seen = (args: unknown, name = 'get_weather') => diagnoseExample(callExample(args, name)).map((d) => [d.code, d.text]);

test('TC506: arguments as an object is named, and still checked against the schema', () => {
  assert.deepEqual(seen({ city: 'Paris', unit: 'kelvin' }), [['TC506', '{"city":"Paris","unit":"kelvin"}'], ['TC513', '"kelvin"']]);
});

test('TC507: double-encoded arguments', () => {
  assert.deepEqual(seen(JSON.stringify('{"city": "Paris"}')), [['TC507', String.raw`"\"{\\\"city\\\": \\\"Paris\\\"}\""`]]);
});

test('TC508: Python repr arguments, with the JSON they mean', () => {
  const result = validateText(JSON.stringify(callExample("{'city': 'Paris', 'days': 2, 'metric': True}"))).diagnostics;
  assert.deepEqual(result.map((d) => [d.code, d.data]), [['TC508', { json: '{"city": "Paris", "days": 2, "metric": true}' }], ['TC701', undefined]]);
});

test('TC509: not JSON, placed at the syntax error inside the string; truncated; empty', () => {
  assert.deepEqual(seen('{"city": Paris}'), [['TC509', 'Paris']]);
  assert.deepEqual(seen('{"city": "Par'), [['TC509', String.raw`\"Par`]]);
  assert.deepEqual(seen(''), [['TC509', '""']]);
});

test('TC510: arguments that are not an object', () => {
  assert.deepEqual(seen('[1]'), [['TC510', '"[1]"']]);
  assert.deepEqual(seen(5), [['TC510', '5']]);
});

test('TC511-TC515: schema errors underline the key or value INSIDE the arguments string', () => {
  assert.deepEqual(seen('{"unit": "celsius"}'), [['TC511', '{']]);
  assert.deepEqual(seen('{"city": "Paris", "unit": "kelvin"}'), [['TC513', String.raw`\"kelvin\"`]]);
  assert.deepEqual(seen('{"city": "Paris", "days": "5"}'), [['TC512', String.raw`\"5\"`]]);
  assert.deepEqual(seen('{"city": "Paris", "units": "celsius"}'), [['TC514', 'units']]);
  assert.deepEqual(seen('{"city": "Paris", "days": 0}'), [['TC515', '0']]);
});

test('ranges inside arguments survive escapes and non-ASCII text', () => {
  const args = '{"city": "Zürich\\n\\"Altstadt\\" 日本 😀", "unit": "kelvin"}';
  const line = JSON.stringify(callExample(args));
  const [d] = validateText(line).diagnostics;
  assert.equal(d.code, 'TC513');
  assert.equal(line.slice(d.start, d.end), String.raw`\"kelvin\"`);
  // Columns count UTF-16 units, as editors do: the emoji is two.
  assert.equal(d.start, line.indexOf(String.raw`\"kelvin`));
  const unicodeEscaped = line.replace('Zürich', '\\\\u005a\\\\u00fcrich');
  const [e] = validateText(unicodeEscaped).diagnostics;
  assert.equal(unicodeEscaped.slice(e.start, e.end), String.raw`\"kelvin\"`);
});

test('messages name the argument and the expectation', () => {
  const messages = validateText(JSON.stringify(callExample('{"city": "Paris", "days": "5", "unit": "kelvin", "x": 1}'))).diagnostics.map((d) => d.message);
  assert.deepEqual(messages.slice(0, 3), [
    'Argument "days" must be integer, not a string ("5").',
    'Argument "unit" must be one of "celsius", "fahrenheit"; got "kelvin".',
    'Unknown argument "x" for "get_weather"; allowed: city, unit, days.',
  ]);
});

test('TC509, not TC508: JSON arguments with a raw newline inside a string need escaping, not a Python conversion', () => {
  const seen = validateText(JSON.stringify(callExample('{"city": "Par\nis"}'))).diagnostics.filter((d) => d.code !== 'TC701');
  assert.deepEqual(seen.map((d) => [d.code, d.message]), [['TC509', '"arguments" is not valid JSON: control characters inside strings must be escaped (\\n, \\t, ...).']]);
});
