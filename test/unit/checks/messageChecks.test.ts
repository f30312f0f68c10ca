import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseExample } from '../../helpers/diagnose.ts';
import { validateText } from '../../../core/validate.ts';

const assistant = { role: 'assistant', content: 'hello' };
const codes = (messages: unknown[]) => diagnoseExample({ messages }).map((d) => [d.code, d.text]);

test('TC301/TC302: a message that is not an object, or has no role', () => {
  assert.deepEqual(codes(['hi', assistant]), [['TC301', '"hi"']]);
  assert.deepEqual(codes([{ content: 'hi' }, assistant]), [['TC302', '{']]);
});

test('TC303: unknown roles name the role that was meant', () => {
  const seen = validateText(JSON.stringify({ messages: [{ role: 'human', content: 'hi' }, { role: 'gpt', content: 'x' }, { role: 'observation', content: 'x' }, { role: 'asistant', content: 'x' }, { role: 'developer', content: 'x' }, assistant] }));
  assert.deepEqual(
    seen.diagnostics.filter((d) => d.code === 'TC303').map((d) => d.data?.meant),
    ['user', 'assistant', 'tool', 'assistant', 'system'],
  );
  assert.equal(seen.diagnostics[0].message, 'Unknown role "human"; did you mean "user"?');
});

test('TC303: a role named like an Object.prototype member is an unknown role, not an internal error', () => {
  const seen = validateText(JSON.stringify({ messages: [{ role: 'constructor', content: 'hi' }, { role: 'toString', content: 'x' }, { role: '__proto__', content: 'x' }, assistant] }));
  assert.deepEqual(
    seen.diagnostics.map((d) => [d.code, d.message]),
    [
      ['TC303', 'Unknown role "constructor"; expected one of system, user, assistant, tool.'],
      ['TC303', 'Unknown role "toString"; expected one of system, user, assistant, tool.'],
      ['TC303', 'Unknown role "__proto__"; expected one of system, user, assistant, tool.'],
      ['TC701', 'The file has 1 example; OpenAI requires at least 10 (50-100 usually show gains).'],
    ],
  );
});

test('TC304/TC305: content missing or of the wrong type per role', () => {
  assert.deepEqual(codes([{ role: 'user' }, assistant]), [['TC304', '{']]);
  assert.deepEqual(codes([{ role: 'user', content: 5 }, assistant]), [['TC305', '5']]);
  assert.deepEqual(codes([{ role: 'user', content: 'x' }, { role: 'assistant' }]), [['TC304', '{']]);
  assert.deepEqual(codes([{ role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }] }, assistant]), []);
  assert.deepEqual(codes([{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'u' } }] }, { role: 'user', content: 'x' }, assistant]), [['TC305', '"image_url"']]);
  assert.deepEqual(codes([{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: undefined }]), [['TC304', '{']]);
});

test('TC306/TC307/TC308/TC309: keys per role, weight, name', () => {
  assert.deepEqual(codes([{ role: 'user', content: 'x', tool_call_id: 'a' }, assistant]), [['TC306', '"tool_call_id"']]);
  assert.deepEqual(codes([{ role: 'user', content: 'x', weight: 0 }, assistant]), [['TC307', '"weight"']]);
  assert.deepEqual(codes([{ role: 'user', content: 'x' }, { ...assistant, weight: 2 }]), [['TC308', '2']]);
  assert.deepEqual(codes([{ role: 'user', content: 'x', name: 'John Smith' }, assistant]), [['TC309', '"John Smith"']]);
  assert.deepEqual(codes([{ role: 'user', content: 'x', name: 'john_smith' }, { ...assistant, weight: 1 }]), []);
});
