import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateText } from '../../core/validate.ts';
import type { StdioClient } from '../lsp/stdioClient.ts';
import { callLine, FIRST_LINE } from './inputs.ts';
import { assertAnswers, coreRows, diagnosticsOf, QUIET, rows, startServer } from './stdio.ts';

/** A line written as text, so "__proto__" is an own key of the parsed value (as in a real file). */
const PROTO_EVERYWHERE = callLine({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }, '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}')
  .replace('"tools":', '"__proto__":{"polluted":1},"tools":');
const PROTO_PROPERTY = callLine({ type: 'object', properties: { a: { type: 'string' } } }, '{}').replace('"properties":{"a"', '"properties":{"__proto__":{"type":"string"},"a"');

describe('threat 5: __proto__, constructor keys', () => {
  it('core: required: ["toString"] on {} -> reported missing (TC511)', () => {
    const line = callLine({ type: 'object', properties: {}, required: ['toString'] }, {});
    const at = line.indexOf('{}"'); // the empty arguments object
    assert.deepEqual(
      validateText(line, QUIET).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.message]),
      [[0, at, at + 1, 'TC511', 'Missing required argument "toString" in the call to "f".']],
    );
  });

  it('core: required constructor, hasOwnProperty, valueOf, __proto__ on {} -> each reported missing', () => {
    const names = ['constructor', 'hasOwnProperty', 'valueOf', '__proto__'];
    const { diagnostics } = validateText(callLine({ type: 'object', properties: {}, required: names }, {}), QUIET);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), names.map((n) => ['TC511', `Missing required argument "${n}" in the call to "f".`]));
  });

  it('core: "__proto__" and "constructor" keys in arguments are ordinary (unknown) arguments, and nothing is polluted', () => {
    const { diagnostics } = validateText(PROTO_EVERYWHERE, QUIET);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [
      ['TC514', 'Unknown argument "__proto__" for "f"; allowed: a.'],
      ['TC514', 'Unknown argument "constructor" for "f"; allowed: a.'],
      ['TC204', 'Unknown top-level key "__proto__"; the fine-tuning format defines only messages, tools, parallel_tool_calls and functions, so it is not trained on (and the upload may be refused); remove it.'],
    ]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });

  it('core: a property declared as "__proto__" is reported on the schema (TC409)', () => {
    const { diagnostics } = validateText(PROTO_PROPERTY, QUIET);
    const at = PROTO_PROPERTY.indexOf('{"type":"string"},"a"');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.start, d.end]), [['TC409', at, at + '{"type":"string"}'.length]]);
    assert.match(diagnostics[0]!.message, /^Parameters of "f": Property "__proto__" .*rename the property\.$/);
  });

  describe('server over stdio', () => {
    let client: StdioClient;
    before(async () => (client = await startServer()));
    after(async () => await client.stop());

    it('the same lines: diagnostics as the core, and the server still answers', async () => {
      const uri = 'file:///threats/proto.jsonl';
      const text = [
        FIRST_LINE,
        callLine({ type: 'object', properties: {}, required: ['toString'] }, {}, 'to_string'),
        PROTO_EVERYWHERE,
        PROTO_PROPERTY.replaceAll('"name":"f"', '"name":"proto_property"'),
      ].join('\n');
      await client.open(uri, text, 1);
      const published = await diagnosticsOf(client, uri, 1);
      assert.deepEqual(rows(published), coreRows(text));
      assert.deepEqual(rows(published).map((r) => r[3]), ['TC511', 'TC514', 'TC514', 'TC204', 'TC409']);
      await assertAnswers(client);
    });
  });
});
