import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { callExample, WEATHER_TOOL } from '../../helpers/diagnose.ts';
import { DatasetValidator } from '../../../core/validate.ts';
import { contextOf } from '../../../core/authoring/lineAnalysis.ts';
import { fixAllInLine, quickFixes, standardizeTypesInLines } from '../../../core/authoring/quickFixes/index.ts';
import { convertedText } from '../../../core/authoring/quickFixes/argumentValues.ts';
import { applyLineEdit } from '../../../core/authoring/lineEdit.ts';
import { applied, fixesOf, lineDiagnostics } from './helpers.ts';

const line = (value: unknown) => JSON.stringify(value);
const context = () => contextOf(new DatasetValidator());

test('TC506: an arguments object becomes the JSON string of its own text', () => {
  const before = '{"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":{"city": "Paris", "days": 2.0}}}]}],"tools":' + line([WEATHER_TOOL]) + '}';
  const after = before.replace('{"city": "Paris", "days": 2.0}', String.raw`"{\"city\": \"Paris\", \"days\": 2.0}"`);
  assert.deepEqual(applied(fixesOf(before, 'TC506')), [['Write "arguments" as a JSON string', after]]);
});

test('TC507 and TC508: double-encoded decoded once, Python repr written as JSON', () => {
  assert.deepEqual(applied(fixesOf(line(callExample(JSON.stringify('{"city": "Paris"}'))), 'TC507')), [['Decode "arguments" once', line(callExample('{"city": "Paris"}'))]]);
  assert.deepEqual(applied(fixesOf(line(callExample("{'city': 'Paris', 'days': 2, 'x': None}")), 'TC508')), [
    ['Convert "arguments" from Python to JSON', line(callExample('{"city": "Paris", "days": 2, "x": null}'))],
  ]);
});

test('TC505: one action per close declared name, plus a declaration skeleton from the arguments', () => {
  const before = line(callExample('{"city":"Paris","days":3,"hourly":true,"tags":["a"],"at":{"lat":1.5}}', 'get_wether'));
  const fixes = fixesOf(before, 'TC505');
  assert.deepEqual(fixes.map((f) => [f.title, f.auto, f.preferred]), [
    ['Change to "get_weather"', true, true],
    ['Declare tool "get_wether" (skeleton from this call\'s arguments)', false, false],
  ]);
  assert.equal(fixes[0].line, line(callExample('{"city":"Paris","days":3,"hourly":true,"tags":["a"],"at":{"lat":1.5}}', 'get_weather')));
  const example = callExample('{"city":"Paris","days":3,"hourly":true,"tags":["a"],"at":{"lat":1.5}}', 'get_wether');
  const skeleton = {
    type: 'function',
    function: {
      name: 'get_wether',
      description: '',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, days: { type: 'integer' }, hourly: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } }, at: { type: 'object', properties: { lat: { type: 'number' } }, required: ['lat'] } },
        required: ['city', 'days', 'hourly', 'tags', 'at'],
      },
    },
  };
  assert.equal(fixes[1].line, line({ ...example, tools: [...example.tools, skeleton] }));
  assert.deepEqual(lineDiagnostics(fixes[1].line), []);
});

test('TC303: unknown role -> the meant role; an alias is auto-fixable, a spelling guess is not', () => {
  const example = callExample('{"city":"Paris"}');
  const human = line({ ...example, messages: [{ role: 'human', content: 'Hi' }, ...example.messages.slice(1)] });
  assert.deepEqual(fixesOf(human, 'TC303').map((f) => [f.title, f.line, f.auto]), [['Change role to "user"', human.replace('"human"', '"user"'), true]]);
  const typo = human.replace('"human"', '"usr"');
  assert.deepEqual(fixesOf(typo, 'TC303').map((f) => [f.line, f.auto]), [[human.replace('"human"', '"user"'), false]]);
});

test('TC511: the missing argument is added with a placeholder of its type, in the text\'s style', () => {
  assert.deepEqual(applied(fixesOf(line(callExample('{"unit":"celsius"}')), 'TC511')), [['Add required argument "city": ""', line(callExample('{"unit":"celsius","city":""}'))]]);
  assert.deepEqual(applied(fixesOf(line(callExample('{"unit": "celsius"}')), 'TC511')).map(([, l]) => l), [line(callExample('{"unit": "celsius", "city": ""}'))]);
  assert.deepEqual(applied(fixesOf(line(callExample('{}')), 'TC511')).map(([, l]) => l), [line(callExample('{"city":""}'))]);
  const required = { ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, parameters: { ...WEATHER_TOOL.function.parameters, required: ['unit', 'days', 'ok', 'list'], properties: { ...WEATHER_TOOL.function.parameters.properties, ok: { type: 'boolean' }, list: { type: 'array' } } } } };
  const base = { ...callExample('{"city":"X"}'), tools: [required] };
  const fixed = fixesOf(line(base), 'TC511').map((f) => f.title);
  assert.deepEqual(fixed, ['Add required argument "unit": "celsius"', 'Add required argument "days": 1', 'Add required argument "ok": false', 'Add required argument "list": []']);
});

