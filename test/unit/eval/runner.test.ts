// The runner against the local OpenAI-compatible server acting as a scripted model,
// through the real `openai` SDK: known right and wrong answers -> known scores.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { extractCases, type EvalCase } from '../../../core/eval/cases.ts';
import { runModel, type RunModelOptions } from '../../../core/eval/runner.ts';
import { retryAfterMs, withRetry } from '../../../core/eval/runnerRetry.ts';
import { ratesFor, costOf, DEFAULT_PRICES, parsePriceTable } from '../../../core/eval/pricing.ts';
import { estimateEta, formatProgress, ProgressTracker, type RunProgress } from '../../../core/eval/progress.ts';
import { APIError, createOpenAI, type OpenAI } from '../../../core/openai/client.ts';
import { startOpenAIServer, type ChatRequest, type OpenAIServer, type ScriptedReply } from '../../openai-server/index.ts';
import { lastUserText } from '../../openai-server/index.ts';

const KEY = 'sk-test-eval-0123456789abcdef';

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
const text = readFileSync(join(__dirname, '../../fixtures/eval/eval-small.jsonl'), 'utf8');
const { cases } = extractCases(text);

/** A case is recognised by its last user text and the length of its history. */
const keyOf = (request: ChatRequest) => `${lastUserText(request)}|${request.messages.length}`;
const caseKeyOf = (c: EvalCase) => {
  const user = [...c.history].reverse().find((m) => (m as { role: string }).role === 'user') as { content: string };
  return `${user.content}|${c.history.length}`;
};
const rightAnswer = (c: EvalCase): ScriptedReply =>
  c.expected.length === 0 ? { content: 'Sure.' } : { tool_calls: c.expected.map((call) => ({ name: call.name, arguments: call.arguments })) };

/** The model that answers every case right, except the replies in `wrong` (keyed by `line:turn`). */
function scripted(wrong: Record<string, ScriptedReply> = {}, usage = { prompt_tokens: 1000, completion_tokens: 100 }) {
  const answers = new Map(cases.map((c) => [caseKeyOf(c), { ...(wrong[`${c.line}:${c.turn}`] ?? rightAnswer(c)), usage }]));
  return (request: ChatRequest): ScriptedReply => {
    const answer = answers.get(keyOf(request));
    if (!answer) throw new Error(`unscripted request ${keyOf(request)}`);
    return answer;
  };
}

// line 1: lower-case city -> fuzzy (ratio 32/34), structural (strings compared normalised), not exact.
// line 2: a call where none was expected -> fails everything.
const MIXED = {
  '1:1': { tool_calls: [{ name: 'get_weather', arguments: '{"city": "paris"}' }] },
  '2:1': { tool_calls: [{ name: 'get_weather', arguments: '{"city": "Paris"}' }] },
};

