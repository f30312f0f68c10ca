// Issue 16 fixes through the real server bundle over stdio (run after `node scripts/build.mjs`):
// the blank-line fix deletes the line and is part of fix-all; fixes are applied and the text re-validated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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

test('TC108 in the editor: bytes that are not UTF-8 are read from the file on disk, on lines that still read as on disk', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-lsp-utf8-'));
  const file = path.join(dir, 'bytes.jsonl');
  const lines = Array.from({ length: 10 }, (_, n) => ok(n));
  const at = lines[0].indexOf('"q0"') + 2; // inside the user's text, after "q"
  const data = Buffer.concat([Buffer.from(lines[0].slice(0, at)), Buffer.from([0xff, 0xfe]), Buffer.from(lines[0].slice(at) + '\n' + lines.slice(1).join('\n') + '\n')]);
  writeFileSync(file, data);
  const uri = pathToFileURL(file).toString();
  const client = new StdioClient();
  try {
    await client.initialize();
    await client.open(uri, data.toString('utf8'));
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(published.diagnostics.map((d: any) => [d.code, d.range, d.message]), [
      ['TC108', { start: { line: 0, character: at }, end: { line: 0, character: at + 2 } }, `Bytes ff fe at byte ${at} of this line are not UTF-8 (shown as "\uFFFD\uFFFD"); the fine-tuning service rejects files that are not UTF-8, so write the intended characters and save the file as UTF-8.`],
    ]);
    assert.equal(at, 40);
    // The user retyped the text: the line no longer reads as on disk, so nothing is said.
    await client.change(uri, 2, [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 2 } }, text: 'é' }]);
    assert.deepEqual((await client.diagnosticsFor(uri, 2)).diagnostics, []);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
