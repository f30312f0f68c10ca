import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callExample, WEATHER_TOOL, SEARCH_TOOL } from '../../helpers/diagnose.ts';
import { hover } from '../../../core/authoring/hover.ts';
import { definition, locateInToolsFile, references, toolNameAt } from '../../../core/authoring/navigation.ts';
import { summarizeExample } from '../../../core/authoring/outline.ts';
import { contextOf } from '../../../core/authoring/lineAnalysis.ts';
import { DatasetValidator } from '../../../core/validate.ts';

const context = (sharedTools?: unknown) => contextOf(new DatasetValidator(sharedTools ? { sharedTools } : {}));
const line = (value: unknown) => JSON.stringify(value);

test('hover on a call name: description and parameters; on an argument key: its schema', () => {
  const text = line(callExample('{"city":"Paris","unit":"celsius"}'));
  const name = text.indexOf('"get_weather"');
  assert.deepEqual(hover(text, name + 3, 0, context()), {
    markdown: '**get_weather**\n\nCurrent weather for a city.\n\nParameters:\n- `city` `string` (required) — City name\n- `unit` `"celsius" | "fahrenheit"`\n- `days` `integer`',
    start: name,
    end: name + '"get_weather"'.length,
  });
  const unit = text.indexOf(String.raw`\"unit\"`);
  assert.deepEqual(hover(text, unit + 3, 0, context()), {
    markdown: '**unit** `"celsius" | "fahrenheit"` — argument of `get_weather`, optional\n\nAllowed values: `"celsius"`, `"fahrenheit"`',
    start: unit,
    end: unit + String.raw`\"unit\"`.length,
  });
  const city = text.indexOf(String.raw`\"city\"`);
  assert.equal(hover(text, city + 2, 0, context())?.markdown, '**city** `string` — argument of `get_weather`, required\n\nCity name');
  assert.equal(hover(text, text.indexOf('Weather in'), 0, context()), undefined);
  const undeclared = line(callExample('{}', 'nope'));
  assert.equal(hover(undeclared, undeclared.indexOf('"nope"') + 1, 0, context())?.markdown, '**nope** is not declared for this line.');
});

test('definition: the declaration on the same line, or the shared tools file', () => {
  const text = line(callExample('{"city":"Paris"}', 'search'));
  const declared = text.indexOf('"search"', text.indexOf('"tools"'));
  assert.deepEqual(definition(text, text.indexOf('"search"') + 1, 7, context()), { kind: 'line', range: { line: 7, start: declared, end: declared + 8 } });
  const { tools, ...withoutTools } = callExample('{"city":"Paris"}');
  assert.ok(tools);
  const bare = line(withoutTools);
  assert.deepEqual(definition(bare, bare.indexOf('"get_weather"') + 1, 0, context([WEATHER_TOOL])), { kind: 'toolsFile', name: 'get_weather' });
  assert.equal(definition(bare, bare.indexOf('"get_weather"') + 1, 0, context()), undefined);
  const file = JSON.stringify([SEARCH_TOOL, WEATHER_TOOL], null, 2);
  const found = locateInToolsFile(file, 'get_weather');
  assert.ok(found);
  assert.equal(file.split('\n')[found.line].slice(found.start, found.end), '"get_weather"');
  assert.equal(locateInToolsFile(JSON.stringify({ tools: [WEATHER_TOOL] }), 'get_weather')?.line, 0);
  assert.equal(locateInToolsFile(file, 'nope'), undefined);
});

test('references: every call and declaration of the tool in the file', () => {
  const lines = [line(callExample('{"city":"Paris"}')), line(callExample('{"query":"x"}', 'search')), 'not json get_weather', line(callExample('{"city":"Rome"}'))];
  const text = lines[0];
  assert.equal(toolNameAt(text, text.indexOf('"get_weather"') + 1, 0, context()), 'get_weather');
  const found = references(lines.map((t, index) => ({ index, text: t })), 'get_weather', context());
  assert.deepEqual(found.map((r) => [r.line, lines[r.line].slice(r.start, r.end)]), [
    [0, '"get_weather"'],
    [0, '"get_weather"'],
    [1, '"get_weather"'],
    [3, '"get_weather"'],
    [3, '"get_weather"'],
  ]);
  assert.equal(found[0].start, text.indexOf('"get_weather"'));
  assert.deepEqual(references(lines.map((t, index) => ({ index, text: t })), 'get_weather', context(), false).map((r) => r.line), [0, 3]);
});

test('outline names and line hints: category and the start of the request', () => {
  assert.deepEqual(summarizeExample(line(callExample('{"city":"Paris"}')), 0), {
    line: 0,
    category: 'single-call',
    calls: 1,
    request: 'Weather in Paris?',
    name: 'single call: Weather in Paris?',
    hint: 'single call · 1 call',
  });
  const long = { messages: [{ role: 'user', content: 'word '.repeat(30) }, { role: 'assistant', content: 'ok' }] };
  assert.equal(summarizeExample(line(long), 1)?.name, 'no call: ' + 'word '.repeat(11) + 'word…');
  assert.equal(summarizeExample(line(long), 1)?.hint, 'no call · 0 calls');
  assert.equal(summarizeExample('', 2), undefined);
  assert.equal(summarizeExample('{"messages": [', 2), undefined);
});
