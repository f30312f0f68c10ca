import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callExample, WEATHER_TOOL, SEARCH_TOOL } from '../../helpers/diagnose.ts';
import { complete } from '../../../core/authoring/completion.ts';
import { contextOf } from '../../../core/authoring/lineAnalysis.ts';
import { expandSnippet } from '../../../core/authoring/snippetText.ts';
import { applyLineEdit } from '../../../core/authoring/lineEdit.ts';
import { DatasetValidator } from '../../../core/validate.ts';
import { lineDiagnostics } from './helpers.ts';

const context = (sharedTools?: unknown) => contextOf(new DatasetValidator(sharedTools ? { sharedTools } : {}));
const line = (value: unknown) => JSON.stringify(value);
/** Completions at the first occurrence of `marker` (the cursor after it), as [label, inserted line]. */
function at(text: string, marker: string, ctx = context()) {
  const character = text.indexOf(marker) + marker.length;
  return complete(text, character, 0, ctx).map((c) => ({ ...c, line: applyLineEdit(text, { start: c.start, end: c.end, newText: c.newText }) }));
}

test('argument keys not yet present, escaped for the arguments string, with type and description', () => {
  const text = line(callExample('{"city":"Paris","u'));
  const items = at(text, String.raw`\"u`);
  assert.deepEqual(items.map((c) => [c.label, c.detail, c.documentation, c.newText, c.filterText]), [
    ['unit', '"celsius" | "fahrenheit"', undefined, String.raw`\"unit\"`, String.raw`\"unit\"`],
    ['days', 'integer', undefined, String.raw`\"days\"`, String.raw`\"days\"`],
  ]);
  assert.equal(items[0].line, line(callExample('{"city":"Paris","unit"')));
  // After `{` nothing is typed yet: the key and its colon are inserted at the cursor; required first.
  const empty = line(callExample('{'));
  const first = at(empty, String.raw`"{`);
  assert.deepEqual(first.map((c) => [c.label, c.detail, c.documentation, c.sortText]), [
    ['city', 'string (required)', 'City name', '00000'],
    ['unit', '"celsius" | "fahrenheit"', undefined, '10001'],
    ['days', 'integer', undefined, '10002'],
  ]);
  assert.equal(first[0].line, line(callExample('{"city": ')));
});

test('enum values inside the arguments string replace the value being typed, escaped', () => {
  const text = line(callExample('{"city":"Paris","unit":"'));
  const items = at(text, String.raw`\"unit\":\"`);
  assert.deepEqual(items.map((c) => [c.label, c.newText]), [['"celsius"', String.raw`\"celsius\"`], ['"fahrenheit"', String.raw`\"fahrenheit\"`]]);
  assert.equal(items[0].line, line(callExample('{"city":"Paris","unit":"celsius"')));
  const nested = line(callExample('{"city":"Paris","unit":"fa"}'));
  assert.equal(at(nested, String.raw`\"fa`)[1].line, line(callExample('{"city":"Paris","unit":"fahrenheit"}')));
});

test('tool names in a call\'s name, roles, keys of messages and calls', () => {
  const text = line(callExample('{"city":"Paris"}', 'get_w'));
  const names = at(text, '"get_w');
  assert.deepEqual(names.map((c) => [c.label, c.detail]), [
    ['get_weather', 'get_weather(city: string, unit?: "celsius" | "fahrenheit", days?: integer)'],
    ['search', 'search(query: string)'],
  ]);
  assert.equal(names[0].line, line(callExample('{"city":"Paris"}', 'get_weather')));
  assert.equal(names[0].documentation, '**get_weather**\n\nCurrent weather for a city.\n\nParameters:\n- `city` `string` (required) — City name\n- `unit` `"celsius" | "fahrenheit"`\n- `days` `integer`');
  const roles = '{"messages":[{"role":"as';
  assert.deepEqual(at(roles, '"as').map((c) => [c.label, c.line]), ['system', 'user', 'assistant', 'tool'].map((r) => [r, `{"messages":[{"role":"${r}`]));
  const keys = '{"messages":[{"role":"assistant",';
  assert.deepEqual(at(keys, ',').map((c) => c.newText), ['"content": ', '"name": ', '"tool_calls": ', '"function_call": ', '"weight": ', '"refusal": ']);
  // A role named like an Object.prototype member is no role: the keys any message has.
  assert.deepEqual(at('{"messages":[{"role":"constructor",', ',').map((c) => c.newText), ['"content": ']);
  // The editor filters by what is typed; every key not yet present is offered.
  assert.deepEqual(at('{"messages":[],"t', '"t').map((c) => c.newText), ['"tools"', '"parallel_tool_calls"']);
  assert.deepEqual(at('{"messages":[], ', ', ').map((c) => c.label), ['tools', 'parallel_tool_calls']);
});

