// Toolcall: Run Evaluation. Picks an eval set and models, asks each model every case
// with a cancellable progress notification, writes `<eval set>.toolcall-eval.json`
// next to the eval set (resuming cases an earlier run answered) and opens the viewer.
// Sends requests with the user's key, so only in a trusted workspace.
import * as vscode from 'vscode';
import { extractCases } from '../../core/eval/cases.ts';
import { isLocalBaseURL } from '../../core/eval/pricing.ts';
import { formatProgress } from '../../core/eval/progress.ts';
import { modelResults, parseResults, stringifyResults, upsertModel, RESULTS_SUFFIX, type CaseRecord, type ResultsFile } from '../../core/eval/results.ts';
import { runModel, type RunModelResult } from '../../core/eval/runner.ts';
import { runBatch } from '../../core/eval/batch.ts';
import { caseKey } from '../../core/eval/predictions.ts';
import { createOpenAI, redactSecrets, type OpenAI } from '../../core/openai/client.ts';
import { baseURLSecrets, displayBaseURL, keySourceFor } from '../../core/eval/endpoint.ts';
import { chooseKey } from '../jobs/connection.ts';
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

/**
 * What Run Evaluation may be handed instead of asking: a dataset (the explorer), `{ model,
 * dataset? }` (Evaluate This Model: a model of the jobs endpoint), or `{ dataset, models }`
 * (scripts and tests). Handed models obey the same key rules as configured ones.
 */
export interface EvaluationRequest {
  model?: string;
  models?: ModelChoice[];
  dataset?: vscode.Uri;
  /** Run as one Batch API batch per model instead of live requests (asked when models are picked). */
  batch?: boolean;
  /** First wait between batch status checks, in seconds (default 5). */
  pollSeconds?: number;
}

/** What a run did, for callers and tests: the results file, one sentence per model, the models stopped early. */
export interface EvaluationOutcome {
  results?: vscode.Uri;
  summary: string[];
  stopped: string[];
}

