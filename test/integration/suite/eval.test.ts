// Evaluation inside the real VS Code extension host, against the local OpenAI-compatible
// server (test/openai-server) acting as scripted models: Run Evaluation, Evaluate This Model
// on a job of that server, the key kept from another endpoint, a model stopped early with
// its reason, Compare Evaluation Results. Commands take their choices as arguments (as
// toolcall.launchJob does), so no picker is driven; waiting is on the commands' promises.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToolcallApi } from '../../../client/extension.ts';
import type { LaunchOutcome } from '../../../client/jobs/launchJob.ts';
import type { EvaluationOutcome } from '../../../client/eval/runEvaluation.ts';
import type { ComparisonOutcome } from '../../../client/eval/compareResults.ts';
import { parseResults } from '../../../core/eval/results.ts';
import { lastUserText, startOpenAIServer, type ChatRequest, type OpenAIServer } from '../../openai-server/index.ts';
import { workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';
const KEY = 'sk-test-eval-integration-0123456789abcdef';
const MODEL = 'gpt-4o-mini-2024-07-18';

const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
const CITIES = ['Paris', 'Tokyo', 'Lima', 'Oslo'];
const EVAL_SET = CITIES.map((city) =>
  JSON.stringify({ messages: [{ role: 'user', content: `Weather in ${city}?` }, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: JSON.stringify({ city }) } }] }], tools }),
).join('\n') + '\n';

