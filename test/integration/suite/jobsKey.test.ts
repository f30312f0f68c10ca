// Issue 17, items 2 and 4: the Fine-tuning Jobs view follows Set/Clear API Key without a
// Refresh; with no key it shows the welcome content (Set API Key, docs link) and nothing
// else; an Azure OpenAI resource (toolcall.azure.endpoint) gets its own key, sent only there.
// Against two local servers (test/openai-server): one OpenAI-shaped, one Azure-shaped.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ToolcallApi } from '../../../client/extension.ts';
import { createOpenAI } from '../../../core/openai/client.ts';
import { startOpenAIServer, type OpenAIServer } from '../../openai-server/index.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';
const KEY = 'sk-test-key-view-0123456789';
const AZURE_KEY = 'sk-test-azure-resource-key-42';
const MODEL = 'gpt-4o-mini-2024-07-18';
const WAIT_MS = 20_000;

/** `check()` once it returns a value, re-checked after each firing of `event`. */
function when<T>(event: vscode.Event<unknown>, check: () => Promise<T | undefined>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const run = () =>
      void check().then((value) => {
        if (done || value === undefined) return;
        done = true;
        sub.dispose();
        clearTimeout(timer);
        resolve(value);
      }, reject);
    const sub = event(run);
    const timer = setTimeout(() => {
      done = true;
      sub.dispose();
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`));
    }, WAIT_MS);
    run();
  });
}

/** One job on `server`, created with the real SDK as any client would. */
async function seedJob(server: OpenAIServer, options: { azure?: boolean; key: string }): Promise<string> {
  const openai = createOpenAI({ apiKey: options.key, baseURL: server.url, maxRetries: 0, ...(options.azure ? { azure: { apiVersion: '2024-10-21' } } : {}) });
  const { toFile } = await import('openai');
  const line = JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }] });
  const file = await openai.files.create({ file: await toFile(Buffer.from(Array(10).fill(line).join('\n') + '\n'), 'seed.jsonl'), purpose: 'fine-tune' });
  return (await openai.fineTuning.jobs.create({ model: MODEL, training_file: file.id })).id;
}

suite('jobs view and the API key', function () {
  this.timeout(90_000);
  let api: ToolcallApi;
  let openaiServer: OpenAIServer;
  let azureServer: OpenAIServer;
  let openaiJob: string;
  let azureJob: string;

  const rootIds = async () => (await api.jobs.tree.getChildren()).map((n) => (n.kind === 'job' ? n.jobId : `${n.kind}${'text' in n ? `: ${n.text}` : ''}`));
  const viewShows = (want: string[]) => when(api.jobs.tree.onDidChangeTreeData, async () => {
    const ids = await rootIds();
    return JSON.stringify(ids) === JSON.stringify(want) ? ids : undefined;
  }, `the view to show ${JSON.stringify(want)}`);
  const config = (section: string) => vscode.workspace.getConfiguration(section);

  suiteSetup(async () => {
    api = await vscode.extensions.getExtension<ToolcallApi>(EXTENSION_ID)!.activate();
    assert.equal(process.env['OPENAI_API_KEY'], undefined, 'no key in the environment of the extension host');
    assert.equal(process.env['AZURE_OPENAI_API_KEY'], undefined);
    openaiServer = await startOpenAIServer({ tickMs: 0 });
    azureServer = await startOpenAIServer({ tickMs: 0, azure: {} });
    openaiJob = await seedJob(openaiServer, { key: KEY });
    azureJob = await seedJob(azureServer, { key: AZURE_KEY, azure: true });
    await api.jobs.clearApiKey();
    await config('toolcall.openai').update('baseUrl', openaiServer.url, vscode.ConfigurationTarget.Global);
    await api.jobs.keySettled();
  });

  suiteTeardown(async () => {
    await config('toolcall.azure').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await api.jobs.clearApiKey();
    await config('toolcall.openai').update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await api.jobs.keySettled();
    await openaiServer?.close();
    await azureServer?.close();
  });

  test('no key: the view is empty (its welcome offers Set API Key), and the context key says so', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.toolcall');
    await api.jobs.keySettled();
    assert.equal(api.jobs.hasApiKeyContext(), false);
    assert.deepEqual(await rootIds(), [], 'no truncated "No OpenAI API key" row: the welcome content shows instead');
    const welcome = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { viewsWelcome: { when: string; contents: string }[] } }).contributes.viewsWelcome;
    assert.deepEqual(welcome.map((w) => [w.when, /\[Set API Key\]\(command:toolcall\.setApiKey\)/.test(w.contents)]), [['!toolcall.hasApiKey', true], ['toolcall.hasApiKey', false]]);
  });

  test('after Set API Key the view lists the jobs by itself; after Clear API Key it is empty again', async () => {
    const listsBefore = openaiServer.state.requests.filter((r) => r.path === '/v1/fine_tuning/jobs' && r.method === 'GET').length;
    const shown = viewShows([openaiJob]);
    await api.jobs.storeApiKey(KEY);
    assert.deepEqual(await shown, [openaiJob]);
    assert.equal(api.jobs.hasApiKeyContext(), true);
    assert.ok(openaiServer.state.requests.filter((r) => r.path === '/v1/fine_tuning/jobs' && r.method === 'GET').length > listsBefore, 'listed without a Refresh');

    const emptied = viewShows([]);
    await api.jobs.clearApiKey();
    assert.deepEqual(await emptied, []);
    assert.equal(api.jobs.hasApiKeyContext(), false);
  });

  test('Azure OpenAI: its own key, sent only to that resource as api-key with the api-version; jobs listed from it', async () => {
    await api.jobs.storeApiKey(KEY); // the OpenAI key stays for OpenAI
    await config('toolcall.azure').update('endpoint', azureServer.url, vscode.ConfigurationTarget.Global);
    await api.jobs.keySettled();
    assert.equal(api.jobs.hasApiKeyContext(), false, 'the OpenAI key is not used for the Azure resource');
    assert.deepEqual(await rootIds(), []);

    const azureRequestsBefore = azureServer.state.requests.length;
    const shown = viewShows([azureJob]);
    await api.jobs.storeApiKey(AZURE_KEY);
    assert.deepEqual(await shown, [azureJob]);
    const sent = azureServer.state.requests.slice(azureRequestsBefore);
    assert.deepEqual([...new Set(sent.map((r) => [r.method, r.path, r.query['api-version'], r.auth].join(' ')))], ['GET /openai/fine_tuning/jobs 2024-10-21 accepted']);

    // Back to OpenAI: its own key again, and the Azure key never went there.
    const openaiBefore = openaiServer.state.requests.length;
    const back = viewShows([openaiJob]);
    await config('toolcall.azure').update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    assert.deepEqual(await back, [openaiJob]);
    assert.ok(openaiServer.state.requests.slice(openaiBefore).every((r) => r.auth === 'accepted'), 'OpenAI got its own key');
  });
});
