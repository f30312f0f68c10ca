// Toolcall: Run Evaluation. Picks an eval set and models, asks each model every case
// with a cancellable progress notification, writes `<eval set>.toolcall-eval.json`
// next to the eval set (resuming cases an earlier run answered) and opens the viewer.
// Sends requests with the user's key, so only in a trusted workspace.
import * as vscode from 'vscode';
import { extractCases } from '../../core/eval/cases.ts';
import { isLocalBaseURL } from '../../core/eval/pricing.ts';
import { formatProgress } from '../../core/eval/progress.ts';
import { modelResults, parseResults, stringifyResults, upsertModel, RESULTS_SUFFIX, type CaseRecord, type ResultsFile } from '../../core/eval/results.ts';
import { runModel } from '../../core/eval/runner.ts';
import { caseKey } from '../../core/eval/predictions.ts';
import { createOpenAI, redactSecrets } from '../../core/openai/client.ts';
import type { CommandFactory } from '../commandContext.ts';
import { RESULTS_VIEW_TYPE } from './resultsEditor.ts';
import { readEvalSettings, type ModelChoice } from './settings.ts';

/** Where Toolcall: Set API Key keeps the key (SecretStorage); the same name as client/jobs/controller.ts SECRET_KEY. */
export const API_KEY_SECRET = 'toolcall.openai.apiKey';

/** The results file of an eval set: `x.jsonl` -> `x.toolcall-eval.json`. */
export function resultsUriOf(dataset: vscode.Uri): vscode.Uri {
  const name = dataset.path.split('/').pop()!.replace(/\.jsonl?$/i, '');
  return vscode.Uri.joinPath(dataset, '..', name + RESULTS_SUFFIX);
}

export const runEvaluation: CommandFactory = (ctx) => async (resource?: unknown) => {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Toolcall: running models sends your eval set and key to an endpoint; trust this workspace first (Manage Workspace Trust).');
    return;
  }
  const settings = readEvalSettings();
  for (const p of settings.problems) void vscode.window.showWarningMessage(`Toolcall: ${p}`);
  // "Evaluate this model" in the Fine-tuning Jobs view hands over `{ model }`.
  const handed = typeof resource === 'object' && resource !== null && 'model' in resource ? String((resource as { model: unknown }).model) : undefined;
  const dataset = await pickDataset(resource);
  if (!dataset) return;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(dataset));
  const { cases, errors } = extractCases(text);
  if (cases.length === 0) {
    void vscode.window.showErrorMessage(`Toolcall: ${vscode.workspace.asRelativePath(dataset)} has no cases (assistant turns with tool calls, or declared tools).`);
    return;
  }
  const models = await pickModels(settings.models, handed);
  if (!models || models.length === 0) return;

  const resultsUri = resultsUriOf(dataset);
  let file: ResultsFile = {
    version: 1,
    dataset: dataset.path.split('/').pop()!,
    createdAt: new Date().toISOString(),
    config: { temperature: 0, concurrency: settings.concurrency, autojunk: settings.autojunk },
    models: [],
  };
  try {
    file = { ...parseResults(new TextDecoder().decode(await vscode.workspace.fs.readFile(resultsUri))), config: file.config, dataset: file.dataset };
  } catch {
    // no earlier results (or unreadable ones, which this run replaces)
  }
  const save = async () => vscode.workspace.fs.writeFile(resultsUri, new TextEncoder().encode(stringifyResults(file)));

  const summary: string[] = [];
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Toolcall: evaluating', cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      for (const choice of models) {
        if (controller.signal.aborted) break;
        const apiKey = await keyFor(choice, ctx.extension.secrets);
        if (apiKey === undefined) {
          summary.push(`${choice.model}: skipped (no key in ${choice.apiKeyEnv}).`);
          continue;
        }
        const openai = createOpenAI({ apiKey, baseURL: choice.baseURL, maxRetries: 0, logLevel: 'warn', log: (_level, t) => ctx.output.warn(t) });
        const previous = file.models.find((m) => m.model === choice.model && m.baseURL === choice.baseURL)?.cases;
        const partial = new Map<string, CaseRecord>((previous ?? []).map((r) => [caseKey(r.line, r.turn), r]));
        let lastSave = Date.now();
        let lastDone = 0;
        const run = await runModel({
          openai,
          model: choice.model,
          baseURL: choice.baseURL,
          cases,
          previous,
          concurrency: settings.concurrency,
          prices: settings.prices,
          metrics: { autojunk: settings.autojunk },
          signal: controller.signal,
          secrets: [apiKey],
          onProgress: (p) => {
            progress.report({ message: `${choice.model}: ${formatProgress(p)}`, increment: ((p.done - lastDone) / p.total / models.length) * 100 });
            lastDone = p.done;
          },
          onCase: (record) => {
            partial.set(caseKey(record.line, record.turn), record);
            if (Date.now() - lastSave < 2000) return;
            lastSave = Date.now();
            file = upsertModel(file, modelResults(choice.model, choice.baseURL, [...partial.values()]));
            void save();
          },
        });
        file = upsertModel(file, run.results);
        await save();
        const s = run.results.summary;
        if (run.fatal) summary.push(`${choice.model}: ${redactSecrets(run.fatal, [apiKey])}`);
        else if (run.cancelled) summary.push(`${choice.model}: cancelled; run again to resume.`);
        else summary.push(`${choice.model}: exact ${(s.exact_match * 100).toFixed(1)}%${s.errors ? `, ${s.errors} requests failed` : ''}.`);
      }
    },
  );
  ctx.output.info(`Evaluation of ${vscode.workspace.asRelativePath(dataset)}: ${summary.join(' ')}${errors.length ? ` (${errors.length} lines skipped)` : ''}`);
  if (file.models.length > 0) await vscode.commands.executeCommand('vscode.openWith', resultsUri, RESULTS_VIEW_TYPE);
  void vscode.window.showInformationMessage(`Toolcall: ${summary.join(' ')}`);
};

