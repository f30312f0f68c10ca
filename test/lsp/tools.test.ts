import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { StdioClient } from './stdioClient.ts';
import { WORKSPACE_TOOLS } from '../unit/tools/helpers.ts';

// Drives the server bundle over stdio (run `node scripts/build.mjs` first, as `npm test` does).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-tools-lsp-'));
for (const name of ['trips.jsonl', 'trips.tools.json', 'bad.tools.json']) fs.copyFileSync(path.join(WORKSPACE_TOOLS, name), path.join(dir, name));
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
const text = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('tools features over stdio (bundle)', () => {
  let client: StdioClient;
  before(async () => {
    client = new StdioClient();
    client.settings.set('*', { toolsFile: 'trips.tools.json', strictReadiness: true });
    const result = await client.initialize(undefined, pathToFileURL(dir).href);
    assert.deepEqual(result.capabilities.renameProvider, { prepareProvider: true });
    await client.open(uriOf('trips.jsonl'), text('trips.jsonl'));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes tools-file diagnostics, strict readiness included when the setting is on', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('bad.tools.json'), languageId: 'json', version: 1, text: text('bad.tools.json') } });
    const published = await client.diagnosticsFor(uriOf('bad.tools.json'), 1);
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code]), [
      [4, 14, 'TC404'], [4, 14, 'TC421'], [6, 16, 'TC430'], [9, 10, 'TC420'], [9, 10, 'TC431'], [9, 28, 'TC408'], [9, 43, 'TC422'], [21, 16, 'TC430'], [23, 10, 'TC420'],
    ]);
  });

  it('prepareRename gives the name without quotes; elsewhere null', async () => {
    const line0 = text('trips.jsonl').split('\n')[0];
    const at = line0.indexOf('"book_trip"');
    assert.deepEqual(await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: uriOf('trips.jsonl') }, position: { line: 0, character: at + 2 } }), {
      range: { start: { line: 0, character: at + 1 }, end: { line: 0, character: at + 10 } },
      placeholder: 'book_trip',
    });
    assert.equal(await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: uriOf('trips.jsonl') }, position: { line: 0, character: 3 } }), null);
  });

  it('rename from the tools file (not open) edits it and the open dataset using it, in one WorkspaceEdit', async () => {
    const edit: any = await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: uriOf('trips.jsonl') }, position: { line: 1, character: text('trips.jsonl').split('\n')[1].indexOf('"cancel_trip"') + 1 }, newName: 'drop_trip' });
    assert.deepEqual(edit.documentChanges.map((c: any) => [path.basename(c.textDocument.uri), c.textDocument.version, c.edits.map((e: any) => [e.range.start.line, e.range.start.character, e.newText])]), [
      ['trips.jsonl', 1, [[1, text('trips.jsonl').split('\n')[1].indexOf('"cancel_trip"'), '"drop_trip"']]],
      ['trips.tools.json', null, [[19, 14, '"drop_trip"']]],
    ]);
    await assert.rejects(client.connection.sendRequest('textDocument/rename', { textDocument: { uri: uriOf('trips.jsonl') }, position: { line: 1, character: text('trips.jsonl').split('\n')[1].indexOf('"cancel_trip"') + 1 }, newName: 'drop trip' }), /must match/);
  });

  it('references of a tools-file declaration are the calls in the datasets using it; definition of a call is the tools file', async () => {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('trips.tools.json'), languageId: 'json', version: 1, text: text('trips.tools.json') } });
    const refs: any[] = await client.connection.sendRequest('textDocument/references', { textDocument: { uri: uriOf('trips.tools.json') }, position: { line: 4, character: 16 }, context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => [path.basename(r.uri), r.range.start.line]), [['trips.jsonl', 0], ['trips.jsonl', 2]]);
    const line1 = text('trips.jsonl').split('\n')[1];
    const defs: any[] = await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: uriOf('trips.jsonl') }, position: { line: 1, character: line1.indexOf('"cancel_trip"') + 1 } });
    assert.deepEqual(defs.map((d) => [path.basename(d.uri), d.range]), [['trips.tools.json', { start: { line: 19, character: 14 }, end: { line: 19, character: 27 } }]]);
  });
});
