import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseExample, WEATHER_TOOL } from '../../helpers/diagnose.ts';
import { validateText } from '../../../core/validate.ts';
import { ToolSetCache } from '../../../core/checks/toolSet.ts';

const messages = [
  { role: 'user', content: 'hi' },
  { role: 'assistant', content: 'hello' },
];
const withTools = (tools: unknown) => diagnoseExample({ messages, tools }).map((d) => [d.code, d.text]);
const fn = (name: string, parameters?: unknown, extra: Record<string, unknown> = {}) => ({ type: 'function', function: { name, ...(parameters === undefined ? {} : { parameters }), ...extra } });

test('TC401: tools not an array, a declaration not an object, no function object', () => {
  assert.deepEqual(withTools({}), [['TC401', '{}']]);
  assert.deepEqual(withTools([3]), [['TC401', '3']]);
  assert.deepEqual(withTools([{ type: 'function' }]), [['TC401', '{']]);
});

test('TC402/TC410: type must be function; unknown keys in declarations', () => {
  assert.deepEqual(withTools([{ type: 'retrieval', function: { name: 'a' } }]), [['TC402', '"retrieval"']]);
  assert.deepEqual(withTools([{ type: 'function', function: { name: 'a', returns: {} }, x: 1 }]), [['TC410', '"returns"'], ['TC410', '"x"']]);
});

test('TC403/TC404/TC405: names: missing, bad pattern, duplicate', () => {
  assert.deepEqual(withTools([{ type: 'function', function: { description: 'd' } }]), [['TC403', '{']]);
  assert.deepEqual(withTools([fn('math.factorial')]), [['TC404', '"math.factorial"']]);
  assert.deepEqual(withTools([fn('a'.repeat(65))]).map(([c]) => c), ['TC404']);
  assert.deepEqual(withTools([fn('a'), fn('a')]), [['TC405', '"a"']]);
});

test('TC406/TC407: parameters must be a valid object schema', () => {
  assert.deepEqual(withTools([fn('a', 'x')]), [['TC406', '"x"']]);
  assert.deepEqual(withTools([fn('a', { type: 'array' })]), [['TC406', '"array"']]);
  const invalid = withTools([fn('a', { type: 'object', properties: { n: { type: 5 } } })]);
  assert.equal(invalid[0][0], 'TC407');
});

test('TC408: non-standard types give ONE diagnostic per declaration, and calls are still checked', () => {
  const tool = fn('calc', { type: 'dict', properties: { x: { type: 'float' }, n: { type: 'int' }, tags: { type: 'tuple', items: { type: 'str' } } }, required: ['x'] });
  const example = {
    messages: [
      { role: 'user', content: 'hi' },
      { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'calc', arguments: '{"x": 1.5, "n": 2}' } }] },
    ],
    tools: [tool],
  };
  const result = validateText(JSON.stringify(example)).diagnostics.filter((d) => d.code !== 'TC701');
  assert.deepEqual(result.map((d) => d.code), ['TC408']);
  assert.equal(result[0].message, 'Parameters of "calc" use non-standard types: "dict" (use "object"), "float" (use "number"), "int" (use "integer"), "tuple" (use "array"), "str" (use "string"); JSON Schema knows only object, array, string, number, integer, boolean and null.');
  const wrongCall = JSON.stringify(example).replace('{\\"x\\": 1.5, \\"n\\": 2}', '{\\"n\\": \\"two\\"}');
  assert.deepEqual(validateText(wrongCall).diagnostics.filter((d) => d.code !== 'TC701').map((d) => d.code), ['TC511', 'TC512', 'TC408']);
});

test('TC411: description must be a string', () => {
  assert.deepEqual(withTools([fn('a', undefined, { description: 3 })]), [['TC411', '3']]);
});

test('a valid declaration gives nothing', () => {
  assert.deepEqual(withTools([WEATHER_TOOL]), []);
});

test('TC409: schema features that cannot be checked are reported on the schema, and the rest is still checked', () => {
  const lookAround = fn('a', { type: 'object', properties: { s: { type: 'string', pattern: '(?=a)' } } });
  const seen = withTools([lookAround]);
  assert.deepEqual(seen, [['TC409', '"(?=a)"']]);
  const remote = withTools([fn('b', { type: 'object', properties: { x: { $ref: 'https://example.invalid/s.json' } } })]);
  assert.deepEqual(remote.map(([c]) => c), ['TC409']);
});

test('a member analysed by its text keeps its parsed array, not a copy, and lines with the same array by value share its analysis', () => {
  const text = JSON.stringify([{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'str' } } } } }]);
  const cache = new ToolSetCache();
  const array = JSON.parse(text) as unknown[];
  const analysis = cache.analyzeMember(array, 'tools', text)!;
  assert.equal(analysis.value, array);
  // Another text of the same array (spaced) and a value from elsewhere get the same analysis.
  assert.equal(cache.analyzeMember(JSON.parse(text), 'tools', ' ' + text)!.set, analysis.set);
  assert.equal(cache.analyze(JSON.parse(text), 'tools'), analysis.set);
  assert.deepEqual(analysis.set.findings.map((f) => [f.code, f.target.path]), [['TC408', ['tools', 0, 'function', 'parameters', 'properties', 'a', 'type']]]);
  // Kept as is (no copy made): were the shared array changed (nothing does), the value cache would see it.
  (array[0] as { function: { name: string } }).function.name = 'z';
  assert.notEqual(cache.analyze(JSON.parse(text), 'tools'), analysis.set);
  // Not parsed from a text: copied, so a later change to the caller's array changes nothing cached.
  const own = JSON.parse(text.replace('"f"', '"g"')) as { function: { name: string } }[];
  const set = cache.analyze(own, 'tools');
  own[0]!.function.name = 'h';
  assert.equal(cache.analyze(JSON.parse(text.replace('"f"', '"g"')), 'tools'), set);
});
