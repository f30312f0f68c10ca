// `toolcall eval --batch` and runBatch against the local server's Batch API (simulated
// lifecycle, partial failures, expiry, a failed batch), through the real `openai` SDK.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { runCli } from '../../../cli/main.ts';
import { runBatch } from '../../../core/eval/batch.ts';
import { extractCases, type EvalCase } from '../../../core/eval/cases.ts';
import { modelResults, parseResults, stringifyResults } from '../../../core/eval/results.ts';
import { createOpenAI, toFile } from '../../../core/openai/client.ts';
import { ApiError, lastUserText, startOpenAIServer, type ChatRequest, type OpenAIServer } from '../../openai-server/index.ts';

const KEY = 'sk-test-batch-0123456789abcdef';
const fixture = join(__dirname, '../../fixtures/eval/eval-small.jsonl');
const { cases } = extractCases(readFileSync(fixture, 'utf8'));

/** The right answer of the case a request is for (known by its history). */
function answerOf(request: ChatRequest): EvalCase {
  return cases.find((c) => c.history.length === request.messages.length && JSON.stringify(c.history.at(-1)) === JSON.stringify(request.messages.at(-1)))!;
}
const right = (request: ChatRequest) => {
  const c = answerOf(request);
  return c.expected.length ? { tool_calls: c.expected, usage: { prompt_tokens: 1000, completion_tokens: 100 } } : { content: 'ok', usage: { prompt_tokens: 1000, completion_tokens: 100 } };
};