export const runEvaluation: CommandFactory = (ctx) => async (resource?: unknown): Promise<EvaluationOutcome | undefined> => {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Toolcall: running models sends your eval set and key to an endpoint; trust this workspace first (Manage Workspace Trust).');
    return;
  }
  const settings = readEvalSettings();
  for (const p of settings.problems) void vscode.window.showWarningMessage(`Toolcall: ${p}`);
  // "Evaluate This Model" in the Fine-tuning Jobs view hands over `{ model }`: a model of the
  // jobs endpoint, evaluated there (and only there) with the stored key.
  const request = resource instanceof vscode.Uri ? { dataset: resource } : typeof resource === 'object' && resource !== null ? (resource as EvaluationRequest) : {};
  const handed = typeof request.model === 'string' ? request.model : undefined;
  const dataset = request.dataset instanceof vscode.Uri ? request.dataset : await pickDataset();
  if (!dataset) return;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(dataset));
  const { cases, errors } = extractCases(text);
  if (cases.length === 0) {
    void vscode.window.showErrorMessage(`Toolcall: ${vscode.workspace.asRelativePath(dataset)} has no cases (assistant turns with tool calls, or declared tools).`);
    return;
  }
  const models = handed ? [{ model: handed, baseURL: settings.jobs.baseURL }] : Array.isArray(request.models) ? request.models : await pickModels(settings.models, settings.jobs.baseURL);
  if (!models || models.length === 0) return;
  const asBatch = typeof request.batch === 'boolean' ? request.batch : !handed && !Array.isArray(request.models) ? await pickMode() : false;
  if (asBatch === undefined) return;

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
  const stopped: string[] = [];
  // One sentence per model; a model stopped early also goes to `stopped` (shown as a warning).
  const report = (model: string, shownURL: string, run: RunModelResult, secrets: string[]) => {
    const s = run.results.summary;
    if (run.fatal) {
      const reason = `${model} on ${shownURL}: ${redactSecrets(run.fatal, secrets)}`;
      summary.push(reason);
      stopped.push(reason);
    } else if (run.cancelled) summary.push(`${model}: cancelled; run again to resume.`);
    else summary.push(`${model}: exact ${(s.exact_match * 100).toFixed(1)}%${s.errors ? `, ${s.errors} of ${s.total} cases errored (not wrong answers; run again to retry them)` : ''}.`);
  };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Toolcall: evaluating', cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      for (const choice of models) {
        if (controller.signal.aborted) break;
        const key = await keyFor(choice, settings.jobs.baseURL, ctx.extension.secrets);
        if (key !== null && typeof key === 'object') {
          summary.push(`${choice.model}: skipped (${key.skipped}).`);
          continue;
        }
        const apiKey = key ?? '';
        const secrets = [apiKey, ...baseURLSecrets(choice.baseURL)];
        // What the results file and messages show: no user:pass@, no query values.
        const shownURL = displayBaseURL(choice.baseURL);
        let openai: OpenAI;
        try {
          openai = clientFor(choice.baseURL, key, settings, (t) => ctx.output.warn(t));
        } catch (error) {
          summary.push(`${choice.model}: ${redactSecrets((error as Error).message, secrets)}`);
          continue;
        }
        const earlier = file.models.find((m) => m.model === choice.model && m.baseURL === shownURL);
        const previous = earlier?.cases;
        if (asBatch) {
          const run = await runBatch({
            openai, model: choice.model, baseURL: shownURL, cases, previous, batch: earlier?.batch,
            prices: settings.prices, metrics: { autojunk: settings.autojunk }, signal: controller.signal, secrets,
            firstPollMs: (request.pollSeconds ?? 5) * 1000,
            // Kept in the results file at once: closing VS Code leaves the id for the next run.
            onBatch: async (batch) => {
              progress.report({ message: `${choice.model}: batch ${batch.id} ${batch.status.replace('_', ' ')}` });
              const entry = file.models.find((m) => m.model === choice.model && m.baseURL === shownURL) ?? modelResults(choice.model, shownURL, [...(previous ?? [])]);
              file = upsertModel(file, { ...entry, batch });
              await save();
            },
          });
          file = upsertModel(file, run.batch ? { ...run.results, batch: run.batch } : run.results);
          await save();
          report(choice.model, shownURL, run, secrets);
          if (run.cancelled && run.batch) summary[summary.length - 1] = `${choice.model}: batch ${run.batch.id} goes on; run the evaluation again to collect it.`;
          continue;
        }
        const partial = new Map<string, CaseRecord>((previous ?? []).map((r) => [caseKey(r.line, r.turn), r]));
        let lastSave = Date.now();
        let lastDone = 0;
        const run = await runModel({
          openai,
          model: choice.model,
          baseURL: shownURL,
          cases,
          previous,
          concurrency: settings.concurrency,
          prices: settings.prices,
          metrics: { autojunk: settings.autojunk },
          signal: controller.signal,
          secrets,
          onProgress: (p) => {
            progress.report({ message: `${choice.model}: ${formatProgress(p)}`, increment: ((p.done - lastDone) / p.total / models.length) * 100 });
            lastDone = p.done;
          },
          onCase: (record) => {
            partial.set(caseKey(record.line, record.turn), record);
            if (Date.now() - lastSave < 2000) return;
            lastSave = Date.now();
            file = upsertModel(file, modelResults(choice.model, shownURL, [...partial.values()]));
            void save();
          },
        });
        file = upsertModel(file, run.results);
        await save();
        report(choice.model, shownURL, run, secrets);
      }
    },
  );
  ctx.output.info(`Evaluation of ${vscode.workspace.asRelativePath(dataset)}: ${summary.join(' ')}${errors.length ? ` (${errors.length} lines skipped)` : ''}`);
  if (file.models.length > 0) await vscode.commands.executeCommand('vscode.openWith', resultsUri, RESULTS_VIEW_TYPE);
  if (stopped.length > 0) void vscode.window.showWarningMessage(`Toolcall: ${stopped.join(' ')}`);
  else void vscode.window.showInformationMessage(`Toolcall: ${summary.join(' ')}`);
  return { ...(file.models.length > 0 ? { results: resultsUri } : {}), summary, stopped };
};

