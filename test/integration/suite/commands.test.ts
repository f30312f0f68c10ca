// Issue 17: Split Dataset and Compare Evaluation Results through their commands, as a user
// runs them (prompts answered with the workbench's own accept command, explorer arguments),
// not only their cores: files written, panels opened, numbers right.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { splitLines } from '../../../core/dataset/lines.ts';
import { splitDataset } from '../../../core/stats/split.ts';
import type { SplitOutcome } from '../../../client/insights/splitDataset.ts';
import type { ToolcallApi } from '../../../client/extension.ts';
import { parseResults } from '../../../core/eval/results.ts';
import { startOpenAIServer, type OpenAIServer } from '../../openai-server/index.ts';
import { workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';

/** Resolves once `check` holds, re-checked every 50 ms (quick inputs and tabs have no event the extension host can await). */
async function until(check: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs a command that asks questions, accepting each prompt's selected item (as Enter would) until it returns. */
async function acceptingPrompts<T>(running: Thenable<T>): Promise<T> {
  let done = false;
  void Promise.resolve(running).finally(() => (done = true));
  for (let accepts = 0; !done && accepts < 600; accepts++) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 50));
  }
  return running;
}

const tabLabels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));

suite('commands as a user runs them', function () {
  this.timeout(60_000);
  const source = workspaceFile('split-me.jsonl');
  const outputs = ['split-me.train.jsonl', 'split-me.validation.jsonl'].map(workspaceFile);

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.copyFileSync(workspaceFile('weather.jsonl').fsPath, source.fsPath);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of [source, ...outputs]) fs.rmSync(f.fsPath, { force: true });
  });

  test('Split Dataset from the explorer: its two prompts accepted at their defaults (0.8, seed 42) write both files and open the report', async () => {
    // Prompt 1 (training share, 0.8) and prompt 2 (seed, 42) at their defaults.
    const outcome = await acceptingPrompts(vscode.commands.executeCommand<SplitOutcome>('toolcall.splitDataset', source));
    const lines = [...splitLines(fs.readFileSync(source.fsPath, 'utf8'))];
    const expected = splitDataset(lines, { ratio: 0.8, seed: 42 });
    assert.equal(outcome.status, 'written', JSON.stringify(outcome));
    assert.ok(outcome.status === 'written');
    assert.deepEqual([outcome.trainExamples, outcome.validationExamples], [expected.train.length, expected.validation.length]);
    assert.deepEqual([path.basename(outcome.train), path.basename(outcome.validation)], ['split-me.train.jsonl', 'split-me.validation.jsonl']);
    const written = (f: vscode.Uri) => fs.readFileSync(f.fsPath, 'utf8');
    assert.equal(written(outputs[0]!), expected.train.map((i) => lines[i]!.text + '\n').join(''));
    assert.equal(written(outputs[1]!), expected.validation.map((i) => lines[i]!.text + '\n').join(''));
    // 12 lines, one category; lines 11 and 12 are identical and stay on one side.
    assert.equal(expected.train.length + expected.validation.length, 12);
    assert.equal(outcome.summary, `Wrote split-me.train.jsonl (${expected.train.length} examples) and split-me.validation.jsonl (${expected.validation.length} examples); by category, train/validation: single-call ${expected.train.length}/${expected.validation.length}.`);
    await until(() => tabLabels().includes('Report: split-me.train.jsonl'), () => `the report panel (tabs: ${JSON.stringify(tabLabels())})`);
    assert.ok(tabLabels().includes('split-me.train.jsonl'), `tabs: ${JSON.stringify(tabLabels())}`);
  });

  test('Split Dataset again, scripted: existing outputs are not overwritten', async () => {
    const outcome = await vscode.commands.executeCommand<SplitOutcome>('toolcall.splitDataset', { file: source, ratio: 0.5, seed: 1, openReport: false });
    assert.deepEqual(outcome, { status: 'refused', reason: 'split-me.train.jsonl and split-me.validation.jsonl already exist.' });
  });

  test('Compare Evaluation Results with two results files selected in the explorer opens one comparison panel', async () => {
    const folder = path.resolve(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'eval', 'results');
    const files = ['small.toolcall-eval.json', 'offline.toolcall-eval.json'].map((f) => vscode.Uri.file(path.join(folder, f)));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('toolcall.compareEvaluationResults', files[0], files);
    await until(() => tabLabels().includes('Evaluation comparison'), 'the Evaluation comparison panel');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.equal(tab?.label, 'Evaluation comparison');
    assert.ok(tab?.input instanceof vscode.TabInputWebview, 'a webview panel');
    assert.match((tab.input as vscode.TabInputWebview).viewType, /toolcall\.evalCompare$/);
  });

  test('Run Evaluation from "Evaluate This Model": the picker selects the clean open file, the handed model is ticked, results are written and shown', async () => {
    const api = (await vscode.extensions.getExtension<ToolcallApi>(EXTENSION_ID)!.activate())!;
    const server: OpenAIServer = await startOpenAIServer({ tickMs: 0 });
    const results = workspaceFile('jobs-train.toolcall-eval.json');
    // 24 cases: 12 calls (right for odd cities, wrong for even ones) and 12 answers after the
    // tool reply (no call expected; the model answers in text): 6 + 12 = 18 exact matches.
    server.script.set('scripted-model', (request) => {
      if (request.messages.at(-1)?.role === 'tool') return 'It is 20 degrees.';
      const last = [...request.messages].reverse().find((m) => m.role === 'user');
      const n = Number(/city (\d+)/.exec(String(last?.content ?? ''))?.[1]);
      return { tool_calls: [{ name: 'get_weather', arguments: { city: n % 2 === 1 ? `c${n}` : 'nowhere' } }] };
    });
    try {
      await vscode.workspace.getConfiguration('toolcall.openai').update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('toolcall.eval').update('models', [{ model: 'scripted-model', baseURL: server.url }], vscode.ConfigurationTarget.Global);
      await api.jobs.storeApiKey('sk-test-run-evaluation-0123456789');
      await vscode.commands.executeCommand('vscode.open', workspaceFile('jobs-train.jsonl'));
      await acceptingPrompts(vscode.commands.executeCommand('toolcall.runEvaluation', { model: 'scripted-model' }));
      const file = parseResults(fs.readFileSync(results.fsPath, 'utf8'));
      assert.equal(file.dataset, 'jobs-train.jsonl', 'the open clean file was the selected eval set');
      assert.deepEqual(file.models.map((m) => [m.model, m.cases.length, m.summary.exact_match]), [['scripted-model', 24, 18 / 24]]);
      assert.equal(server.state.requests.filter((r) => r.path === '/v1/chat/completions').length, 24);
      await until(() => tabLabels().includes('jobs-train.toolcall-eval.json'), () => `the results viewer (tabs: ${JSON.stringify(tabLabels())})`);
    } finally {
      await api.jobs.clearApiKey();
      await vscode.workspace.getConfiguration('toolcall.eval').update('models', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('toolcall.openai').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(results.fsPath, { force: true });
      await server.close();
    }
  });

  test('Run Evaluation on an Azure OpenAI deployment: the deployment in the path, api-version and api-key, the key stored for that resource', async () => {
    const api = (await vscode.extensions.getExtension<ToolcallApi>(EXTENSION_ID)!.activate())!;
    const azure: OpenAIServer = await startOpenAIServer({ tickMs: 0, azure: {} });
    const results = workspaceFile('jobs-train.toolcall-eval.json');
    azure.script.set('weather-deployment', (request) => (request.messages.at(-1)?.role === 'tool' ? 'It is 20 degrees.' : { tool_calls: [{ name: 'get_weather', arguments: { city: 'c1' } }] }));
    try {
      await vscode.workspace.getConfiguration('toolcall.azure').update('endpoint', azure.url, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('toolcall.eval').update('models', [{ model: 'weather-deployment', azure: true }], vscode.ConfigurationTarget.Global);
      await api.jobs.storeApiKey('sk-test-azure-eval-0123456789'); // stored for the Azure resource
      await vscode.commands.executeCommand('vscode.open', workspaceFile('jobs-train.jsonl'));
      await acceptingPrompts(vscode.commands.executeCommand('toolcall.runEvaluation', { model: 'weather-deployment' }));
      const file = parseResults(fs.readFileSync(results.fsPath, 'utf8'));
      // city "c1" is right only for city 1; the 12 answers after the tool reply are right: 13 of 24.
      assert.deepEqual(file.models.map((m) => [m.model, m.cases.length, m.summary.exact_match]), [['weather-deployment', 24, 13 / 24]]);
      const sent = azure.state.requests.map((r) => [r.method, r.path, r.query['api-version'], r.auth, r.headers['authorization']].join(' '));
      assert.deepEqual([...new Set(sent)], ['POST /openai/deployments/weather-deployment/chat/completions 2024-10-21 accepted ']);
      assert.equal(sent.length, 24);
    } finally {
      await api.jobs.clearApiKey();
      await vscode.workspace.getConfiguration('toolcall.eval').update('models', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('toolcall.azure').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(results.fsPath, { force: true });
      await azure.close();
    }
  });
});