describe('runModel against a scripted model', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  // Waits are recorded and skipped; the wall clock (retry-after, the shared pause) moves with them.
  const sleeps: number[] = [];
  let wall = 0;
  const run = (model: string, extra: Partial<RunModelOptions> = {}) =>
    runModel({
      openai,
      model,
      baseURL: server.url,
      cases,
      concurrency: 3,
      sleep: async (ms) => {
        sleeps.push(ms);
        wall += ms;
      },
      wallClock: () => wall,
      ...extra,
    });
  const chatRequests = () => server.state.requests.filter((r) => r.path === '/v1/chat/completions');

  before(async () => {
    server = await startOpenAIServer({ tickMs: 0 });
    openai = createOpenAI({ apiKey: KEY, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    server.script.set('right', scripted());
    server.script.set('mixed', scripted(MIXED));
    server.script.set('gpt-4o-mini', scripted());
  });
  beforeEach(() => {
    server.state.reset();
    server.faults.clear();
    sleeps.length = 0;
  });
  after(() => server.close());

  // Line 6's first call sends id "42" where the schema says integer (the example's
  // deliberate mistake): a model that copies it is exact but not structural.
  test('a model that answers every case as the eval set does: exact 1, structural 7/8', async () => {
    const { results, cancelled } = await run('right');
    assert.equal(cancelled, false);
    const s = results.summary;
    assert.deepEqual([s.total, s.exact_match, s.fuzzy_match, s.functional_match, s.structural_match, s.errors], [8, 1, 1, 1, 7 / 8, 0]);
    assert.equal(results.cases.find((c) => c.line === 6 && c.turn === 1)!.reason, "Parameter 'id' should be of type integer, got string.");
    assert.deepEqual(results.cases.map((c) => `${c.line}:${c.turn}`), ['1:1', '2:1', '4:1', '4:4', '4:6', '6:1', '6:3', '7:3']);
    assert.equal(results.baseURL, server.url);
    assert.equal(chatRequests().length, 8);
  });

  test('known wrong answers give known fractions, per tool and per category', async () => {
    const { results } = await run('mixed');
    const s = results.summary;
    assert.deepEqual([s.exact_match, s.fuzzy_match, s.functional_match, s.structural_match], [6 / 8, 7 / 8, 7 / 8, 6 / 8]);
    assert.deepEqual(s.by_tool['get_weather'], { total: 2, exact_match: 0.5, fuzzy_match: 1, functional_match: 1, structural_match: 1 });
    assert.deepEqual(s.by_tool['(no call)'], { total: 2, exact_match: 0.5, fuzzy_match: 0.5, functional_match: 0.5, structural_match: 0.5 });
    assert.deepEqual(s.by_category['single-call'], { total: 1, exact_match: 0, fuzzy_match: 1, functional_match: 1, structural_match: 1 });
    const line1 = results.cases[0];
    assert.deepEqual(line1.prediction, { tool_calls: [{ name: 'get_weather', arguments: '{"city": "paris"}' }], content: null });
    assert.deepEqual(line1.scores, { exact: false, fuzzy: true, functional: true, structural: true, similarity: 32 / 34 });
    assert.equal(results.cases[1].reason, 'No call was expected, the model made 1.');
  });

  test('requests carry the history without dataset fields, the tools and temperature 0', async () => {
    await run('right', { cases: cases.filter((c) => c.line === 7) });
    const [request] = chatRequests();
    const body = request!.json as { model: string; temperature: number; tools: unknown[]; messages: Record<string, unknown>[] };
    assert.equal(body.model, 'right');
    assert.equal(body.temperature, 0);
    assert.equal(body.tools.length, 1);
    assert.deepEqual(body.messages.map((m) => m.role), ['user', 'assistant', 'tool']);
    assert.equal('weight' in body.messages[1]!, false);
  });

  test('latency, usage and cost per case; cost per 1k cases from the price table', async () => {
    // The recorded base URL decides pricing (the client still talks to the local server).
    const prices = { right: { input: 2, output: 8 } };
    const { results } = await run('right', { prices, baseURL: 'https://models.example.invalid/v1' });
    for (const c of results.cases) {
      assert.deepEqual(c.usage, { prompt_tokens: 1000, completion_tokens: 100 });
      assert.equal(c.costUsd, (1000 * 2 + 100 * 8) / 1e6);
      assert.equal(typeof c.latencyMs, 'number');
      assert.equal(c.attempts, 1);
    }
    const s = results.summary;
    assert.deepEqual([s.prompt_tokens, s.completion_tokens], [8000, 800]);
    assert.ok(Math.abs(s.cost_per_1k_cases! - 2.8) < 1e-12, String(s.cost_per_1k_cases));
    assert.ok(s.latency_p50_ms! <= s.latency_p95_ms!);
    // A model on a local endpoint costs nothing; one the table does not know has no cost.
    const local = await run('gpt-4o-mini');
    assert.equal(local.results.summary.cost_usd, 0);
    const unknown = await run('right', { baseURL: 'https://models.example.invalid/v1' });
    assert.equal(unknown.results.summary.cost_per_1k_cases, null);
  });

  test('bounded concurrency: never more requests in flight than asked', async () => {
    let inFlight = 0;
    let most = 0;
    const answer = scripted();
    server.script.set('slow', async (request) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 15));
      inFlight--;
      return answer(request);
    });
    await run('slow', { concurrency: 3 });
    assert.equal(most, 3);
    await run('slow', { concurrency: 1 });
    assert.equal(most, 3);
  });

  test('a 429 with retry-after and a 500 are retried: the waits honour retry-after, the scores are unchanged', async () => {
    server.faults.add({ method: 'POST', path: '/v1/chat/completions', kind: 'status', status: 429, retryAfter: 2 });
    server.faults.add({ method: 'POST', path: '/v1/chat/completions', kind: 'status', status: 500 });
    const { results } = await run('right', { concurrency: 1, retry: { baseDelayMs: 100 } });
    assert.equal(results.summary.exact_match, 1);
    assert.equal(results.summary.errors, 0);
    assert.equal(chatRequests().length, 10);
    assert.deepEqual(chatRequests().slice(0, 3).map((r) => r.status), [429, 500, 200]);
    assert.equal(results.cases[0].attempts, 3);
    assert.equal(sleeps.length, 2);
    assert.equal(sleeps[0], 2000);
    assert.ok(sleeps[1]! >= 150 && sleeps[1]! <= 250, `backoff after the 500 was ${sleeps[1]}`); // 100 * 2^1, +-25% jitter
  });

  test('a case that keeps failing is recorded as a miss with the error; the others go on', async () => {
    server.faults.add({ method: 'POST', path: '/v1/chat/completions', kind: 'status', status: 503, times: 3 });
    const { results } = await run('right', { concurrency: 1, retry: { maxAttempts: 3, baseDelayMs: 1 } });
    const failed = results.cases.filter((c) => c.error !== undefined);
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.attempts, 3);
    assert.match(failed[0]!.error!, /^The service failed \(503\)/);
    assert.equal(failed[0]!.prediction, undefined);
    assert.deepEqual([results.summary.errors, results.summary.exact_match], [1, 7 / 8]);
  });

  test('an unknown model stops the run at once with one sentence (no case asked 8 times)', async () => {
    const { results, fatal, cancelled } = await run('no-such-model');
    assert.match(fatal!, /^Not found \(404\): The model `no-such-model` does not exist/);
    assert.equal(cancelled, false);
    assert.equal(results.cases.length, 0);
    assert.ok(chatRequests().length <= 3, `${chatRequests().length} requests`);
    assert.ok(!fatal!.includes(KEY));
  });

  test('cancellation stops the run and keeps the answered cases; a resumed run asks only the rest', async () => {
    server.script.set('paced', scripted(MIXED), { latencyMs: 30 });
    const controller = new AbortController();
    const progress: RunProgress[] = [];
    const first = await run('paced', {
      concurrency: 2,
      signal: controller.signal,
      onCase: () => controller.abort(),
      onProgress: (p) => progress.push(p),
    });
    assert.equal(first.cancelled, true);
    const answered = first.results.cases.length;
    assert.ok(answered >= 1 && answered < 8, `${answered} answered`);
    assert.deepEqual(progress[0], { done: 0, total: 8, failed: 0 });

    server.state.reset();
    const resumedProgress: RunProgress[] = [];
    const second = await run('paced', { previous: first.results.cases, onProgress: (p) => resumedProgress.push(p) });
    assert.equal(second.cancelled, false);
    assert.equal(chatRequests().length, 8 - answered);
    assert.equal(resumedProgress[0]!.done, answered);
    assert.equal(resumedProgress.at(-1)!.done, 8);
    const s = second.results.summary;
    assert.deepEqual([s.total, s.exact_match, s.fuzzy_match], [8, 6 / 8, 7 / 8]);
  });

  test('a refused connection: the first 3 requests fail the same way, the model stops with one sentence', async () => {
    const port = await closedPort();
    const dead = createOpenAI({ apiKey: KEY, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0, logLevel: 'off' });
    const { results, fatal, cancelled } = await run('right', { openai: dead, concurrency: 1, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    assert.equal(fatal, `Stopped after the first 3 requests all failed the same way: Could not reach the API (connect ECONNREFUSED 127.0.0.1:${port}); check the base URL and your connection.`);
    assert.equal(cancelled, false);
    // The three failed cases are kept as errors (asked again on resume), none as a wrong answer.
    assert.deepEqual(results.cases.map((c) => [c.line, c.turn, c.attempts, c.prediction]), [[1, 1, 2, undefined], [2, 1, 2, undefined], [4, 1, 2, undefined]]);
    assert.equal(results.summary.errors, 3);
  });

  test('a host name that does not exist is not retried and stops the model after 3 cases', async () => {
    const nowhere = createOpenAI({ apiKey: KEY, baseURL: 'http://api.example.invalid/v1', maxRetries: 0, logLevel: 'off' });
    const { results, fatal } = await run('right', { openai: nowhere, concurrency: 1 });
    assert.match(fatal!, /^Stopped after the first 3 requests all failed the same way: Could not reach the API \(getaddrinfo ENOTFOUND api\.example\.invalid\); check the base URL and your connection\.$/);
    assert.deepEqual(results.cases.map((c) => c.attempts), [1, 1, 1]);
    assert.equal(sleeps.length, 0);
  });

  test('failures of different kinds, or an answer among the first 3, do not stop the model', async () => {
    server.faults.add({ method: 'POST', path: '/v1/chat/completions', kind: 'status', status: 400 });
    server.faults.add({ method: 'POST', path: '/v1/chat/completions', kind: 'status', status: 422 });
    server.faults.add({ method: 'POST', path: '/v1/chat/completions', kind: 'status', status: 400 });
    const { results, fatal } = await run('right', { concurrency: 1 });
    assert.equal(fatal, undefined);
    assert.deepEqual([results.cases.length, results.summary.errors, results.summary.exact_match], [8, 3, 5 / 8]);
    // Three 400s in a row are about those requests, not the endpoint: the model goes on.
    server.faults.add({ method: 'POST', path: '/v1/chat/completions', kind: 'status', status: 400, times: 3 });
    const again = await run('right', { concurrency: 1 });
    assert.deepEqual([again.fatal, again.results.cases.length, again.results.summary.errors], [undefined, 8, 3]);
  });

  test('resume reuses an answer only for the same case: two swapped lines are both asked again', async () => {
    const first = await run('right');
    const lines = text.split('\n');
    [lines[0], lines[1]] = [lines[1]!, lines[0]!];
    const swapped = extractCases(lines.join('\n')).cases;
    server.state.reset();
    const again = await run('right', { cases: swapped, previous: first.results.cases });
    // Lines 1 and 2 now hold each other's example: their old answers are not reused.
    assert.deepEqual(chatRequests().map((r) => lastUserText(r.json as ChatRequest)).sort(), ['Hi!', 'Weather in Paris?']);
    assert.deepEqual([again.results.summary.exact_match, again.results.cases.length], [1, 8]);
    assert.deepEqual(again.results.cases.slice(0, 2).map((c) => [c.line, c.category]), [[1, 'no-call'], [2, 'single-call']]);
    // A record without a hash (an older file) cannot be checked: asked again.
    server.state.reset();
    const unhashed = first.results.cases.map(({ hash: _, ...c }) => c);
    await run('right', { previous: unhashed });
    assert.equal(chatRequests().length, 8);
  });

  test('resume asks again the cases that failed before', async () => {
    const before = (await run('right')).results.cases.map((c, i) => (i === 2 ? { ...c, error: 'The service failed (500).', prediction: undefined } : c));
    server.state.reset();
    const again = await run('right', { previous: before });
    assert.equal(chatRequests().length, 1);
    assert.equal(again.results.summary.exact_match, 1);
  });
});