/** A client for one endpoint: organization and project only on the jobs endpoint; no Authorization header without a key. */
function clientFor(baseURL: string, key: string | null, settings: ReturnType<typeof readEvalSettings>, warn: (text: string) => void): OpenAI {
  const jobs = sameJobs(baseURL, settings);
  return createOpenAI({
    apiKey: key ?? '',
    noAuthorization: key === null,
    baseURL,
    organization: jobs ? settings.jobs.organization : undefined,
    project: jobs ? settings.jobs.project : undefined,
    maxRetries: 0,
    timeout: settings.timeoutMs,
    logLevel: 'warn',
    log: (_level, t) => warn(t),
  });
}

function sameJobs(baseURL: string, settings: ReturnType<typeof readEvalSettings>): boolean {
  return keySourceFor({ baseURL }, settings.jobs.baseURL).kind === 'stored';
}

/** Live requests or the Batch API; undefined when the picker is dismissed. */
async function pickMode(): Promise<boolean | undefined> {
  const live = { label: 'Run Now', detail: 'Live requests, results as they come.', batch: false };
  const batch = { label: 'Run as Batch', detail: 'One OpenAI Batch per model: half the price, results within 24 hours; the batch is picked up again after a restart.', batch: true };
  return (await vscode.window.showQuickPick([live, batch], { placeHolder: 'How to ask the models' }))?.batch;
}

async function pickDataset(): Promise<vscode.Uri | undefined> {
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

async function pickModels(configured: ModelChoice[], jobsBaseURL: string): Promise<ModelChoice[] | undefined> {
  const other = { label: '$(add) Another model…', choice: undefined as ModelChoice | undefined };
  const items = configured.map((choice) => ({ label: choice.model, description: displayBaseURL(choice.baseURL), choice }));
  const picked = await vscode.window.showQuickPick([...items, other], { canPickMany: true, placeHolder: 'Models to evaluate (setting toolcall.eval.models)' });
  if (!picked) return undefined;
  const out = picked.flatMap((p) => (p.choice ? [p.choice] : []));
  if (picked.includes(other)) {
    const model = await vscode.window.showInputBox({ prompt: `Model name (e.g. gpt-4o-mini or ft:gpt-4o-mini-2024-07-18:org::id), on the jobs endpoint ${displayBaseURL(jobsBaseURL)}`, ignoreFocusOut: true });
    if (model) out.push({ model: model.trim(), baseURL: jobsBaseURL });
  }
  return out;
}

/**
 * The key for a model (core/eval/endpoint.ts decides which kind): the variable its entry
 * names; on the jobs endpoint the key of Set API Key, then OPENAI_API_KEY, then one typed
 * for this run (or a placeholder for a local server); on any other endpoint none (null).
 */
async function keyFor(choice: ModelChoice, jobsBaseURL: string, secrets: vscode.SecretStorage): Promise<string | null | { skipped: string }> {
  const source = keySourceFor(choice, jobsBaseURL);
  if (source.kind === 'none') return null;
  if (source.kind === 'env') return process.env[source.name] || { skipped: `no key in ${source.name}` };
  const chosen = chooseKey(await secrets.get(API_KEY_SECRET), process.env);
  if (chosen) return chosen.key;
  if (isLocalBaseURL(choice.baseURL)) return 'local';
  const typed = await vscode.window.showInputBox({ prompt: `API key for ${choice.model} on ${displayBaseURL(choice.baseURL)} (none stored; run Toolcall: Set API Key to keep one); used for this run only`, password: true, ignoreFocusOut: true });
  return typed || { skipped: 'no key given' };
}
