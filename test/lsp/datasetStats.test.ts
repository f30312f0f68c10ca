// toolcall/datasetStats through the server bundle over stdio, and TC209 in its diagnostics.
// Run `node scripts/build.mjs` first.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DatasetStatsRequest, type DatasetStatsResult } from '../../core/protocol.ts';
import { computeStats } from '../../core/stats/report.ts';
import { normalizeInsightSettings } from '../../core/stats/reportSettings.ts';
import { StdioClient } from './stdioClient.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-stats-lsp-'));
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
const FIXTURE = fs.readFileSync(path.resolve('test/fixtures/insights/report.jsonl'), 'utf8');
const LONG = JSON.stringify({ messages: [{ role: 'user', content: ' hello'.repeat(70_000) }, { role: 'assistant', content: 'Hi.' }] });

describe('toolcall/datasetStats over stdio (bundle)', () => {
  let client: StdioClient;
  before(async () => {
    client = new StdioClient();
    await client.initialize(undefined, pathToFileURL(dir).href);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('summary of an open document: examples, tokens, cost under the default model', async () => {
    const uri = uriOf('report.jsonl');
    await client.open(uri, FIXTURE, 1);
    const result: DatasetStatsResult = await client.connection.sendRequest(DatasetStatsRequest.method, { uri });
    assert.deepEqual(result, {
      uri,
      isDataset: true,
      version: 1,
      summary: { model: 'gpt-4o-mini-2024-07-18', examples: 8, tokens: 1481, overLimit: 0, epochs: 12, billedTokens: 17772, estimatedUsd: (17772 / 1_000_000) * 3 },
    });
    // After an edit (line 8, the copy of line 1, removed), the count follows the buffer.
    await client.change(uri, 2, [{ range: { start: { line: 7, character: 0 }, end: { line: 8, character: 0 } }, text: '' }]);
    const edited: DatasetStatsResult = await client.connection.sendRequest(DatasetStatsRequest.method, { uri });
    assert.equal(edited.version, 2);
    assert.deepEqual([edited.summary.examples, edited.summary.tokens, edited.summary.epochs], [7, 1481 - 172, 14]);
  });

  it('full report with another model and a validation file read from disk', async () => {
    const uri = uriOf('full.jsonl');
    await client.open(uri, FIXTURE, 1);
    const validation = path.join(dir, 'val.jsonl');
    fs.writeFileSync(validation, FIXTURE.split('\n')[2] + '\n');
    const result: DatasetStatsResult = await client.connection.sendRequest(DatasetStatsRequest.method, { uri, model: 'gpt-4o-2024-08-06', detail: 'full', validationUri: pathToFileURL(validation).href });
    const s = result.stats!;
    assert.equal(s.model, 'gpt-4o-2024-08-06');
    assert.deepEqual(s.categories, { 'single-call': 3, 'error-recovery': 2, 'multi-step': 1, 'no-call': 2 });
    assert.equal(s.tokens.total, 1481);
    assert.deepEqual(s.cost, { model: 'gpt-4o-2024-08-06', epochs: 12, billedTokens: 17772, pricePerMillion: 25, estimatedUsd: (17772 / 1_000_000) * 25 });
    assert.deepEqual(s.overlap, { validationExamples: 1, exact: [{ validation: 1, train: [3] }], near: [] });
    assert.deepEqual(result.summary, { model: 'gpt-4o-2024-08-06', examples: 8, tokens: 1481, overLimit: 0, epochs: 12, billedTokens: 17772, estimatedUsd: (17772 / 1_000_000) * 25 });
  });

  it('full report of a document with copies in other forms: the same as every line keyed (the first line of each group read again from the document)', async () => {
    const lines = FIXTURE.split('\n').filter((line) => line.trim() !== '');
    // Copies with the keys of every object in reverse order and spaced, a near copy, a copy of a copy.
    const reversed = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reversed) : value !== null && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) : value;
    const copies = lines.flatMap((line, i) => {
      const copy = JSON.stringify(reversed(JSON.parse(line)));
      // Spaced on one line (',"' is never inside a JSON string: its quote would be escaped).
      return [i % 2 === 0 ? copy.replace(/,"/g, ', "') : copy, line.replace('Paris', 'Lyon')];
    });
    const text = [...lines, ...copies, lines[3], ''].join('\n');
    const uri = uriOf('copies.jsonl');
    await client.open(uri, text, 1);
    const validation = path.join(dir, 'copies-val.jsonl');
    fs.writeFileSync(validation, [copies[0], lines[5].replace('"', ' "'), JSON.stringify({ messages: [{ role: 'user', content: 'new' }] })].join('\n') + '\n');
    for (const validationUri of [undefined, pathToFileURL(validation).href]) {
      const result: DatasetStatsResult = await client.connection.sendRequest(DatasetStatsRequest.method, { uri, detail: 'full', ...(validationUri ? { validationUri } : {}) });
      const settings = normalizeInsightSettings(undefined);
      const expected = computeStats(text.split('\n').map((line, index) => ({ index, text: line })), {
        limits: settings.tokenLimits,
        prices: settings.prices,
        ...(validationUri ? { validation: fs.readFileSync(validation, 'utf8').split('\n').map((line, index) => ({ index, text: line })) } : {}),
      });
      assert.deepEqual(result.stats, JSON.parse(JSON.stringify(expected)));
      assert.ok(expected.duplicates.length >= 8 && expected.duplicates.some((group) => group.lines.length === 3), JSON.stringify(expected.duplicates));
      if (validationUri) assert.deepEqual(expected.overlap!.exact.map((e) => e.validation), [1, 2]);
    }
  });

  it('settings: toolcall.stats.model, toolcall.tokenLimits and prices pulled per resource; TC209 published with the diagnostics', async () => {
    const uri = uriOf('long.jsonl');
    client.settings.set(uri, { tokenLimits: { 'my-model': 70_000 }, stats: { model: 'my-model', prices: { 'my-model': 1 } } });
    const text = [FIXTURE.split('\n')[0], LONG].join('\n') + '\n';
    await client.open(uri, text, 1);
    const published = await client.diagnosticsFor(uri, 1);
    const tc209 = published.diagnostics.filter((d) => d.code === 'TC209');
    assert.deepEqual(tc209.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.message]), [
      [1, 0, LONG.length, 2, 'Example has 70,013 tokens, 13 over the 70,000 limit of my-model; it will be truncated.'],
    ]);
    const result: DatasetStatsResult = await client.connection.sendRequest(DatasetStatsRequest.method, { uri });
    assert.deepEqual(result.summary, { model: 'my-model', examples: 2, tokens: 172 + 70_013, overLimit: 1, epochs: 25, billedTokens: (172 + 70_000) * 25, estimatedUsd: ((172 + 70_000) * 25) / 1_000_000 });
  });

  it('a .jsonl that is not a dataset; a file on disk; bad params; cancellation', async () => {
    const logs = uriOf('logs.jsonl');
    await client.open(logs, '{"level": "info"}\n', 1);
    const notDataset: DatasetStatsResult = await client.connection.sendRequest(DatasetStatsRequest.method, { uri: logs });
    assert.equal(notDataset.isDataset, false);
    assert.equal(notDataset.summary.examples, 0);

    const onDisk = path.join(dir, 'disk.jsonl');
    fs.writeFileSync(onDisk, FIXTURE);
    const disk: DatasetStatsResult = await client.connection.sendRequest(DatasetStatsRequest.method, { uri: pathToFileURL(onDisk).href });
    assert.deepEqual([disk.isDataset, disk.version, disk.summary.examples, disk.summary.tokens], [true, undefined, 8, 1481]);

    await assert.rejects(client.connection.sendRequest(DatasetStatsRequest.method, { uri: uriOf('missing.jsonl') }), /neither open nor a readable file/);
    await assert.rejects(client.connection.sendRequest(DatasetStatsRequest.method, {}), /needs a uri/);

    // A big document, cancelled right away: the request ends with RequestCancelled and the server still answers.
    const big = uriOf('big.jsonl');
    const bigText = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `question number ${i} about the weather` }, { role: 'assistant', content: `answer ${i}` }] })).join('\n');
    await client.open(big, bigText, 1);
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol');
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(DatasetStatsRequest.method, { uri: big, detail: 'full' }, source.token);
    setTimeout(() => source.cancel(), 5);
    await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);
    const after: DatasetStatsResult = await client.connection.sendRequest(DatasetStatsRequest.method, { uri: big });
    assert.equal(after.summary.examples, 20_000);
  });
});
