import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateText } from '../../core/validate.ts';
import { sampleLines } from '../unit/server/fixtures.ts';
import { LineDocument } from '../../server/lineDocument.ts';
import { StdioClient } from './stdioClient.ts';

// Run `node scripts/build.mjs` first. A didOpen over 1 MB is read as lines straight from the
// message's bytes (server/didOpenMessage.ts): what the server publishes for it, and after edits,
// must be what the core says about the same text.

const published = (diagnostics: { range: { start: { line: number; character: number }; end: { character: number } }; code?: unknown; message: unknown }[]) => diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.code, d.message]);
const core = (text: string) => validateText(text).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.message]);

describe('a big didOpen over stdio (bundle)', () => {
  let client: StdioClient;
  before(async () => {
    client = new StdioClient();
    await client.initialize();
  });
  after(async () => {
    await client.stop();
  });

  it('publishes exactly the core diagnostics of a 1.2 MB text with CRLF, a lone CR and wide characters, and after edits', async () => {
    const lines = sampleLines();
    let text = '';
    for (let k = 0; text.length < 1_200_000; k++) {
      const line = lines[k % lines.length]!;
      // Every 50th line names a city in other scripts; every 7th ends with CRLF, one with a lone CR.
      text += (k % 50 === 0 ? line.replace('Rome', 'Röme 東京 😀') : line) + (k === 5001 ? '\r' : k % 7 === 0 ? '\r\n' : '\n');
    }
    const uri = 'file:///big/train.jsonl';
    client.settings.set(uri, { maxDiagnostics: 1_000_000 });
    const local = LineDocument.create(uri, 'jsonl', 1, text);
    await client.open(uri, text, 1);
    const first = await client.diagnosticsFor(uri, 1, 0, 300_000);
    const expected = core(text);
    assert.ok(expected.length > 1000, `${expected.length} diagnostics`);
    assert.deepEqual(published(first.diagnostics), expected);

    const edits = [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'x' },
      { range: { start: { line: 5000, character: 0 }, end: { line: 5003, character: 0 } }, text: `${lines[4]}\r\n` },
      { range: { start: { line: 100, character: 2 }, end: { line: 100, character: 2 } }, text: '日' },
    ];
    for (const [k, edit] of edits.entries()) {
      const version = k + 2;
      local.update([edit], version);
      const from = client.diagnostics.length;
      await client.change(uri, version, [edit]);
      const now = await client.diagnosticsFor(uri, version, from, 300_000);
      assert.deepEqual(published(now.diagnostics), core(local.getText()), `after edit ${k + 1}`);
    }
  });

  it('publishes exactly the core diagnostics of a 3 MB text read as lines under a severity override, and under none', async () => {
    const lines = sampleLines();
    const parts: string[] = [];
    for (let k = 0, size = 0; size < 3_000_000; k++) {
      const line = k % 50 === 0 ? lines[k % lines.length]!.replace('Rome', 'Röme 東京 😀') : lines[k % lines.length]!;
      parts.push(line);
      size += line.length + 1;
    }
    const text = parts.join('\n') + '\n';
    const plain = 'file:///big/plain.jsonl';
    await client.open(plain, text, 1);
    assert.deepEqual(published((await client.diagnosticsFor(plain, 1, 0, 300_000)).diagnostics).slice(0, 1000), core(text).slice(0, 1000));
    const overridden = 'file:///big/overridden.jsonl';
    const severity = { TC702: 'info', TC511: 'hint' } as const;
    client.settings.set(overridden, { severity, maxDiagnostics: 1_000_000 });
    await client.open(overridden, text, 1);
    const expected = validateText(text, { severity }).diagnostics;
    assert.ok(expected.length > 1000);
    const got = (await client.diagnosticsFor(overridden, 1, 0, 300_000)).diagnostics;
    assert.deepEqual(published(got), expected.map((d) => [d.line, d.start, d.end, d.code, d.message]));
    assert.deepEqual([...new Set(got.filter((d) => d.code === 'TC702').map((d) => d.severity))], [3], 'TC702 as information');
    assert.deepEqual([...new Set(got.filter((d) => d.code === 'TC511').map((d) => d.severity))], [4], 'TC511 as a hint');
  });

  it('counts the TC703s a capped publish does not reach as the core does (status), and shows the core head', async () => {
    // The sample's drifted tool on every 13th line: its TC703 comes after ~140 line diagnostics, past a cap of 20.
    const lines = sampleLines();
    const text = Array.from({ length: 1300 }, (_, k) => lines[k % lines.length]!).join('\n') + '\n';
    const severity = { TC703: 'error' } as const;
    const uri = 'file:///big/drifted.jsonl';
    client.settings.set(uri, { severity, maxDiagnostics: 20 });
    await client.open(uri, text, 1);
    const expected = validateText(text, { severity }).diagnostics;
    assert.ok(expected.some((d) => d.code === 'TC703') && expected.findIndex((d) => d.code === 'TC703') > 20);
    assert.deepEqual(published((await client.diagnosticsFor(uri, 1)).diagnostics).slice(0, 20), expected.slice(0, 20).map((d) => [d.line, d.start, d.end, d.code, d.message]));
    await client.waitFor(() => client.statuses.some((s) => s.uri === uri && s.version === 1), 'status v1');
    const { errors, warnings, infos } = client.statuses.findLast((s) => s.uri === uri && s.version === 1)!;
    const count = (severity: string) => expected.filter((d) => d.severity === severity).length;
    assert.deepEqual({ errors, warnings, infos }, { errors: count('error'), warnings: count('warning'), infos: count('info') });
  });
});
