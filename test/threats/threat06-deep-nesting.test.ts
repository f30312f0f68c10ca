import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateText } from '../../core/validate.ts';
import type { StdioClient } from '../lsp/stdioClient.ts';
import { callLine, DEEP_ARRAY_LINE, DEEP_OBJECT_LINE, FIRST_LINE } from './inputs.ts';
import { assertAnswers, coreRows, diagnosticsOf, QUIET, rows, startServer } from './stdio.ts';

const TOO_DEEP = 'The line nests deeper than 256 levels; no training example needs that.';

describe('threat 6: deep nesting ([ x 6000, {"a": x 3000)', () => {
  it('core: "[" x 6000 -> one TC106 diagnostic on the bracket past the limit', () => {
    assert.deepEqual(
      validateText(DEEP_ARRAY_LINE, QUIET).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.message]),
      [[0, 256, 257, 'TC106', TOO_DEEP]],
    );
  });

  it('core: {"a": x 3000 -> one TC106 diagnostic', () => {
    assert.deepEqual(
      validateText(DEEP_OBJECT_LINE, QUIET).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.message]),
      [[0, 256 * 5, 256 * 5 + 1, 'TC106', TOO_DEEP]],
    );
  });

  it('core: closed (valid JSON) 6,000-deep nesting, as a line, in content and in arguments, never throws', () => {
    const closed = '['.repeat(6000) + ']'.repeat(6000);
    const inContent = JSON.stringify({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }] }).replace('"x"', closed);
    // Valid JSON, but deeper than any example needs: TC106 at the bracket that crosses 2,048 levels.
    assert.deepEqual(validateText(closed, QUIET).diagnostics.map((d) => [d.code, d.start]), [['TC106', 2048]]);
    const opened = inContent.indexOf('[[');
    assert.deepEqual(validateText(inContent, QUIET).diagnostics.map((d) => [d.code, d.start, d.end]), [['TC106', opened + 2045, opened + 2046]]);
    // A schema without nesting checks nothing deep: valid.
    assert.deepEqual(validateText(callLine({ type: 'object' }, `{"a":${closed}}`), QUIET).diagnostics, []);
  });

  it('core: 6,000-deep arguments against a recursive schema -> one TC515 (the overflow is caught), not a crash', () => {
    const closed = '['.repeat(6000) + ']'.repeat(6000);
    const recursive = { type: 'object', properties: { a: { $ref: '#/$defs/n' } }, $defs: { n: { type: 'array', items: { $ref: '#/$defs/n' } } } };
    const { diagnostics } = validateText(callLine(recursive, `{"a":${closed}}`), QUIET);
    assert.deepEqual(diagnostics.map((d) => d.code), ['TC515']);
    assert.match(diagnostics[0]!.message, /nested too deeply to validate/);
  });

  it('the message for arguments too deep to validate is a sentence', () => {
    // argumentChecks.ts formats every unknown ajv keyword as `Argument${label || ' object'} ${message}`;
    // for the 'internal' error (stack overflow) that reads "Argument object the arguments are nested ...".
    const closed = '['.repeat(6000) + ']'.repeat(6000);
    const recursive = { type: 'object', properties: { a: { $ref: '#/$defs/n' } }, $defs: { n: { type: 'array', items: { $ref: '#/$defs/n' } } } };
    const [d] = validateText(callLine(recursive, `{"a":${closed}}`), QUIET).diagnostics;
    assert.doesNotMatch(d!.message, /^Argument object the arguments/);
  });

  describe('server over stdio', () => {
    let client: StdioClient;
    before(async () => (client = await startServer()));
    after(async () => await client.stop());

    it('each deep line gets one diagnostic, and the server is alive', async () => {
      const uri = 'file:///threats/deep.jsonl';
      const text = [FIRST_LINE, DEEP_ARRAY_LINE, DEEP_OBJECT_LINE, '['.repeat(6000) + ']'.repeat(6000)].join('\n');
      await client.open(uri, text, 1);
      const published = await diagnosticsOf(client, uri, 1);
      assert.deepEqual(rows(published), coreRows(text));
      assert.deepEqual(rows(published).map((r) => [r[0], r[3]]), [[1, 'TC106'], [2, 'TC106'], [3, 'TC106']]);
      // An edit that nests a line even deeper, typed in place.
      await client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '{"a":'.repeat(3000) }]);
      const edited = await diagnosticsOf(client, uri, 2);
      assert.deepEqual(rows(edited).map((r) => [r[0], r[3], r[1]]), [[1, 'TC106', 256 * 5], [2, 'TC106', 256 * 5], [3, 'TC106', 2048]]);
      await assertAnswers(client);
    });
  });
});

describe('threat 6: deep nesting inside a long line (the TC209 token count)', () => {
  // A valid line over the token-limit threshold (~65 KB) whose `arguments` is an object 5,000
  // levels deep: countExampleTokens JSON.stringify()s it and overflows the stack.
  const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
  const line = `{"messages":[{"role":"user","content":"${'word '.repeat(14_000)}"},{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":${deep}}}]}]}`;

  it('core: validateText with the default token limit does not throw', async () => {
    const { normalizeInsightSettings, tokenLimitFor } = await import('../../core/stats/reportSettings.ts');
    const tokenLimit = tokenLimitFor(normalizeInsightSettings(undefined));
    assert.ok(tokenLimit, 'the default model has a token limit');
    let codes: string[] = [];
    assert.doesNotThrow(() => {
      codes = validateText(line, { ...QUIET, tokenLimit }).diagnostics.map((d) => d.code);
    });
    // The line is valid JSON but 5,000 levels deep: TC106 (issue 16: deep valid values too), not the rules.
    assert.deepEqual(codes, ['TC106']);
  });

  describe('server over stdio', () => {
    let client: StdioClient;
    before(async () => (client = await startServer()));
    after(async () => await client.stop());

    it('a document holding that line and a lone CR still gets diagnostics', async () => {
      // With a lone CR the server validates through validateText, which has no per-line catch:
      // the whole validation fails ("Validating <uri> failed: Maximum call stack size exceeded")
      // and the document never gets diagnostics. Without a lone CR the line gets TC199 instead.
      const uri = 'file:///threats/deep-tokens.jsonl';
      await client.open(uri, `${FIRST_LINE}\r${FIRST_LINE}\n${line}\n`, 1);
      const published = await client.validated(uri, 1, 20_000);
      assert.deepEqual(client.handledErrors.filter((e) => e.includes('Maximum call stack')).map((e) => e.split('\n')[0]), []);
      assert.ok(published, 'no diagnostics were published for the document');
      await assertAnswers(client);
    });
  });
});
