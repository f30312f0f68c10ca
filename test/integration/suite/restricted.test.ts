// Issue 17: a Restricted Mode window (code-server with workspace trust on, this folder not
// trusted; `node test/integration/run.mjs --restricted`). Launching a job and running an
// evaluation are refused before any request leaves; workspace values of the restricted
// settings (endpoints, eval models) are ignored while validation still works. Skipped in
// the ordinary (trusted) run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToolcallApi } from '../../../client/extension.ts';
import type { LaunchOutcome } from '../../../client/jobs/launchJob.ts';
import { startOpenAIServer, type OpenAIServer } from '../../openai-server/index.ts';
import { diagnosticsEvent, openInEditor, workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';
const KEY = 'sk-test-restricted-0123456789';

suite('Restricted Mode', function () {
  this.timeout(60_000);
  let api: ToolcallApi;
  let server: OpenAIServer;
  const settingsFile = path.join(workspaceFile('.vscode').fsPath, 'settings.json');
  let originalSettings: string;

  suiteSetup(async function () {
    if (process.env['TOOLCALL_RESTRICTED'] !== '1') this.skip();
    api = await vscode.extensions.getExtension<ToolcallApi>(EXTENSION_ID)!.activate();
    server = await startOpenAIServer({ tickMs: 0 });
    server.script.set('scripted-model', [{ match: /./, reply: 'ok' }]);
    originalSettings = fs.readFileSync(settingsFile, 'utf8');
    // The user's own endpoint and key: everything is ready except trust.
    await vscode.workspace.getConfiguration('toolcall.openai').update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('toolcall.eval').update('models', [{ model: 'scripted-model', baseURL: server.url }], vscode.ConfigurationTarget.Global);
    await api.jobs.storeApiKey(KEY);
  });

  suiteTeardown(async () => {
    if (process.env['TOOLCALL_RESTRICTED'] !== '1') return;
    fs.writeFileSync(settingsFile, originalSettings);
    await api.jobs.clearApiKey();
    await vscode.workspace.getConfiguration('toolcall.openai').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('toolcall.eval').update('models', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  test('the window is in Restricted Mode, and validation still works there', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const weather = workspaceFile('weather.jsonl');
    const diagnostics = await diagnosticsEvent(weather, () => openInEditor(weather), (d) => d.length > 0, 'diagnostics in Restricted Mode');
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['TC505', 'TC513', 'TC601', 'TC702']); // as diagnostics.test.ts: the near-miss reply id is one TC601
  });

  test('Launch Fine-tuning Job is refused before anything is sent', async () => {
    const outcome = (await vscode.commands.executeCommand('toolcall.launchJob', { file: workspaceFile('jobs-train.jsonl'), model: 'gpt-4o-mini-2024-07-18' })) as LaunchOutcome;
    assert.deepEqual(outcome, { status: 'refused', reason: 'Fine-tuning jobs can only be launched in a trusted workspace (uploading data sends it to the API).', problems: [] });
    assert.deepEqual(server.state.requests.map((r) => `${r.method} ${r.path}`), []);
  });

  test('Run Evaluation is refused before anything is sent, and writes no results file', async () => {
    const evalSet = workspaceFile('jobs-train.jsonl');
    await vscode.commands.executeCommand('toolcall.runEvaluation', evalSet);
    assert.deepEqual(server.state.requests.map((r) => `${r.method} ${r.path}`), []);
    assert.equal(fs.existsSync(workspaceFile('jobs-train.toolcall-eval.json').fsPath), false);
  });

  test('workspace values of the restricted settings are ignored: the endpoint stays the user\'s', async () => {
    const elsewhere = 'http://127.0.0.1:9/v1';
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('toolcall')) {
          sub.dispose();
          resolve();
        }
      });
    });
    fs.writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(originalSettings), 'toolcall.openai.baseUrl': elsewhere, 'toolcall.eval.models': [{ model: 'x', baseURL: elsewhere }], 'toolcall.azure.endpoint': elsewhere, 'toolcall.maxDiagnostics': 3 }, null, 2));
    await changed; // toolcall.maxDiagnostics (not restricted) changes, so an event comes
    assert.equal(vscode.workspace.getConfiguration('toolcall').get('maxDiagnostics'), 3, 'the workspace file was read');
    assert.equal(vscode.workspace.getConfiguration('toolcall.openai').get('baseUrl'), server.url);
    assert.deepEqual(vscode.workspace.getConfiguration('toolcall.eval').get('models'), [{ model: 'scripted-model', baseURL: server.url }]);
    assert.equal(vscode.workspace.getConfiguration('toolcall.azure').get('endpoint'), '');
    assert.equal(api.jobs.hasApiKeyContext(), true, 'the user\'s OpenAI key still applies: the Azure endpoint of the workspace is ignored');
  });
});