test('TC514: unknown argument renamed to a close declared one, or removed', () => {
  assert.deepEqual(applied(fixesOf(line(callExample('{"city":"Paris","units":"celsius"}')), 'TC514')), [
    ['Rename argument "units" to "unit"', line(callExample('{"city":"Paris","unit":"celsius"}'))],
    ['Remove unknown argument "units"', line(callExample('{"city":"Paris"}'))],
  ]);
  assert.deepEqual(applied(fixesOf(line(callExample('{"zzz":1, "city":"Paris"}')), 'TC514')), [['Remove unknown argument "zzz"', line(callExample('{"city":"Paris"}'))]]);
});

test('TC513: one action per allowed value', () => {
  assert.deepEqual(applied(fixesOf(line(callExample('{"city":"Paris","unit":"kelvin"}')), 'TC513')), [
    ['Change "unit" to "celsius"', line(callExample('{"city":"Paris","unit":"celsius"}'))],
    ['Change "unit" to "fahrenheit"', line(callExample('{"city":"Paris","unit":"fahrenheit"}'))],
  ]);
});

test('TC512: convertible values converted; others get no fix', () => {
  assert.deepEqual(applied(fixesOf(line(callExample('{"city":"Paris","days":"5"}')), 'TC512')), [['Convert "days" to integer: 5', line(callExample('{"city":"Paris","days":5}'))]]);
  assert.deepEqual(fixesOf(line(callExample('{"city":"Paris","days":"five"}')), 'TC512'), []);
  assert.equal(convertedText('true', ['boolean']), 'true');
  assert.equal(convertedText(' FALSE ', ['boolean']), 'false');
  assert.equal(convertedText('1.50', ['number']), '1.50');
  assert.equal(convertedText('007', ['integer']), '7');
  assert.equal(convertedText('1.5', ['integer']), undefined);
  assert.equal(convertedText('[1, 2]', ['array']), '[1, 2]');
  assert.equal(convertedText('{"a":1}', ['array']), undefined);
  assert.equal(convertedText(5, ['string']), '"5"');
  assert.equal(convertedText('abc', ['integer', 'number']), undefined);
});

test('edits inside arguments keep every other escape of the string as written', () => {
  const args = String.raw`{\"city\": \"Z\u00fcrich\\n\\\"Altstadt\\\" \ud83d\ude00\", \"unit\": \"kelvin\"}`;
  const before = line(callExample('X')).replace('"X"', `"${args}"`);
  const fixes = fixesOf(before, 'TC513');
  assert.equal(fixes.length, 2);
  assert.deepEqual(fixes[0].edit, { line: 0, start: before.indexOf('kelvin'), end: before.indexOf('kelvin') + 6, newText: 'celsius' });
  assert.equal(fixes[0].line, before.replace('kelvin', 'celsius'));
  // Inserting a key whose value needs escaping escapes it once for the inner JSON and once for the string.
  const missing = line(callExample('X')).replace('"X"', String.raw`"{\"unit\":\"celsius\"}"`);
  const tool = { ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, parameters: { ...WEATHER_TOOL.function.parameters, properties: { ...WEATHER_TOOL.function.parameters.properties, city: { type: 'string', enum: ['a"b'] } } } } };
  const withEnum = missing.replace(line([WEATHER_TOOL]).slice(1, -1), line(tool));
  assert.deepEqual(fixesOf(withEnum, 'TC511').map((f) => f.line), [withEnum.replace(String.raw`\"celsius\"}`, String.raw`\"celsius\",\"city\":\"a\\\"b\"}`)]);
  assert.deepEqual(lineDiagnostics(fixesOf(withEnum, 'TC511')[0].line), []);
});

