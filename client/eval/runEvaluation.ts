// Toolcall: Run Evaluation. Picks an eval set and models, asks each model every case
// with a cancellable progress notification, writes `<eval set>.toolcall-eval.json`
// next to the eval set (resuming cases an earlier run answered) and opens the viewer.
// Sends requests with the user's key, so only in a trusted workspace.
import * as vscode from 'vscode';
import { extractCases, type EvalCase } from '../../core/eval/cases.ts';
import { isLocalBaseURL } from '../../core/eval/pricing.ts';
import { formatProgress } from '../../core/eval/progress.ts';
import { stringifyResults, RESULTS_SUFFIX, type ResultsFile } from '../../core/eval/results.ts';
import { runModelWithCheckpoints, startResults } from '../../core/eval/resume.ts';
import type { RunModelResult } from '../../core/eval/runner.ts';
import { API_KEY_SECRET, createOpenAI, DEFAULT_BASE_URL, redactSecrets } from '../../core/openai/client.ts';
import type { CommandContext, CommandFactory } from '../commandContext.ts';
import { RESULTS_VIEW_TYPE } from './resultsEditor.ts';
import { readEvalSettings, type EvalSettings, type ModelChoice } from './settings.ts';

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
  const chosen = await chooseRun(resource, settings);
  if (!chosen) return;
  const { dataset, cases, skipped, models } = chosen;
  const resultsUri = resultsUriOf(dataset);
  const results = await openResults(resultsUri, dataset, settings);
  const summary = await evaluateModels(ctx, models, cases, settings, results);
  ctx.output.info(`Evaluation of ${vscode.workspace.asRelativePath(dataset)}: ${summary.join(' ')}${skipped ? ` (${skipped} lines skipped)` : ''}`);
  if (results.file.models.length > 0) await vscode.commands.executeCommand('vscode.openWith', resultsUri, RESULTS_VIEW_TYPE);
  void vscode.window.showInformationMessage(`Toolcall: ${summary.join(' ')}`);
};

/** The eval set (with its cases) and the models to ask; undefined when the user stops or there are no cases. */
async function chooseRun(resource: unknown, settings: EvalSettings): Promise<{ dataset: vscode.Uri; cases: EvalCase[]; skipped: number; models: ModelChoice[] } | undefined> {
  // "Evaluate this model" in the Fine-tuning Jobs view hands over `{ model }`.
  const handed = typeof resource === 'object' && resource !== null && 'model' in resource ? String((resource as { model: unknown }).model) : undefined;
  const dataset = await pickDataset(resource);
  if (!dataset) return undefined;
  const { cases, errors } = extractCases(new TextDecoder().decode(await vscode.workspace.fs.readFile(dataset)));
  if (cases.length === 0) {
    void vscode.window.showErrorMessage(`Toolcall: ${vscode.workspace.asRelativePath(dataset)} has no cases (assistant turns with tool calls, or declared tools).`);
    return undefined;
  }
  const models = await pickModels(settings.models, handed);
  if (!models || models.length === 0) return undefined;
  return { dataset, cases, skipped: errors.length, models };
}

/** The results file next to the eval set, resumed when it holds earlier results; `save` writes it. */
async function openResults(resultsUri: vscode.Uri, dataset: vscode.Uri, settings: EvalSettings): Promise<{ file: ResultsFile; save(): Thenable<void> }> {
  const name = dataset.path.split('/').pop()!;
  const config = { temperature: 0, concurrency: settings.concurrency, autojunk: settings.autojunk };
  let file: ResultsFile;
  try {
    file = startResults(name, config, new TextDecoder().decode(await vscode.workspace.fs.readFile(resultsUri)));
  } catch {
    file = startResults(name, config); // no earlier results (or unreadable ones, which this run replaces)
  }
  const results = { file, save: () => vscode.workspace.fs.writeFile(resultsUri, new TextEncoder().encode(stringifyResults(results.file))) };
  return results;
}

/** Asks each model every case under one cancellable progress notification; one summary sentence per model. */
async function evaluateModels(ctx: CommandContext, models: ModelChoice[], cases: EvalCase[], settings: EvalSettings, results: { file: ResultsFile; save(): Thenable<void> }): Promise<string[]> {
  const summary: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Toolcall: evaluating', cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    for (const choice of models) {
      if (controller.signal.aborted) break;
      const apiKey = await keyFor(choice, ctx.extension.secrets);
      if (apiKey === undefined) {
        summary.push(`${choice.model}: skipped (no key in ${choice.apiKeyEnv}).`);
        continue;
      }
      let lastDone = 0;
      const { run, file } = await runModelWithCheckpoints(
        results.file,
        {
          openai: createOpenAI({ apiKey, baseURL: choice.baseURL, maxRetries: 0, logLevel: 'warn', log: (_level, t) => ctx.output.warn(t) }),
          model: choice.model,
          baseURL: choice.baseURL,
          cases,
          concurrency: settings.concurrency,
          prices: settings.prices,
          metrics: { autojunk: settings.autojunk },
          signal: controller.signal,
          secrets: [apiKey],
          onProgress: (p) => {
            progress.report({ message: `${choice.model}: ${formatProgress(p)}`, increment: ((p.done - lastDone) / p.total / models.length) * 100 });
            lastDone = p.done;
          },
        },
        (partial) => {
          results.file = partial;
          void results.save();
        },
      );
      results.file = file;
      await results.save();
      summary.push(modelSummary(choice.model, run, apiKey));
    }
  });
  return summary;
}

/** One sentence on how a model's run went (its error with the key removed). */
function modelSummary(model: string, run: RunModelResult, apiKey: string): string {
  const s = run.results.summary;
  if (run.fatal) return `${model}: ${redactSecrets(run.fatal, [apiKey])}`;
  if (run.cancelled) return `${model}: cancelled; run again to resume.`;
  return `${model}: exact ${(s.exact_match * 100).toFixed(1)}%${s.errors ? `, ${s.errors} requests failed` : ''}.`;
}

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
    ? [{ model: handed, baseURL: configured[0]?.baseURL ?? DEFAULT_BASE_URL, apiKeyEnv: 'OPENAI_API_KEY' }, ...configured]
    : configured;
  const items = choices.map((choice) => ({ label: choice.model, description: choice.baseURL, choice, picked: choice.model === handed }));
  const picked = await vscode.window.showQuickPick([...items, other], { canPickMany: true, placeHolder: 'Models to evaluate (setting toolcall.eval.models)' });
  if (!picked) return undefined;
  const out = picked.flatMap((p) => (p.choice ? [p.choice] : []));
  if (picked.includes(other)) {
    const model = await vscode.window.showInputBox({ prompt: 'Model name (e.g. gpt-4o-mini or ft:gpt-4o-mini-2024-07-18:org::id), on the default endpoint', ignoreFocusOut: true });
    if (model) out.push({ model: model.trim(), baseURL: configured[0]?.baseURL ?? DEFAULT_BASE_URL, apiKeyEnv: 'OPENAI_API_KEY' });
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
