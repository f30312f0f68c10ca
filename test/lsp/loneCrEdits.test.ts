// A document holding lone CRs, edited over stdio: the server's cache holds the core's lines
// (a lone CR does not end one) and each edit splices it; the published diagnostics must equal
// what the core says about the whole text after every edit. Run `node scripts/build.mjs` first.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { StdioClient } from './stdioClient.ts';
import { coreRows, diagnosticsOf, rows, startServer } from '../threats/stdio.ts';

const call = (city: string, args = JSON.stringify({ city })) => JSON.stringify({
  messages: [
    { role: 'user', content: `Weather in ${city}?` },
    { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: args } }] },
    { role: 'tool', tool_call_id: 'c1', content: '{"t": 3}' },
    { role: 'assistant', content: 'Mild.' },
  ],
  tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
});

let client: StdioClient;
before(async () => (client = await startServer()));
after(async () => await client.stop());

it('edits of a document holding lone CRs publish what the core says about the whole text', { timeout: 120_000 }, async () => {
  const uri = 'file:///lsp/lone-cr.jsonl';
  const lines = ['Rome', 'Oslo', 'Lima', 'Pune', 'Bern', 'Doha'].map((city) => call(city));
  let doc = TextDocument.create(uri, 'jsonl', 1, `${lines[0]}\n${lines[1]}\r${lines[2]}\n${lines[3]}\n{"messages": [\n${lines[4]}\r\n${lines[5]}\n`);
  await client.open(uri, doc.getText(), 1);
  assert.deepEqual(rows(await diagnosticsOf(client, uri, 1)), coreRows(doc.getText()));
  const edits: TextDocumentContentChangeEvent[] = [
    { range: { start: { line: 3, character: 20 }, end: { line: 3, character: 20 } }, text: '\r' }, // a lone CR typed inside a line
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `${call('Kyiv', '{}')}\n` }, // a line above
    { range: { start: { line: 2, character: lines[1]!.length }, end: { line: 3, character: 0 } }, text: '\n' }, // a lone CR replaced by LF
    { range: { start: { line: 5, character: 2 }, end: { line: 5, character: 3 } }, text: 'X' }, // a keystroke in a joined line
    { range: { start: { line: 1, character: 0 }, end: { line: 4, character: 5 } }, text: `${call('Nice')}\r` }, // paste over, ending in a lone CR
  ];
  for (const [k, edit] of edits.entries()) {
    const version = k + 2;
    doc = TextDocument.update(doc, [edit], version);
    await client.change(uri, version, [edit]);
    assert.deepEqual(rows(await diagnosticsOf(client, uri, version)), coreRows(doc.getText()), `after edit ${k}: ${JSON.stringify(edit)}`);
  }
  assert.deepEqual(client.escaped, []);
});