test('an empty line offers one whole example per declared tool, required arguments as tab stops', () => {
  const ids = () => 'call_EXAMPLE';
  const shared = context([WEATHER_TOOL, SEARCH_TOOL]);
  const items = complete('', 0, 4, shared, { callId: ids });
  assert.deepEqual(items.map((c) => [c.label, c.snippet, c.start, c.end]), [['example for tool get_weather', true, 0, 0], ['example for tool search', true, 0, 0]]);
  assert.equal(
    items[0].newText,
    '{"messages":[{"role":"user","content":"${1:Ask for get_weather}"\\},{"role":"assistant","tool_calls":[{"id":"call_EXAMPLE","type":"function","function":{"name":"get_weather","arguments":"{\\\\"city\\\\":\\\\"${2:city}\\\\"\\}"\\}\\}]\\}]\\}$0',
  );
  const expanded = expandSnippet(items[0].newText);
  assert.equal(expanded, line({ messages: [{ role: 'user', content: 'Ask for get_weather' }, { role: 'assistant', tool_calls: [{ id: 'call_EXAMPLE', type: 'function', function: { name: 'get_weather', arguments: '{"city":"city"}' } }] }] }));
  assert.deepEqual(lineDiagnostics(expanded, 4, { sharedTools: [WEATHER_TOOL, SEARCH_TOOL] }), []);
  // Without a tools file, the tools of a nearby line are copied onto the new line.
  const toolsText = line([WEATHER_TOOL]);
  const nearby = { set: context().toolSets.analyze([WEATHER_TOOL], 'tools'), text: toolsText };
  const [own] = complete('  ', 1, 0, context(), { nearbyTools: nearby, callId: ids });
  assert.equal(own.end, 2);
  assert.deepEqual(lineDiagnostics(expandSnippet(own.newText)), []);
  assert.ok(expandSnippet(own.newText).endsWith(`,"tools":${toolsText}}`));
});

test('example snippets: enums as choices, numbers, booleans and formats with valid defaults', () => {
  const tool = {
    type: 'function',
    function: {
      name: 'book',
      parameters: {
        type: 'object',
        properties: { unit: { type: 'string', enum: ['a"b', 'c'] }, n: { type: 'integer', minimum: 2 }, ok: { type: 'boolean' }, to: { type: 'string', format: 'email' }, tags: { type: 'array' }, meta: { type: 'object' } },
        required: ['unit', 'n', 'ok', 'to', 'tags', 'meta'],
      },
    },
  };
  const [item] = complete('', 0, 0, context([tool]), { callId: () => 'call_X' });
  assert.equal(item.newText.includes('\\\\"${2|a\\\\\\\\\\\\"b,c|}\\\\"'), true);
  const expanded = expandSnippet(item.newText);
  assert.equal(JSON.parse(expanded).messages[1].tool_calls[0].function.arguments, '{"unit":"a\\"b","n":2,"ok":false,"to":"name@example.com","tags":[],"meta":{}}');
  assert.deepEqual(lineDiagnostics(expanded, 0, { sharedTools: [tool] }), []);
});
