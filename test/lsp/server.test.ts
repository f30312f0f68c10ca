import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { validateText } from '../../core/validate.ts';
import { sampleLines } from '../unit/server/fixtures.ts';
import { StdioClient } from './stdioClient.ts';
import { LineDocument } from '../../server/lineDocument.ts';

// Run `node scripts/build.mjs` first: this drives the bundle, as an editor would.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-lsp-'));
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
const byLine = (diagnostics: { range: { start: { line: number } } }[]) => {
  const map = new Map<number, unknown[]>();
  for (const d of diagnostics) map.set(d.range.start.line, [...(map.get(d.range.start.line) ?? []), d]);
  return map;
};

describe('language server over stdio (bundle)', () => {
  let client: StdioClient;
  before(async () => {
    client = new StdioClient();
    const result = await client.initialize(undefined, pathToFileURL(dir).href);
    assert.equal(result.capabilities.textDocumentSync.change, 2, 'incremental sync');
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes exactly the core diagnostics, then changes only the edited line', async () => {
    const uri = uriOf('train.jsonl');
    const text = sampleLines().join('\n') + '\n';
    await client.open(uri, text, 1);
    const first = await client.diagnosticsFor(uri, 1);
    const expected = validateText(text).diagnostics;
    assert.deepEqual(
      first.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.code, d.source, d.message]),
      expected.map((d) => [d.line, d.start, d.end, d.code, 'toolcall', d.message]),
    );
    await client.waitFor(() => client.statuses.some((s) => s.uri === uri && s.version === 1), 'status v1');
    assert.deepEqual(client.statuses.find((s) => s.uri === uri && s.version === 1), { uri, isDataset: true, version: 1, examples: 12, errors: 3, warnings: 2, infos: 0 });

    // One incremental edit on line 5: a city becomes an enum violation.
    const line5 = sampleLines()[5]!;
    const at = line5.indexOf('Rome');
    await client.change(uri, 2, [{ range: { start: { line: 5, character: at }, end: { line: 5, character: at + 4 } }, text: 'Rome\\",\\"unit\\":\\"K' }]);
    const second = await client.diagnosticsFor(uri, 2);
    const before = byLine(first.diagnostics);
    const now = byLine(second.diagnostics);
    for (const line of new Set([...before.keys(), ...now.keys()])) {
      if (line !== 5) assert.deepEqual(now.get(line), before.get(line), `line ${line} unchanged`);
    }
    assert.equal(before.get(5), undefined);
    assert.deepEqual((now.get(5) as { code: string }[]).map((d) => d.code), ['TC513']);
  });

  it('caps diagnostics per file with a final TC704 (settings pulled per resource, re-applied on change)', async () => {
    const uri = uriOf('capped.jsonl');
    const text = Array.from({ length: 8 }, () => sampleLines()[1]!).join('\n');
    client.settings.set(uri, { maxDiagnostics: 3 });
    await client.open(uri, '{"messages": []}\n' + text, 1);
    const published = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['TC203', 'TC101', 'TC101', 'TC704']);
    assert.equal(published.diagnostics[3]!.message, '7 more problems not shown (showing the first 3); fix these, raise toolcall.maxDiagnostics, or run "Toolcall: Validate File on Disk".');

    const from = client.diagnostics.length;
    client.settings.set(uri, { maxDiagnostics: 1000, severity: { TC101: 'off' } });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const again = await client.diagnosticsFor(uri, 1, from);
    assert.deepEqual(again.diagnostics.map((d) => d.code), ['TC203', 'TC701']);
  });

  it('after each edit of a run publishes what a fresh open of the same text publishes (capped list, status counts)', async () => {
    const lines = sampleLines();
    const status = async (uri: string, version: number) => {
      await client.waitFor(() => client.statuses.some((s) => s.uri === uri && s.version === version), `status ${uri} v${version}`);
      const { uri: _, version: __, ...counts } = client.statuses.findLast((s) => s.uri === uri && s.version === version)!;
      return counts;
    };
    const uri = uriOf('edited.jsonl');
    client.settings.set(uri, { maxDiagnostics: 4 });
    const local = LineDocument.create(uri, 'jsonl', 1, lines.join('\n') + '\n');
    await client.open(uri, local.getText(), 1);
    await client.diagnosticsFor(uri, 1);
    const at = (line: number, text: string) => ({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text });
    const edits = [
      at(5, ' '), // a plain line, typed into
      at(3, 'x'), // a copy broken: its TC702 goes, a TC101 comes
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, text: '' }, // and mended
      at(0, `${lines[4]}\n`), // the drifted variant first: every line moves, the first declaration changes
      at(12, `${lines[1]}\n${lines[1]}\n`), // two broken lines inserted past the cap
      { range: { start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }, text: '' }, // two lines deleted
      at(7, ' '),
    ];
    for (const [k, edit] of edits.entries()) {
      const version = k + 2;
      local.update([edit], version);
      await client.change(uri, version, [edit]);
      const published = await client.diagnosticsFor(uri, version);
      const fresh = uriOf(`fresh-${k}.jsonl`);
      client.settings.set(fresh, { maxDiagnostics: 4 });
      await client.open(fresh, local.getText(), 1);
      const expected = await client.diagnosticsFor(fresh, 1);
      // Related places name the document's own URI: the fresh copy's, read as the edited one's.
      const related = (d: { relatedInformation?: { location: { uri: string } }[] }) => d.relatedInformation?.map((r) => ({ ...r, location: { ...r.location, uri: r.location.uri === fresh ? uri : r.location.uri } }));
      assert.deepEqual(
        published.diagnostics.map((d) => ({ ...d, relatedInformation: related(d) })),
        expected.diagnostics.map((d) => ({ ...d, relatedInformation: related(d) })),
        `after edit ${k + 1}`,
      );
      assert.deepEqual(await status(uri, version), await status(fresh, 1), `counts after edit ${k + 1}`);
      assert.equal(published.diagnostics.length, 5, 'four shown and the TC704 note');
    }
  });

  it('gives non-datasets no diagnostics and hides the status', async () => {
    const uri = uriOf('logs.jsonl');
    await client.open(uri, '{"level": "info"}\n{"level": "warn"\n', 1);
    await client.waitFor(() => client.statuses.some((s) => s.uri === uri), 'status of logs.jsonl');
    assert.equal(client.statuses.find((s) => s.uri === uri)!.isDataset, false);
    assert.equal(client.diagnostics.some((d) => d.uri === uri && d.diagnostics.length > 0), false);
  });

  it('validates a file on disk with progress by bytes and publishes for its URI', async () => {
    const file = path.join(dir, 'disk.jsonl');
    const lines = Array.from({ length: 3000 }, (_, i) => (i === 7 ? '{"messages": 3}' : sampleLines()[5 + (i % 7)]!.replace('Weather in Paris?', `Weather ${i}?`)));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const uri = pathToFileURL(file).href;
    const token = 'disk-1';
    const result = await client.connection.sendRequest('toolcall/validateFileOnDisk', { uri, workDoneToken: token });
    assert.deepEqual(result, { lines: 3000, examples: 3000, error: 1, warning: 0, info: 0, hint: 0, published: 1, cancelled: false });
    const mine = client.progress.filter((p) => p.token === token).map((p) => p.value);
    assert.equal(mine[0].kind, 'begin');
    assert.equal(mine.at(-1).kind, 'end');
    assert.equal(mine.filter((v) => v.kind === 'report').at(-1).percentage, 100);
    const published = await client.diagnosticsFor(uri);
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.code]), [[7, 'TC202']]);
  });

  it('reports a tools file it cannot read on line 0, and re-validates when the file appears', async () => {
    const uri = uriOf('shared.jsonl');
    client.settings.set(uri, { toolsFile: 'tools.json' });
    const noTools = (i: number) => JSON.stringify({ messages: [{ role: 'user', content: `q${i}` }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'search', arguments: '{"query":"x"}' } }] }, { role: 'tool', tool_call_id: 'c', content: 'r' }, { role: 'assistant', content: 'ok' }] });
    await client.open(uri, Array.from({ length: 10 }, (_, i) => noTools(i)).join('\n'), 1);
    const first = await client.diagnosticsFor(uri, 1);
    assert.equal(first.diagnostics[0]!.code, 'TC705');
    assert.deepEqual(first.diagnostics[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    await client.waitFor(() => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'watcher registration');

    fs.writeFileSync(path.join(dir, 'tools.json'), JSON.stringify([{ type: 'function', function: { name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } } }]));
    const from = client.diagnostics.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'tools.json')).href, type: 1 }] });
    const second = await client.diagnosticsFor(uri, 1, from);
    assert.deepEqual(second.diagnostics, []);
  });

  it('survives garbage and a line that trips the rules, and still answers', async () => {
    const uri = uriOf('garbage.jsonl');
    const garbage = [
      '{"messages": [{"role": "user", "content": "hi"}]}',
      '\u0000\u0001\uFFFF\uD800 not json',
      '['.repeat(100_000),
      '{"messages": [{"role": "assistant", "tool_calls": [{"id": "a", "type": "function", "function": {"name": "f", "arguments": "{\\"__proto__\\": {\\"x\\": 1}, \\"constructor\\": 1}"}}]}], "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {"__proto__": {"type": "string", "pattern": "(a+)+$"}}}}}]}',
      '{"messages": {"__proto__": null, "length": 5}}',
      '{"messages": [' + '{"role": "user", "content": "x"},'.repeat(2000) + '{"role": "assistant", "content": "y"}]}',
      '1e999999',
      '"\\ud800"',
    ];
    await client.open(uri, garbage.join('\n'), 1);
    const published = await client.diagnosticsFor(uri, 1);
    assert.ok(published.diagnostics.length > 0);
    // Edits against a document the server never saw, and a broken change, must not kill it either.
    await client.change('file:///nowhere.jsonl', 2, [{ range: { start: { line: 9, character: 0 }, end: { line: 99, character: 0 } }, text: 'x' }]);
    await client.change(uri, 2, [{ range: { start: { line: 50, character: 3 }, end: { line: 2, character: 0 } }, text: '\r' }]);
    await client.diagnosticsFor(uri, 2);
    await assert.rejects(client.connection.sendRequest('toolcall/validateFileOnDisk', { uri: 'untitled:Untitled-1' }), /Only file: URIs/);
    const answer = await client.connection.sendRequest('toolcall/validateFileOnDisk', { uri: pathToFileURL(path.join(dir, 'disk.jsonl')).href });
    assert.equal((answer as { lines: number }).lines, 3000);
    assert.equal(client.child.exitCode, null, 'server still running');
  });
});