describe('eval through the Batch API', () => {
  let server: OpenAIServer;
  let dir: string;
  const cli = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: { OPENAI_API_KEY: KEY } });
    return { code, stdout, stderr };
  };
  const posts = (path: string) => server.state.requests.filter((r) => r.method === 'POST' && r.path === path).length;
  const args = (out: string, model = 'gpt-4o') => ['eval', '--dataset', 'eval.jsonl', '--model', model, '--base-url', server.url, '--batch', '--poll-seconds', '0', '--out', out, '--format', 'json'];

  before(async () => {
    server = await startOpenAIServer({ tickMs: 0 });
    dir = mkdtempSync(join(tmpdir(), 'toolcall-batch-'));
    copyFileSync(fixture, join(dir, 'eval.jsonl'));
  });
  beforeEach(() => server.state.reset());
  after(() => server.close());

  test('end to end: one upload, one batch, partial failures recorded as errors, the batch id kept; the next run asks only those', async () => {
    // The Tokyo/Paris case fails inside the batch (a 400 in the error file); the others are answered right.
    server.script.set('gpt-4o', (request) => {
      if (lastUserText(request) === 'Paris and Tokyo, then the time' && request.messages.length === 1) throw new ApiError(400, 'Invalid tool schema.');
      return right(request);
    });
    const first = await cli(args('partial.toolcall-eval.json'));
    assert.equal(first.code, 1);
    assert.deepEqual([posts('/v1/files'), posts('/v1/batches'), posts('/v1/chat/completions')], [1, 1, 0]);
    const upload = server.state.requests.find((r) => r.path === '/v1/files')!;
    assert.ok(upload);
    const file = parseResults(readFileSync(join(dir, 'partial.toolcall-eval.json'), 'utf8'));
    const entry = file.models[0]!;
    assert.deepEqual(entry.batch, { id: 'batch_000000000000000000000001', status: 'completed' });
    assert.deepEqual([entry.summary.total, entry.summary.errors, entry.summary.exact_match], [8, 1, 7 / 8]);
    assert.equal(entry.cases.find((c) => c.error)!.error, 'The batch request failed (400): Invalid tool schema.');
    assert.match(first.stderr, /gpt-4o: batch batch_000000000000000000000001 validating\ngpt-4o: batch batch_000000000000000000000001 in_progress\ngpt-4o: batch batch_000000000000000000000001 finalizing\ngpt-4o: batch batch_000000000000000000000001 completed\ngpt-4o: 1 of 8 cases errored \(first: line 4: The batch request failed \(400\): Invalid tool schema\.\); run again to ask them in a new batch\.\n$/);

    server.script.set('gpt-4o', right);
    server.state.reset();
    const second = await cli(args('partial.toolcall-eval.json'));
    assert.equal(second.code, 0, second.stderr);
    const requests = server.batches.batches.get('batch_000000000000000000000002')!.object.request_counts;
    assert.deepEqual(requests, { total: 1, completed: 1, failed: 0 });
    assert.equal(JSON.parse(second.stdout)['gpt-4o'].exact_match, 1);
  });

  test('batch answers are priced at half the live price', async () => {
    server.script.set('gpt-4o', right);
    const openai = createOpenAI({ apiKey: KEY, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    // Recorded as the OpenAI endpoint (pricing follows the recorded endpoint; the local server is free).
    const run = await runBatch({ openai, model: 'gpt-4o', baseURL: 'https://api.openai.com/v1', cases: cases.slice(0, 1), firstPollMs: 0 });
    // 1000 * $2.50/1M + 100 * $10/1M = $0.0035 live, $0.00175 in a batch.
    assert.ok(Math.abs(run.results.cases[0]!.costUsd! - 0.00175) < 1e-15, String(run.results.cases[0]!.costUsd));
  });

  test('a batch left running is collected by the next run, not created again', async () => {
    server.script.set('gpt-4o-mini', right);
    const openai = createOpenAI({ apiKey: KEY, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    // A run stopped right after creating its batch (as a killed process or a closed editor).
    const controller = new AbortController();
    const stopped = await runBatch({ openai, model: 'gpt-4o-mini', baseURL: server.url, cases, signal: controller.signal, firstPollMs: 0, onBatch: () => controller.abort() });
    assert.equal(stopped.cancelled, true);
    assert.equal(stopped.batch?.status, 'validating');
    const results = { version: 1 as const, dataset: 'eval.jsonl', createdAt: '2026-01-01T00:00:00.000Z', config: {}, models: [{ ...modelResults('gpt-4o-mini', server.url, []), batch: stopped.batch! }] };
    writeFileSync(join(dir, 'pickup.toolcall-eval.json'), stringifyResults(results));
    const mark = server.state.requests.length;
    const run = await cli(args('pickup.toolcall-eval.json', 'gpt-4o-mini'));
    assert.equal(run.code, 0, run.stderr);
    const later = server.state.requests.slice(mark);
    assert.deepEqual(later.filter((r) => r.method === 'POST').map((r) => r.path), []);
    // Three retrieves, each one lifecycle step: in_progress, finalizing, completed.
    assert.equal(later.filter((r) => r.path === `/v1/batches/${stopped.batch!.id}`).length, 3);
    const entry = parseResults(readFileSync(join(dir, 'pickup.toolcall-eval.json'), 'utf8')).models[0]!;
    assert.deepEqual([entry.batch?.id, entry.batch?.status, entry.summary.total, entry.summary.exact_match], [stopped.batch!.id, 'completed', 8, 1]);
  });

  test('an expired batch: answered cases kept, the rest errored and asked again in a new batch', async () => {
    server.script.set('gpt-4o', right);
    server.batches.expireNext(3);
    const first = await cli(args('expired.toolcall-eval.json'));
    assert.equal(first.code, 1);
    const entry = parseResults(readFileSync(join(dir, 'expired.toolcall-eval.json'), 'utf8')).models[0]!;
    assert.equal(entry.batch?.status, 'expired');
    assert.deepEqual([entry.summary.errors, entry.cases.filter((c) => c.prediction).length], [5, 3]);
    assert.match(entry.cases.find((c) => c.error)!.error!, /^Not run: batch batch_[0-9a-f]+ expired before this request; run again to ask it\.$/);
    server.state.reset();
    const second = await cli(args('expired.toolcall-eval.json'));
    assert.equal(second.code, 0, second.stderr);
    const lines = server.state.files.values().next().value!.content.toString('utf8').trim().split('\n');
    assert.equal(lines.length, 5);
    assert.equal(JSON.parse(second.stdout)['gpt-4o'].exact_match, 1);
  });

  test('a failed batch (bad requests file): one sentence naming the line, nothing scored', async () => {
    const openai = createOpenAI({ apiKey: KEY, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    const input = await openai.files.create({ file: await toFile(Buffer.from('{"custom_id": "a", "method": "GET", "url": "/v1/chat/completions", "body": {}}\n'), 'bad.jsonl'), purpose: 'batch' });
    const batch = await openai.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    const run = await runBatch({ openai, model: 'gpt-4o', baseURL: server.url, cases, batch: { id: batch.id, status: batch.status }, firstPollMs: 0 });
    assert.equal(run.fatal, `The batch ${batch.id} failed: Invalid value for 'method': only POST is supported. (requests file line 1)`);
    assert.deepEqual([run.batch?.status, run.results.cases.length], ['failed', 0]);
  });
});
