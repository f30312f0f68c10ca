// Drift on a tools file through the language server bundle over stdio (run `node
// scripts/build.mjs` first, as `npm test` does): a snapshot from the client, diagnostics with the
// broken dataset lines as related information, and the "Update from source" fix.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { StdioClient } from './stdioClient.ts';
import { importMcp } from '../../core/tools/import/mcp.ts';
import { importedFileText } from '../../core/tools/import/declarations.ts';
import { callLine, testServer } from '../unit/toolSources/servers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-drift-lsp-'));
const toolsUri = pathToFileURL(path.join(dir, 'weather.tools.json')).href;
const trainPath = path.join(dir, 'train.jsonl');

describe('tools drift over stdio (bundle)', () => {
  let client: StdioClient;
  let text: string;
  let v2: unknown[];
  before(async () => {
    text = importedFileText(await importMcp(testServer('weather-v1')));
    v2 = (await importMcp(testServer('weather-v2'))).tools;
    fs.writeFileSync(path.join(dir, 'weather.tools.json'), text);
    fs.writeFileSync(trainPath, [callLine('get_weather', { city: 'Paris' }), callLine('search_places', { query: 'cafe' }), callLine('get_time', { city: 'Rome' })].join('\n') + '\n');
    client = new StdioClient();
    await client.initialize(undefined, pathToFileURL(dir).href);
    await client.open(toolsUri, text);
    await client.diagnosticsFor(toolsUri, 1);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a snapshot of the changed server: drift diagnostics at the tool names, broken lines as related information', async () => {
    const from = client.diagnostics.length;
    await client.connection.sendNotification('toolcall/toolsSourceSnapshot', { uri: toolsUri, source: 'weather server', tools: v2, datasets: [trainPath] });
    const published = await client.diagnosticsFor(toolsUri, 1, from);
    const drift = published.diagnostics.filter((d) => String(d.code).startsWith('TC44'));
    const nameAt = (name: string) => {
      const line = text.split('\n').findIndex((l) => l.includes(`"name": "${name}"`));
      return [line, text.split('\n')[line].indexOf(`"${name}"`)];
    };
    assert.deepEqual(drift.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]), [
      ['TC441', ...nameAt('get_weather'), 'Tool "get_weather" differs from weather server (parameter "country" of "get_weather" was added as required; allowed values of "unit" of "get_weather" changed: lost "c", "f"; gained "celsius", "fahrenheit") and breaks 1 dataset line: train.jsonl:1.'],
      ['TC440', ...nameAt('search_places'), 'Tool "search_places" is no longer offered by weather server and breaks 1 dataset line: train.jsonl:2.'],
      ['TC442', ...nameAt('get_time'), 'Tool "get_time" differs from weather server (the description of "get_time" changed); 1 dataset line still uses it as it was.'],
      ['TC443', 0, 0, 'weather server offers a tool this file does not declare: "book_table".'],
    ]);
    assert.deepEqual(drift[1].relatedInformation, [{
      location: { uri: pathToFileURL(trainPath).href, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } } },
      message: 'calls "search_places", which the source no longer offers',
    }]);
  });

  it('"Update from source" fixes: one per drifting tool, and all at once; applying all gives the source tools', async () => {
    const diagnostics = client.diagnostics.filter((d) => d.uri === toolsUri).at(-1)!.diagnostics.filter((d) => String(d.code).startsWith('TC44'));
    const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: toolsUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics } });
    assert.deepEqual(actions.map((a) => a.title), [
      'Update "get_weather" from the source',
      'Remove "search_places" (the source no longer offers it)',
      'Update "get_time" from the source',
      'Add "book_table" from the source',
      'Update all 4 drifting tools from the source',
    ]);
    const [edit] = actions[4].edit.changes[toolsUri];
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const updated = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
    assert.deepEqual(JSON.parse(updated), v2);
  });

  it('an open dataset counts with its unsaved text: a line fixed in the editor is no longer listed as broken', async () => {
    await client.open(pathToFileURL(trainPath).href, [callLine('get_weather', { city: 'Paris', country: 'FR' }), callLine('search_places', { query: 'cafe' }), callLine('get_time', { city: 'Rome' })].join('\n') + '\n');
    const from = client.diagnostics.length;
    await client.connection.sendNotification('toolcall/toolsSourceSnapshot', { uri: toolsUri, source: 'weather server', tools: v2, datasets: [trainPath] });
    const published = await client.diagnosticsFor(toolsUri, 1, from);
    assert.deepEqual(published.diagnostics.filter((d) => d.code === 'TC441' || d.code === 'TC440').map((d) => d.message), [
      'Tool "get_weather" differs from weather server (parameter "country" of "get_weather" was added as required; allowed values of "unit" of "get_weather" changed: lost "c", "f"; gained "celsius", "fahrenheit"); 1 dataset line still uses it as it was.',
      'Tool "search_places" is no longer offered by weather server and breaks 1 dataset line: train.jsonl:2.',
    ]);
  });

  it('a source that failed: TC444; an empty snapshot clears the drift', async () => {
    let from = client.diagnostics.length;
    await client.connection.sendNotification('toolcall/toolsSourceSnapshot', { uri: toolsUri, source: 'weather server', error: 'it crashed.', datasets: [] });
    let published = await client.diagnosticsFor(toolsUri, 1, from);
    assert.deepEqual(published.diagnostics.filter((d) => String(d.code).startsWith('TC44')).map((d) => [d.code, d.message]), [['TC444', 'The source of this tools file, weather server, could not be read: it crashed.']]);
    from = client.diagnostics.length;
    await client.connection.sendNotification('toolcall/toolsSourceSnapshot', { uri: toolsUri, source: 'weather server', datasets: [] });
    published = await client.diagnosticsFor(toolsUri, 1, from);
    assert.deepEqual(published.diagnostics.filter((d) => String(d.code).startsWith('TC44')), []);
  });
});
