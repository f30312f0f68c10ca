// Issue 16 fixes through the real server bundle over stdio (run after `node scripts/build.mjs`):
// the blank-line fix deletes the line and is part of fix-all; fixes are applied and the text re-validated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { StdioClient } from './stdioClient.ts';
import { validateText } from '../../core/validate.ts';

const ok = (n: number) => JSON.stringify({ messages: [{ role: 'user', content: `q${n}` }, { role: 'assistant', content: `a${n}` }] });

test('TC104: the blank-line fix deletes the line (the last one is emptied), alone and in fix-all', async () => {
  const client = new StdioClient();
  try {
    await client.initialize();
    const uri = 'file:///precision/blank.jsonl';
    const text = [ok(0), '', ok(1), '   ', '', ok(2), ok(3).replace('"role":"user"', '"role":"sys"'), '  '].join('\n');
    await client.open(uri, text);
    const published = await client.diagnosticsFor(uri);
    assert.deepEqual(published.diagnostics.filter((d: any) => d.code === 'TC104').map((d: any) => d.range.start.line), [1, 3, 4, 7]);
    const blank = published.diagnostics.find((d: any) => d.code === 'TC104' && d.range.start.line === 3);
    const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: blank!.range, context: { diagnostics: [blank] } });
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Delete the blank line', 'quickfix', true],
      ['Fix all auto-fixable problems in file', 'quickfix', false],
    ]);
    assert.deepEqual(actions[0].edit.changes[uri], [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: '' }]);
    const document = TextDocument.create(uri, 'jsonl', 1, text);
    assert.equal(TextDocument.applyEdits(document, actions[0].edit.changes[uri]), [ok(0), '', ok(1), '', ok(2), ok(3).replace('"role":"user"', '"role":"sys"'), '  '].join('\n'));

    const fixAll: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    const fixed = TextDocument.applyEdits(document, fixAll[0].edit.changes[uri]);
    assert.equal(fixed, [ok(0), ok(1), ok(2), ok(3).replace('"role":"user"', '"role":"system"'), ''].join('\n'));
    assert.deepEqual(validateText(fixed).diagnostics.map((d) => d.code), ['TC701']);
  } finally {
    await client.stop();
  }
});
