// `toolcall eval` with offline predictions and against the local server as a scripted model.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { runCli } from '../../../cli/main.ts';
import { extractCases } from '../../../core/eval/cases.ts';
import { parseResults } from '../../../core/eval/results.ts';
import { lastUserText, startOpenAIServer, type ChatRequest, type OpenAIServer } from '../../openai-server/index.ts';

const KEY = 'sk-test-evalcli-0123456789abcdef';
const fixture = join(__dirname, '../../fixtures/eval/eval-small.jsonl');

async function cli(args: string[], cwd: string, env: Record<string, string> = { OPENAI_API_KEY: KEY }) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env });
  return { code, stdout, stderr };
}

const call = (name: string, args: string) => ({ type: 'function', function: { name, arguments: args } });
const PREDICTIONS = [
  { line: 1, turn: 1, tool_calls: [call('get_weather', '{"city": "paris"}')] },
  { line: 2, turn: 1, content: 'Hello!' },
  { line: 4, turn: 1, tool_calls: [call('get_weather', '{"city": "Tokyo"}'), call('get_weather', '{"city": "Paris"}')] },
  { line: 6, turn: 3, tool_calls: [call('get_order', '{"id": 42}')] },
]
  .map((p) => JSON.stringify(p))
  .join('\n');

describe('toolcall eval', () => {
  let dir: string;
  let server: OpenAIServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toolcall-eval-cli-'));
    copyFileSync(fixture, join(dir, 'eval.jsonl'));
    writeFileSync(join(dir, 'preds.jsonl'), PREDICTIONS + '\n');
    server = await startOpenAIServer({ tickMs: 0 });
    // Answers every case as the eval set does: the turn is known by the history length.
    const { cases } = extractCases(readFileSync(fixture, 'utf8'));
    const answers = new Map(cases.map((c) => [`${c.history.length}|${JSON.stringify(c.history.at(-1))}`, c]));
    server.script.set('gpt-4o-mini', (request: ChatRequest) => {
      const c = [...answers.values()].find((x) => x.history.length === request.messages.length && lastUserText(request) === (x.history.findLast((m) => (m as { role: string }).role === 'user') as { content: string }).content)!;
      return c.expected.length ? { tool_calls: c.expected, usage: { prompt_tokens: 100, completion_tokens: 10 } } : { content: 'ok', usage: { prompt_tokens: 100, completion_tokens: 10 } };
    });
  });
  beforeEach(() => {
    server.state.reset();
    server.faults.clear();
  });
  after(() => server.close());

  test('--predictions --format json: fractions per model; missing predictions are misses', async () => {
    const run = await cli(['eval', '--dataset', 'eval.jsonl', '--predictions', 'preds.jsonl', '--format', 'json'], dir);
    assert.equal(run.code, 0);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(out), ['preds']);
    const s = out.preds;
    // 8 cases; right: 2:1 (no call), 4:1 (parallel, any order), 6:3; 1:1 is fuzzy and structural but not exact.
    assert.deepEqual([s.total, s.exact_match, s.fuzzy_match, s.functional_match, s.structural_match], [8, 3 / 8, 4 / 8, 4 / 8, 4 / 8]);
    assert.deepEqual(s.by_category['single-call'], { total: 1, exact_match: 0, fuzzy_match: 1, functional_match: 1, structural_match: 1 });
    assert.deepEqual([s.latency_p50_ms, s.cost_per_1k_cases, s.errors], [null, null, 0]);
    assert.equal(run.stderr, 'eval.jsonl:3: skipped: Line is not valid JSON (Unexpected token \'o\', "not json" is not valid JSON).\neval.jsonl:8: skipped: Message 0, tool call 0: "function.arguments" must be a string holding JSON.\n');
  });

  test('--predictions in reverse order: the same output as in the eval set\'s order (read alongside it, or from the table)', async () => {
    mkdirSync(join(dir, 'reversed'), { recursive: true });
    writeFileSync(join(dir, 'reversed', 'preds.jsonl'), PREDICTIONS.split('\n').reverse().join('\n') + '\n');
    const inOrder = await cli(['eval', '--dataset', 'eval.jsonl', '--predictions', 'preds.jsonl', '--format', 'json'], dir);
    const reversed = await cli(['eval', '--dataset', 'eval.jsonl', '--predictions', join('reversed', 'preds.jsonl'), '--format', 'json'], dir);
    assert.deepEqual([reversed.code, reversed.stdout, reversed.stderr], [inOrder.code, inOrder.stdout, inOrder.stderr]);
    assert.equal(JSON.parse(reversed.stdout).preds.exact_match, 3 / 8);
  });

  test('--predictions text: the comparison table; --no-autojunk accepted', async () => {
    const run = await cli(['eval', '--dataset', 'eval.jsonl', '--predictions', 'preds.jsonl', '--no-autojunk'], dir);
    assert.equal(run.code, 0);
    assert.equal(
      run.stdout,
      'eval.jsonl: 8 cases\n\n' +
        'Model  Cases  Exact  Fuzzy  Functional  Structural  p50 ms  p95 ms  Cost / 1k cases\n' +
        'preds      8  37.5%  50.0%       50.0%       50.0%       -       -                -\n' +
        '\n' +
        '95% intervals (Wilson score)\n' +
        'Model          Exact          Fuzzy     Functional     Structural\n' +
        'preds  13.7% - 69.4%  21.5% - 78.5%  21.5% - 78.5%  21.5% - 78.5%\n',
    );
  });

  test('--model against the server: writes the results file (no key in it), resumes without asking again', async () => {
    const args = ['eval', '--dataset', 'eval.jsonl', '--model', 'gpt-4o-mini', '--base-url', server.url, '--out', 'out/run.toolcall-eval.json', '--format', 'json', '--concurrency', '2'];
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'out'), { recursive: true });
    const first = await cli(args, dir);
    assert.equal(first.code, 0, first.stderr);
    const s = JSON.parse(first.stdout)['gpt-4o-mini'];
    assert.deepEqual([s.total, s.exact_match, s.fuzzy_match, s.functional_match, s.structural_match], [8, 1, 1, 1, 7 / 8]);
    assert.equal(s.cost_usd, 0); // a local endpoint
    assert.equal(server.state.requests.filter((r) => r.path === '/v1/chat/completions').length, 8);
    const text = readFileSync(join(dir, 'out/run.toolcall-eval.json'), 'utf8');
    assert.ok(!text.includes(KEY) && !first.stdout.includes(KEY) && !first.stderr.includes(KEY));
    const file = parseResults(text);
    assert.equal(file.dataset, '../eval.jsonl');
    assert.deepEqual(file.config, { temperature: 0, concurrency: 2, autojunk: true, apiKeyEnv: 'OPENAI_API_KEY' });
    assert.deepEqual(file.models.map((m) => [m.model, m.baseURL, m.cases.length]), [['gpt-4o-mini', server.url, 8]]);
    assert.ok(!existsSync(join(dir, 'out/run.toolcall-eval.json.tmp')));

    server.state.reset();
    const again = await cli(args, dir);
    assert.equal(again.code, 0);
    assert.equal(server.state.requests.length, 0);
    assert.deepEqual(JSON.parse(again.stdout), JSON.parse(first.stdout));
  });

  test('--api-key-env names the variable; an unknown model is one sentence and exit 1', async () => {
    const run = await cli(['eval', '--dataset', 'eval.jsonl', '--model', 'nope', '--base-url', server.url, '--api-key-env', 'MY_KEY'], dir, { MY_KEY: KEY });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /nope: Not found \(404\): The model `nope` does not exist or you do not have access to it\. Request id req_[0-9a-f]+\.\n$/);
    assert.equal(server.state.requests.every((r) => r.auth === 'accepted'), true);
    assert.ok(server.state.requests.length >= 1);
  });

  test('a remote endpoint without the key variable set: exit 1 naming the variable, nothing sent', async () => {
    const run = await cli(['eval', '--dataset', 'eval.jsonl', '--model', 'gpt-4o', '--base-url', 'https://api.example.invalid/v1'], dir, {});
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no API key: set the OPENAI_API_KEY environment variable/);
  });

  test('secrets in the base URL never reach the results file, stdout or stderr', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'out'), { recursive: true });
    // A user:pass@ URL is refused before anything is sent (fetch would refuse every request).
    const refused = await cli(['eval', '--dataset', 'eval.jsonl', '--model', 'gpt-4o-mini', '--base-url', server.url.replace('http://', 'http://alice:s3cretpass@')], dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /\ntoolcall eval: The API base URL must not hold a user name or password; give the key through its environment variable or Set API Key instead\.\n/);
    assert.ok(!refused.stderr.includes('s3cretpass') && !refused.stderr.includes('alice'));
    assert.equal(server.state.requests.length, 0);
    // A key in the query works, and is shown nowhere.
    for (const url of [`${server.url}?api_key=sk-query-secret-123`]) {
      const run = await cli(['eval', '--dataset', 'eval.jsonl', '--model', 'gpt-4o-mini', '--base-url', url, '--out', 'out/secret.toolcall-eval.json', '--fresh'], dir);
      assert.equal(run.code, 0, run.stderr);
      const written = readFileSync(join(dir, 'out/secret.toolcall-eval.json'), 'utf8');
      for (const text of [run.stdout, run.stderr, written]) {
        for (const secret of ['alice', 's3cretpass', 'sk-query-secret-123', KEY]) assert.ok(!text.includes(secret), `${secret} in ${text}`);
      }
    }
    const written = parseResults(readFileSync(join(dir, 'out/secret.toolcall-eval.json'), 'utf8'));
    assert.equal(written.models[0]!.baseURL, `${server.url}?api_key=[redacted]`);
  });

  test('--timeout: a request slower than it is abandoned and retried', async () => {
    // The timeout leaves room for the other requests on a busy machine (at 0.3 s one more was
    // retried at load 10); the slow one takes four times as long.
    server.faults.add({ method: 'POST', path: '/v1/chat/completions', kind: 'slow', delayMs: 8000 });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'out'), { recursive: true });
    const run = await cli(['eval', '--dataset', 'eval.jsonl', '--model', 'gpt-4o-mini', '--base-url', server.url, '--timeout', '2', '--concurrency', '1', '--out', 'out/timeout.toolcall-eval.json', '--fresh', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const file = parseResults(readFileSync(join(dir, 'out/timeout.toolcall-eval.json'), 'utf8'));
    assert.deepEqual(file.models[0]!.cases.map((c) => c.attempts), [2, 1, 1, 1, 1, 1, 1, 1]);
    assert.equal(JSON.parse(run.stdout)['gpt-4o-mini'].errors, 0);
  });

  test('SIGTERM is handled like Ctrl+C: results so far written, the next run resumes the rest', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'out'), { recursive: true });
    const { cases } = extractCases(readFileSync(fixture, 'utf8'));
    let asked = 0;
    // The scripted model answers right; its third request sends this process a SIGTERM.
    server.script.set('term-model', (request: ChatRequest) => {
      asked++;
      if (asked === 3) process.kill(process.pid, 'SIGTERM');
      const c = cases.find((x) => x.history.length === request.messages.length && JSON.stringify(x.history.at(-1)) === JSON.stringify(request.messages.at(-1)))!;
      return c.expected.length ? { tool_calls: c.expected } : { content: 'ok' };
    });
    const args = ['eval', '--dataset', 'eval.jsonl', '--model', 'term-model', '--base-url', server.url, '--concurrency', '1', '--out', 'out/term.toolcall-eval.json', '--fresh'];
    const first = await cli(args, dir);
    assert.equal(first.code, 1);
    assert.match(first.stderr, /term-model: interrupted at \d\/8 cases.*; run the same command again to resume\.\n$/);
    const kept = parseResults(readFileSync(join(dir, 'out/term.toolcall-eval.json'), 'utf8')).models[0]!.cases.length;
    assert.ok(kept >= 2 && kept < 8, `${kept} cases kept`);
    server.state.reset();
    const again = await cli(args.filter((a) => a !== '--fresh'), dir);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(server.state.requests.filter((r) => r.path === '/v1/chat/completions').length, 8 - kept);
    assert.equal(process.listenerCount('SIGTERM'), 0);
  });

  test('usage errors exit 2', async () => {
    for (const args of [
      ['eval', '--predictions', 'preds.jsonl'],
      ['eval', '--dataset', 'eval.jsonl'],
      ['eval', '--dataset', 'eval.jsonl', '--model', 'm', '--predictions', 'preds.jsonl'],
      ['eval', '--dataset', 'eval.jsonl', '--predictions', 'preds.jsonl', '--format', 'xml'],
      ['eval', '--dataset', 'eval.jsonl', '--model', 'm', '--concurrency', '0'],
      ['eval', '--dataset', 'eval.jsonl', '--model', 'm', '--timeout', '0'],
      ['eval', '--dataset', 'missing.jsonl', '--predictions', 'preds.jsonl'],
    ]) {
      const run = await cli(args, dir);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /Usage: toolcall eval/);
    }
  });
});