test('TC408: standard types in this declaration; unions and "any" handled; every declaration of the file', () => {
  const tool = (name: string) => ({ type: 'function', function: { name, parameters: { type: 'dict', properties: { a: { type: 'float' }, b: { type: ['str', 'null'] }, c: { type: 'any', description: 'x' }, d: { type: 'array', items: { type: 'String' } } } } } });
  const example = { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }], tools: [tool('f'), tool('g')] };
  const before = line(example);
  const standard = (name: string) => ({ type: 'function', function: { name, parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: ['string', 'null'] }, c: { description: 'x' }, d: { type: 'array', items: { type: 'string' } } } } } });
  const fixes = fixesOf(before, 'TC408');
  assert.deepEqual(fixes.map((f) => f.title), [
    'Use standard JSON Schema types in "f": "dict" → "object", "float" → "number", "str" → "string", drop "any", "String" → "string"',
    'Use standard JSON Schema types in "g": "dict" → "object", "float" → "number", "str" → "string", drop "any", "String" → "string"',
  ]);
  assert.equal(fixes[0].line, line({ ...example, tools: [standard('f'), tool('g')] }));
  const all = line({ ...example, tools: [standard('f'), standard('g')] });
  const edits = standardizeTypesInLines([{ index: 0, text: before }, { index: 1, text: line(callExample('{"city":"Paris"}')) }, { index: 2, text: before }], context());
  assert.deepEqual(edits.map((e) => [e.line, applyLineEdit(before, e)]), [[0, all], [2, all]]);
  assert.deepEqual(lineDiagnostics(all), []);
});

test('TC601, TC605: the unanswered call id; TC502: a fresh id unique in the example', () => {
  const example = callExample('{"city":"Paris"}');
  const reply = (extra: object) => line({ ...example, messages: [...example.messages, { role: 'tool', ...extra, content: '18C' }, { role: 'assistant', content: 'It is 18C.' }] });
  assert.deepEqual(applied(fixesOf(reply({ tool_call_id: 'call_9' }), 'TC601')), [['Change "tool_call_id" to "call_1"', reply({ tool_call_id: 'call_1' })]]);
  assert.deepEqual(fixesOf(reply({}), 'TC605').map((f) => f.line), [reply({ tool_call_id: 'call_1' }).replace('{"role":"tool","tool_call_id":"call_1"', '{"role":"tool","tool_call_id":"call_1"')]);
  const two = callExample('{"city":"Paris"}');
  const second = { type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } };
  const noId = line({ ...two, messages: [two.messages[0], { ...two.messages[1], tool_calls: [...two.messages[1].tool_calls!, second] }] });
  const ids = ['call_1', 'call_ABCDEFGHIJKLMNOPQRSTUVWX'];
  const fixes = fixesOf(noId, 'TC502', { randomId: () => ids.shift()! });
  assert.deepEqual(applied(fixes), [['Add a fresh call id "call_ABCDEFGHIJKLMNOPQRSTUVWX"', noId.replace('},{"type":"function"', '},{"id":"call_ABCDEFGHIJKLMNOPQRSTUVWX","type":"function"')]]);
  // A reply that answers an id no call has: that id is offered first.
  const orphan = line({ ...example, messages: [...example.messages, { role: 'tool', tool_call_id: 'call_x', content: '18C' }] }).replace('"id":"call_1",', '');
  assert.deepEqual(fixesOf(orphan, 'TC502', { randomId: () => 'call_R' }).map((f) => f.title), ['Use id "call_x" of the unmatched tool reply', 'Add a fresh call id "call_R"']);
});

test('TC602: a stub reply after the last tool reply of the turn', () => {
  const example = {
    messages: [
      { role: 'user', content: 'Paris and Rome?' },
      { role: 'assistant', tool_calls: [1, 2].map((n) => ({ id: `c${n}`, type: 'function', function: { name: 'get_weather', arguments: '{"city":"X"}' } })) },
      { role: 'tool', tool_call_id: 'c1', content: '18C' },
      { role: 'assistant', content: 'Done.' },
    ],
    tools: [WEATHER_TOOL],
  };
  const after = { ...example, messages: [...example.messages.slice(0, 3), { role: 'tool', tool_call_id: 'c2', content: '' }, example.messages[3]] };
  assert.deepEqual(applied(fixesOf(line(example), 'TC602')), [['Insert a tool reply for "c2" (content to fill in)', line(after)]]);
});

test('a stale diagnostic (the line changed since) gets no fix; a BOM line keeps its BOM', () => {
  const before = line(callExample('{"city":"Paris","unit":"kelvin"}'));
  const [d] = lineDiagnostics(before);
  assert.equal(quickFixes(before.replace('Weather in Paris?', 'Weather?'), 0, d, context()).length, 0);
  assert.equal(quickFixes(before, 0, { ...d, message: 'other' }, context()).length, 0);
  const bom = '\uFEFF' + before;
  const diagnostics = lineDiagnostics(bom);
  assert.deepEqual(diagnostics.map((x) => x.code), ['TC103', 'TC513']);
  assert.equal(applyLineEdit(bom, quickFixes(bom, 0, diagnostics[1], context())[0].edit), '\uFEFF' + before.replace('kelvin', 'celsius'));
  assert.deepEqual(quickFixes(bom, 0, diagnostics[0], context()).map((f) => f.edit), [{ line: 0, start: 0, end: 1, newText: '' }]);
});