/** A model that answers every case right, except Lima (a call to the right tool for the wrong city). */
function scripted(request: ChatRequest) {
  const city = /Weather in (\w+)\?/.exec(lastUserText(request) ?? '')?.[1] ?? '';
  return { tool_calls: [{ name: 'get_weather', arguments: { city: city === 'Lima' ? 'Lyon' : city } }] };
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

suite('evaluation', function () {
  this.timeout(90_000);
  let api: ToolcallApi;
  let server: OpenAIServer;
  let other: OpenAIServer;
  let dir: string;
  let dataset: vscode.Uri;
  const chats = (s: OpenAIServer) => s.state.requests.filter((r) => r.path === '/v1/chat/completions');

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<ToolcallApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    // Ids of their own: the jobs suite's server (same extension host, same Jobs view) counts from 1.
    server = await startOpenAIServer({ tickMs: 0, firstId: 0x10000 });
    other = await startOpenAIServer({ tickMs: 0, firstId: 0x20000 });
    await vscode.workspace.getConfiguration('toolcall.openai').update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await api.jobs.storeApiKey(KEY);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-eval-it-'));
    fs.writeFileSync(path.join(dir, 'weather.jsonl'), EVAL_SET);
    dataset = vscode.Uri.file(path.join(dir, 'weather.jsonl'));
  });

  suiteTeardown(async () => {
    await api.jobs.clearApiKey();
    await vscode.workspace.getConfiguration('toolcall.openai').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
    await other?.close();
  });

  test('Run Evaluation: a scripted model on the jobs endpoint, scored and written next to the eval set', async () => {
    server.script.set('scripted-eval', scripted);
    const outcome = (await vscode.commands.executeCommand('toolcall.runEvaluation', { dataset, models: [{ model: 'scripted-eval', baseURL: server.url }] })) as EvaluationOutcome;
    assert.deepEqual(outcome.summary, ['scripted-eval: exact 75.0%.']);
    assert.deepEqual(outcome.stopped, []);
    assert.equal(outcome.results?.fsPath, path.join(dir, 'weather.toolcall-eval.json'));
    const file = parseResults(fs.readFileSync(outcome.results!.fsPath, 'utf8'));
    assert.deepEqual(file.models.map((m) => [m.model, m.baseURL, m.summary.exact_match, m.summary.functional_match]), [['scripted-eval', server.url, 0.75, 1]]);
    assert.equal(chats(server).length, 4);
    assert.ok(chats(server).every((r) => r.auth === 'accepted'));
  });

  test('Run as Batch: one batch on the jobs endpoint, its id kept in the results file', async () => {
    server.script.set('batched-eval', scripted);
    server.state.reset();
    const outcome = (await vscode.commands.executeCommand('toolcall.runEvaluation', { dataset, models: [{ model: 'batched-eval', baseURL: server.url }], batch: true, pollSeconds: 0.01 })) as EvaluationOutcome;
    assert.deepEqual(outcome.summary, ['batched-eval: exact 75.0%.']);
    assert.deepEqual(server.state.requests.filter((r) => r.method === 'POST').map((r) => r.path), ['/v1/files', '/v1/batches']);
    const entry = parseResults(fs.readFileSync(outcome.results!.fsPath, 'utf8')).models.find((m) => m.model === 'batched-eval')!;
    assert.equal(entry.batch?.status, 'completed');
    assert.ok(server.batches.batches.has(entry.batch!.id));
  });

  test('Evaluate This Model on a job of the local server: evaluated there; another endpoint gets nothing', async () => {
    // A configured model on another endpoint, which "Evaluate This Model" must not use.
    await vscode.workspace.getConfiguration('toolcall.eval').update('models', [{ model: 'elsewhere', baseURL: other.url }], vscode.ConfigurationTarget.Global);
    try {
      const launched = (await vscode.commands.executeCommand('toolcall.launchJob', { file: workspaceFile('jobs-train.jsonl'), model: MODEL, suffix: 'evalit' })) as LaunchOutcome;
      assert.ok(launched.status === 'created', JSON.stringify(launched));
      server.finish(launched.jobId);
      await vscode.commands.executeCommand('toolcall.jobs.refresh');
      const fineTuned = server.state.jobs.get(launched.jobId)!.object.fine_tuned_model!;
      server.script.set(fineTuned, scripted);
      server.state.reset();
      const outcome = (await vscode.commands.executeCommand('toolcall.jobs.evaluate', { jobId: launched.jobId, dataset })) as EvaluationOutcome;
      assert.deepEqual(outcome.summary, [`${fineTuned}: exact 75.0%.`]);
      assert.equal(chats(server).length, 4);
      assert.ok(chats(server).every((r) => r.auth === 'accepted' && (r.json as { model: string }).model === fineTuned));
      assert.equal(other.state.requests.length, 0);
      const file = parseResults(fs.readFileSync(outcome.results!.fsPath, 'utf8'));
      assert.deepEqual(file.models.find((m) => m.model === fineTuned)?.baseURL, server.url);
    } finally {
      await vscode.workspace.getConfiguration('toolcall.eval').update('models', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a model on another endpoint is sent no stored key, and is stopped with the reason', async () => {
    other.script.set('elsewhere', scripted);
    other.state.reset();
    const outcome = (await vscode.commands.executeCommand('toolcall.runEvaluation', { dataset, models: [{ model: 'elsewhere', baseURL: other.url }] })) as EvaluationOutcome;
    assert.ok(other.state.requests.length >= 1);
    assert.ok(other.state.requests.every((r) => r.auth === 'missing'), JSON.stringify(other.state.requests.map((r) => r.auth)));
    assert.equal(outcome.stopped.length, 1);
    assert.match(outcome.stopped[0]!, new RegExp(`^elsewhere on ${other.url.replace(/[.]/g, '\\.')}: The API refused the key \\(401\\)`));
  });

  test('a model whose first requests all fail the same way stops early, saying why', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/v1`;
    const outcome = (await vscode.commands.executeCommand('toolcall.runEvaluation', { dataset, models: [{ model: 'unreachable', baseURL: url }] })) as EvaluationOutcome;
    assert.deepEqual(outcome.stopped, [
      `unreachable on ${url}: Stopped after the first 3 requests all failed the same way: Could not reach the API (connect ECONNREFUSED 127.0.0.1:${port}); check the base URL and your connection.`,
    ]);
    const entry = parseResults(fs.readFileSync(outcome.results!.fsPath, 'utf8')).models.find((m) => m.model === 'unreachable')!;
    assert.ok(entry.summary.errors >= 3 && entry.cases.every((c) => c.error !== undefined && c.prediction === undefined));
  });

  test('Compare Evaluation Results: two files side by side, paired comparisons on the shared eval set', async () => {
    const first = vscode.Uri.file(path.join(dir, 'weather.toolcall-eval.json'));
    const second = vscode.Uri.file(path.join(dir, 'again.toolcall-eval.json'));
    fs.copyFileSync(first.fsPath, second.fsPath);
    const outcome = (await vscode.commands.executeCommand('toolcall.compareEvaluationResults', first, [first, second])) as ComparisonOutcome;
    const labels = outcome.models.filter((m) => m.startsWith('scripted-eval'));
    assert.equal(labels.length, 2);
    const exact = outcome.comparisons.find((c) => c.a === labels[0] && c.b === labels[1] && c.metric === 'exact_match')!;
    assert.deepEqual([exact.cases, exact.a_only, exact.b_only, exact.p_value, exact.cases_needed], [4, 0, 0, 1, null]);
  });
});