describe('retry helpers', () => {
  test('retry-after-ms wins over retry-after; an HTTP date counts from now', async () => {
        const error = (headers: Record<string, string>) => APIError.generate(429, { message: 'slow down' }, undefined, new Headers(headers));
    assert.equal(retryAfterMs(error({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
    assert.equal(retryAfterMs(error({ 'retry-after': '1.5' })), 1500);
    assert.equal(retryAfterMs(error({ 'retry-after': 'Tue, 14 Nov 2023 22:13:30 GMT' }), Date.parse('2023-11-14T22:13:20Z')), 10_000);
    assert.equal(retryAfterMs(error({})), undefined);
  });

  test('a 400 is not retried; an abort during a wait ends at once', async () => {
        let calls = 0;
    await assert.rejects(
      withRetry(async () => {
        calls++;
        throw APIError.generate(400, { message: 'bad' }, undefined, new Headers());
      }),
      (e: { attempts?: number }) => e.attempts === 1,
    );
    assert.equal(calls, 1);
    const controller = new AbortController();
    const pending = withRetry(
      async () => {
        throw APIError.generate(500, { message: 'x' }, undefined, new Headers({ 'retry-after': '60' }));
      },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 5);
    await assert.rejects(pending, { name: 'AbortError' });
  });
});

describe('pricing and progress', () => {
  test('ft: models are priced at their base model fine-tuned rates; local endpoints are free', () => {
    assert.deepEqual(ratesFor('gpt-4o-mini-2024-07-18', 'https://api.openai.com/v1'), { input: 0.15, output: 0.6, source: 'gpt-4o-mini' });
    assert.deepEqual(ratesFor('gpt-4o-2024-08-06', undefined), { input: 2.5, output: 10, source: 'gpt-4o' });
    assert.deepEqual(ratesFor('ft:gpt-4o-mini-2024-07-18:org:weather:abc123', 'https://api.openai.com/v1'), { input: 0.3, output: 1.2, source: 'fine-tuned gpt-4o-mini' });
    assert.deepEqual(ratesFor('ft:gpt-4.1-mini-2025-04-14:org::x', undefined), { input: 0.8, output: 3.2, source: 'fine-tuned gpt-4.1-mini' });
    assert.deepEqual(ratesFor('llama3.1:8b', 'http://localhost:11434/v1'), { input: 0, output: 0, source: 'local' });
    assert.deepEqual(ratesFor('gpt-4o-mini', 'http://127.0.0.1:8000/v1'), { input: 0, output: 0, source: 'local' });
    assert.equal(ratesFor('claude-x', 'https://example.invalid/v1'), undefined);
    assert.equal(costOf({ prompt_tokens: 1_000_000, completion_tokens: 500_000 }, ratesFor('gpt-4o', undefined, DEFAULT_PRICES)!), 7.5);
    assert.throws(() => parsePriceTable({ m: { input: '1' } }), /Price of "m" must be/);
  });

  test('ETA from the pace of this run; resumed cases count as done but took no time', () => {
    let t = 0;
    const tracker = new ProgressTracker(10, 4, () => t);
    assert.deepEqual(tracker.snapshot(), { done: 4, total: 10, failed: 0 });
    t = 2000;
    assert.deepEqual(tracker.finish(true), { done: 5, total: 10, failed: 0, etaMs: 10_000 });
    t = 3000;
    assert.deepEqual(tracker.finish(false), { done: 6, total: 10, failed: 1, etaMs: 6000 });
    assert.equal(formatProgress(tracker.snapshot()), '6/10 cases, 1 failed, about 6 s left');
    assert.equal(estimateEta(0, 5, 100), undefined);
    assert.equal(formatProgress({ done: 1, total: 100, failed: 0, etaMs: 125_000 }), '1/100 cases, about 2 min 5 s left');
  });
});