test('TC105 and TC308: trailing comma removed, weight set to 1 or 0', () => {
  const base = line(callExample('{"city":"Paris"}'));
  assert.deepEqual(applied(fixesOf(base + ',', 'TC105')), [['Remove the text after the JSON object', base]]);
  const weighted = base.replace('"role":"assistant",', '"role":"assistant","weight":2,');
  assert.deepEqual(applied(fixesOf(weighted, 'TC308')).map(([t]) => t), ['Set "weight" to 1', 'Set "weight" to 0']);
});

test('fixAll: only single-answer fixes, re-checked after each, as ONE edit of the line', () => {
  const before = line(callExample({ city: 'Paris', days: '5', unit: 'kelvin' }));
  const result = fixAllInLine(before, 3, context());
  assert.ok(result);
  assert.deepEqual(result.codes, ['TC506', 'TC512']);
  assert.equal(result.edit.line, 3);
  assert.equal(applyLineEdit(before, result.edit), line(callExample('{"city":"Paris","days":5,"unit":"kelvin"}')));
  assert.equal(fixAllInLine(line(callExample('{"city":"Paris"}')), 0, context()), undefined);
});

const examplesFile = path.resolve('examples/agent-train-with-mistakes.jsonl');
const bfclFile = path.resolve('test/fixtures/authoring/bfcl_defects.jsonl');

for (const [name, file] of [['agent-train-with-mistakes', examplesFile], ['BFCL defects', bfclFile]] as const) {
  test(`every fix offered for ${name} removes its diagnostic and adds no new problem`, () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const validator = new DatasetValidator();
    let tried = 0;
    lines.forEach((text, index) => {
      const before = validator.checkLine(text, index).diagnostics;
      for (const d of before) {
        for (const fix of quickFixes(text, index, d, contextOf(validator))) {
          tried++;
          // A deleted line (a blank line's fix) has no diagnostics left.
          const after = fix.edit.deleteLine ? [] : validator.checkLine(applyLineEdit(text, fix.edit), index).diagnostics;
          const count = (ds: typeof before) => ds.filter((x) => x.code === d.code).length;
          assert.ok(count(after) < count(before), `${name}:${index + 1} ${fix.title}`);
          assert.deepEqual(after.filter((x) => !before.some((b) => b.code === x.code)).map((x) => x.code), [], `${name}:${index + 1} ${fix.title}`);
        }
      }
    });
    assert.ok(tried > 10);
  });
}

test('fixAll on the BFCL lines leaves no non-standard type; the non-convertible TC512 is left alone', () => {
  const lines = readFileSync(bfclFile, 'utf8').trimEnd().split('\n');
  const codes = lines.map((text, index) => {
    const result = fixAllInLine(text, index, context());
    const fixed = result ? applyLineEdit(text, result.edit) : text;
    return lineDiagnostics(fixed, index).map((d) => d.code);
  });
  // Line 6 calls "find_closest", declared "restaurant_search_find_closest": the suffix match is the one fix.
  assert.deepEqual(codes, [['TC404'], ['TC404'], [], ['TC404', 'TC404'], [], [], ['TC512', 'TC512', 'TC512', 'TC512', 'TC512']]);
});

test('the examples file: each mistake\'s preferred fix leaves its line without that diagnostic', () => {
  const lines = readFileSync(examplesFile, 'utf8').replace(/\n$/, '').split('\n');
  const validator = new DatasetValidator();
  const fixed: string[] = [];
  lines.forEach((text, index) => {
    for (const d of validator.checkLine(text, index).diagnostics) {
      const preferred = quickFixes(text, index, d, contextOf(validator), { randomId: () => 'call_fresh' }).find((f) => f.preferred);
      if (!preferred) continue;
      const after = preferred.edit.deleteLine ? [] : validator.checkLine(applyLineEdit(text, preferred.edit), index).diagnostics;
      assert.ok(!after.some((x) => x.code === d.code), `${index + 1} ${d.code}`);
      fixed.push(`${index + 1} ${d.code}`);
    }
  });
  // Line 14 (an enum value) has no preferred fix: each allowed value is offered.
  assert.deepEqual(fixed, ['2 TC506', '4 TC508', '6 TC505', '8 TC507', '9 TC511', '11 TC514', '13 TC104', '15 TC512', '17 TC601', '19 TC602', '20 TC303', '22 TC308', '24 TC105']);
});
