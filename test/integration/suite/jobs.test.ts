// Fine-tuning jobs inside the real VS Code extension host, against the local
// OpenAI-compatible server started in this test (test/openai-server, bundled by run.mjs).
//
// Fixtures (test/fixtures/workspace/):
//   jobs-train.jsonl     12 valid tool-calling examples (no errors, no warnings).
//   jobs-rejected.jsonl  the same, but line 3's last assistant message has `weight: 2`:
//                        our validator calls it TC308 (turned off here, as the CLI's
//                        --severity does) and the service fails the job naming
//                        "Example 3, message 5".
//
// Settings: the base URL is set at the user level only. Until the manifest declares
// `toolcall.openai.baseUrl`, VS Code refuses `update()` for an unknown key, so the test
// then writes the user settings file itself; either way the extension reads
// `inspect().globalValue`. Waiting is event-driven (tree changes, diagnostics changes,
// configuration changes), never a fixed sleep.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToolcallApi } from '../../../client/extension.ts';
import type { LaunchOutcome } from '../../../client/jobs/launchJob.ts';
import type { FindJobOutcome } from '../../../client/jobs/findJob.ts';
import type { JobNode } from '../../../client/jobs/treeProvider.ts';
import { startOpenAIServer, type OpenAIServer } from '../../openai-server/index.ts';
import { workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';
const KEY = 'sk-test-integration-0123456789abcdef';
const REFUSED_KEY = 'sk-live-refused-integration-9876543210';
const MODEL = 'gpt-4o-mini-2024-07-18';
const WAIT_MS = 30_000;

/** Resolves when `check` returns a value after one of `event`'s firings (or at once); rejects after WAIT_MS. */
function waitFor<T>(event: vscode.Event<unknown>, check: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (value: T | undefined) => {
      if (done || value === undefined) return;
      done = true;
      subscription.dispose();
      clearTimeout(timer);
      resolve(value);
    };
    const run = () => void Promise.resolve(check()).then(finish, (error) => {
      done = true;
      subscription.dispose();
      clearTimeout(timer);
      reject(error);
    });
    const subscription = event(run);
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      subscription.dispose();
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`));
    }, WAIT_MS);
    run();
  });
}

/** A setting at the user level: through the API when the manifest declares it, else in the user settings file. */
async function setUserSetting(api: ToolcallApi, section: string, key: string, value: string | undefined): Promise<void> {
  const full = `${section}.${key}`;
  const declared = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } }).contributes?.configuration?.properties?.[full];
  const changed = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(full)) {
        sub.dispose();
        resolve();
      }
    });
  });
  if (declared) {
    await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
    return;
  }
  // <user-data-dir>/User/globalStorage/<extension> -> <user-data-dir>/User/settings.json
  const file = path.join(api.jobs.globalStorageUri.fsPath, '..', '..', 'settings.json');
  await writeJsonSetting(file, full, value);
  await changed;
}

/** Sets (or removes) one key of a settings.json file, creating it when needed. */
async function writeJsonSetting(file: string, key: string, value: string | undefined): Promise<void> {
  let settings: Record<string, unknown> = {};
  try {
    settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // missing or empty: start fresh
  }
  if (value === undefined) delete settings[key];
  else settings[key] = value;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

suite('fine-tuning jobs', function () {
  this.timeout(90_000);
  let api: ToolcallApi;
  let server: OpenAIServer;

  /** The job's row as the view shows it, once its description starts with `status`. */
  async function jobReaches(jobId: string, status: string): Promise<{ node: JobNode; label: string; description: string }> {
    const tree = api.jobs.tree;
    return waitFor(tree.onDidChangeTreeData, async () => {
      const roots = await tree.getChildren();
      const node = roots.find((n) => n.kind === 'job' && n.jobId === jobId);
      if (!node) return undefined;
      const view = tree.view(node);
      return view.description?.startsWith(status) ? { node, label: view.label, description: view.description } : undefined;
    }, `job ${jobId} to show "${status}" in the view`);
  }

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<ToolcallApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    server = await startOpenAIServer({ tickMs: 50, trainingTicks: 2 });
    api.jobs.setPollMs(50);
    await setUserSetting(api, 'toolcall.openai', 'baseUrl', server.url);
    await api.jobs.storeApiKey(KEY);
  });

  suiteTeardown(async () => {
    api.jobs.setSdkLogLevel(undefined);
    await api.jobs.clearApiKey();
    await setUserSetting(api, 'toolcall.openai', 'baseUrl', undefined);
    await server?.close();
  });

  test('Launch Fine-tuning Job: validated, uploaded, created once; the view shows it reach succeeded', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('jobs-train.jsonl'));
    await vscode.window.showTextDocument(doc);
    const outcome = (await vscode.commands.executeCommand('toolcall.launchJob', { model: MODEL, hyperparameters: { n_epochs: 2, batch_size: 'auto' }, suffix: 'itest', seed: 7 })) as LaunchOutcome;
    assert.equal(outcome.status, 'created', JSON.stringify(outcome));
    assert.ok(outcome.status === 'created');
    const row = await jobReaches(outcome.jobId, 'succeeded');
    assert.equal(row.label, `${MODEL} (itest)`);
    assert.match(row.description, /^succeeded · just now · [\d,]+ tokens$/);

    // Exactly one create, with the supervised method and the idempotency token.
    const creates = server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
    assert.equal(creates.length, 1);
    const body = creates[0]!.json as { method: unknown; metadata: Record<string, string>; suffix: string; seed: number };
    assert.deepEqual(body.method, { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto' } } });
    assert.match(body.metadata['toolcall_idempotency'] ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual([body.suffix, body.seed], ['itest', 7]);

    // Children: the fine-tuned model, events, checkpoints with metrics.
    const children = await api.jobs.tree.getChildren(row.node);
    assert.deepEqual(children.map((c) => c.kind), ['model', 'events', 'checkpoints']);
    const stored = server.state.jobs.get(outcome.jobId)!;
    assert.equal(api.jobs.tree.view(children[0]!).label, stored.object.fine_tuned_model);
    const checkpoints = await api.jobs.tree.getChildren(children[2]);
    assert.deepEqual(checkpoints.map((c) => api.jobs.tree.view(c).label), [...stored.checkpoints].sort((a, b) => a.step_number - b.step_number).map((c) => `Step ${c.step_number}`));
    assert.match(api.jobs.tree.view(checkpoints[0]!).description ?? '', /^train loss [\d.]+ · train acc [\d.]+$/);
    const events = await api.jobs.tree.getChildren(children[1]);
    assert.equal(events.length, stored.events.length);
    assert.equal(api.jobs.tree.view(events.at(-1)!).label, 'The job has successfully completed');
  });

  test('a job the service fails on a named line becomes a TC801 diagnostic on that line', async () => {
    const uri = workspaceFile('jobs-rejected.jsonl');
    const outcome = (await vscode.commands.executeCommand('toolcall.launchJob', { file: uri, model: MODEL, severity: { TC308: 'off' } })) as LaunchOutcome;
    assert.equal(outcome.status, 'created', JSON.stringify(outcome));
    const diagnostic = await waitFor(vscode.languages.onDidChangeDiagnostics, () => api.jobs.diagnostics.get(uri)?.find((d) => d.code === 'TC801'), 'the TC801 diagnostic');
    assert.ok(outcome.status === 'created');
    const line = fs.readFileSync(uri.fsPath, 'utf8').split('\n')[2]!;
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character], [2, 0, 2, line.length]);
    assert.equal(diagnostic.message, `The fine-tuning service rejected this line (job ${outcome.jobId}): Example 3, message 5 has an invalid weight; expected 0 or 1.`);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, 'toolcall');
    const row = await jobReaches(outcome.jobId, 'failed');
    assert.ok(row);
  });

  test('threat 14: an unclear create listed only later: one create, the token in the message; Find Job by token finds it', async () => {
    server.faults.clear();
    server.state.requests.length = 0;
    const jobsBefore = server.state.jobs.size;
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 500 });
    server.faults.listLag(100);
    try {
      const outcome = (await vscode.commands.executeCommand('toolcall.launchJob', { file: workspaceFile('jobs-train.jsonl'), model: MODEL, suffix: 'threat14' })) as LaunchOutcome;
      assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
      assert.ok(outcome.status === 'failed');
      const creates = server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
      assert.deepEqual(creates.map((r) => r.status), [500]);
      assert.equal(server.state.jobs.size, jobsBefore + 1);
      const job = [...server.state.jobs.values()].at(-1)!;
      const token = job.object.metadata!['toolcall_idempotency']!;
      assert.equal(outcome.token, token);
      assert.ok(outcome.message.startsWith(`Not known whether the job was created; token ${token}. Find it with "Toolcall: Find Fine-tuning Job by Idempotency Token" before launching again`), outcome.message);

      // Still unlisted: not found, nothing created. Listed: found, shown in the view.
      assert.deepEqual((await vscode.commands.executeCommand('toolcall.jobs.findByToken', token)) as FindJobOutcome, { status: 'not-found' });
      job.unlistedFor = 0;
      assert.deepEqual((await vscode.commands.executeCommand('toolcall.jobs.findByToken', token)) as FindJobOutcome, { status: 'found', jobId: job.object.id });
      assert.ok(api.jobs.store.get(job.object.id));
      assert.equal(server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs').length, 1);
    } finally {
      server.faults.clear();
    }
  });

  test('a file with errors is refused before anything is sent', async () => {
    const before = server.state.requests.length;
    const outcome = (await vscode.commands.executeCommand('toolcall.launchJob', { file: workspaceFile('jobs-rejected.jsonl'), model: MODEL })) as LaunchOutcome;
    assert.equal(outcome.status, 'refused');
    assert.ok(outcome.status === 'refused');
    assert.equal(outcome.reason, 'jobs-rejected.jsonl has 1 error; fix it before launching a fine-tuning job.');
    assert.match(outcome.problems[0]!, /^jobs-rejected\.jsonl:3:\d+ TC308 "weight" is 2/);
    assert.equal(server.state.requests.length, before);
  });

  test('a refused key (401) with SDK debug logging: a clear sentence; no trace of the key in the log or settings', async () => {
    await api.jobs.storeApiKey(REFUSED_KEY);
    api.jobs.setSdkLogLevel('debug');
    try {
      const outcome = (await vscode.commands.executeCommand('toolcall.launchJob', { file: workspaceFile('jobs-train.jsonl'), model: MODEL })) as LaunchOutcome;
      assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
      assert.ok(outcome.status === 'failed');
      assert.match(outcome.message, /^The API refused the key \(401\); set a valid key with Toolcall: Set API Key or OPENAI_API_KEY\. Request id req_[0-9a-f]{32}\.$/);
      const log = api.jobs.logText();
      assert.match(log, /\[debug\] \[openai\]/, 'SDK debug lines were written');
      for (const secret of [REFUSED_KEY, 'sk-live', '9876543210', KEY]) assert.equal(log.includes(secret), false, `log contains ${secret}`);
      const settings = JSON.stringify(vscode.workspace.getConfiguration('toolcall'));
      const userSettings = path.join(api.jobs.globalStorageUri.fsPath, '..', '..', 'settings.json');
      const userText = fs.existsSync(userSettings) ? fs.readFileSync(userSettings, 'utf8') : '';
      for (const text of [settings, userText]) assert.equal(/sk-(live|test)/.test(text), false, text);
    } finally {
      api.jobs.setSdkLogLevel(undefined);
      await api.jobs.storeApiKey(KEY);
    }
  });

  test('threat 7: a workspace base URL naming a loopback listener receives nothing', async () => {
    const received: string[] = [];
    const listener: Server = createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    listener.on('connection', () => received.push('connection'));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/v1`;
    const settingsDir = workspaceFile('.vscode').fsPath;
    const settingsFile = path.join(settingsDir, 'settings.json');
    const dirExisted = fs.existsSync(settingsDir);
    const existed = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : undefined;
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { configuration?: { properties?: Record<string, { scope?: string }> } } }).contributes?.configuration?.properties?.['toolcall.openai.baseUrl'];
    try {
      // What a cloned repository would carry: .vscode/settings.json pointing the API elsewhere.
      await writeJsonSetting(settingsFile, 'toolcall.openai.baseUrl', listenerUrl);
      if (declared) {
        // Declared application-scoped, VS Code itself drops the workspace value.
        assert.equal(declared.scope, 'application');
      } else {
        // Undeclared, VS Code hands the workspace value to extensions: only our code ignores it.
        await waitFor(vscode.workspace.onDidChangeConfiguration, () => (vscode.workspace.getConfiguration('toolcall.openai').inspect('baseUrl')?.workspaceValue === listenerUrl ? true : undefined), 'the workspace setting to load');
      }
      const before = server.state.requests.length;
      const count = await vscode.commands.executeCommand('toolcall.jobs.refresh');
      assert.equal(typeof count, 'number');
      const outcome = (await vscode.commands.executeCommand('toolcall.launchJob', { file: workspaceFile('jobs-train.jsonl'), model: MODEL, suffix: 'threat7' })) as LaunchOutcome;
      assert.equal(outcome.status, 'created', JSON.stringify(outcome));
      assert.deepEqual(received, []);
      assert.ok(server.state.requests.length > before, 'the user-level server got the requests');
    } finally {
      if (existed !== undefined) fs.writeFileSync(settingsFile, existed);
      else if (dirExisted) fs.rmSync(settingsFile, { force: true });
      else fs.rmSync(settingsDir, { recursive: true, force: true });
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});