async function pickDataset(resource: unknown): Promise<vscode.Uri | undefined> {
  if (resource instanceof vscode.Uri) return resource;
  const active = vscode.window.activeTextEditor?.document.uri;
  const found = await vscode.workspace.findFiles('**/*.jsonl', '**/node_modules/**', 200);
  const items = found
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
    .sort((a, b) => (a.uri.toString() === active?.toString() ? -1 : b.uri.toString() === active?.toString() ? 1 : a.label.localeCompare(b.label)));
  const browse = { label: '$(folder-opened) Browse…', uri: undefined as vscode.Uri | undefined };
  const picked = await vscode.window.showQuickPick([...items, browse], { placeHolder: 'Eval set (JSONL in the training format)' });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'JSON Lines': ['jsonl'] }, openLabel: 'Evaluate' });
  return chosen?.[0];
}

async function pickModels(configured: ModelChoice[], handed?: string): Promise<ModelChoice[] | undefined> {
  const other = { label: '$(add) Another model…', choice: undefined as ModelChoice | undefined };
  const choices = handed && !configured.some((c) => c.model === handed)
    ? [{ model: handed, baseURL: configured[0]?.baseURL ?? 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' }, ...configured]
    : configured;
  const items = choices.map((choice) => ({ label: choice.model, description: choice.baseURL, choice, picked: choice.model === handed }));
  const picked = await vscode.window.showQuickPick([...items, other], { canPickMany: true, placeHolder: 'Models to evaluate (setting toolcall.eval.models)' });
  if (!picked) return undefined;
  const out = picked.flatMap((p) => (p.choice ? [p.choice] : []));
  if (picked.includes(other)) {
    const model = await vscode.window.showInputBox({ prompt: 'Model name (e.g. gpt-4o-mini or ft:gpt-4o-mini-2024-07-18:org::id), on the default endpoint', ignoreFocusOut: true });
    if (model) out.push({ model: model.trim(), baseURL: configured[0]?.baseURL ?? 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' });
  }
  return out;
}

/**
 * The key: a model naming its own variable uses it first; otherwise the key set with
 * Toolcall: Set API Key (SecretStorage, as the jobs commands) wins over OPENAI_API_KEY.
 * Then a local endpoint's placeholder, else asked for this run (not stored).
 */
async function keyFor(choice: ModelChoice, secrets: vscode.SecretStorage): Promise<string | undefined> {
  const custom = choice.apiKeyEnv !== 'OPENAI_API_KEY' ? process.env[choice.apiKeyEnv] : undefined;
  if (custom) return custom;
  const stored = await secrets.get(API_KEY_SECRET);
  if (stored) return stored;
  const fromEnv = process.env[choice.apiKeyEnv];
  if (fromEnv) return fromEnv;
  if (isLocalBaseURL(choice.baseURL)) return 'local';
  const typed = await vscode.window.showInputBox({ prompt: `API key for ${choice.model} (${choice.apiKeyEnv} is not set); used for this run only`, password: true, ignoreFocusOut: true });
  return typed || undefined;
}
