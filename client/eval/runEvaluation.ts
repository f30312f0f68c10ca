// Toolcall: Run Evaluation. Picks an eval set, models and how to ask them (live, or as a
// Batch API batch), asks each model every case with a cancellable progress notification,
// writes `<eval set>.toolcall-eval.json` next to the eval set (resuming cases an earlier
// run answered, collecting a batch an earlier run left) and opens the viewer. Sends
// requests with the user's key, so only in a trusted workspace; which key goes where is
// decided in modelClient.ts.
import * as vscode from 'vscode';
import { runBatch } from '../../core/eval/batch.ts';
import { extractCases, type EvalCase } from '../../core/eval/cases.ts';
import { displayBaseURL } from '../../core/eval/endpoint.ts';
import { formatProgress } from '../../core/eval/progress.ts';
import { modelResults, stringifyResults, upsertModel, RESULTS_SUFFIX, type ResultsFile } from '../../core/eval/results.ts';
import { runModelWithCheckpoints, startResults } from '../../core/eval/resume.ts';
import type { RunModelResult } from '../../core/eval/runner.ts';
import { redactSecrets } from '../../core/openai/client.ts';
import type { CommandContext, CommandFactory } from '../commandContext.ts';
import { modelClient } from './modelClient.ts';
import { RESULTS_VIEW_TYPE } from './resultsEditor.ts';
import { readEvalSettings, type EvalSettings, type ModelChoice } from './settings.ts';
import { pickEvalSet } from './evalSetPicker.ts';

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
  /** Set by Evaluate This Model: `model` is a fine-tuned model of the jobs endpoint. */
  fromJob?: boolean;
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
    return undefined;
  }
  const settings = readEvalSettings();
  for (const p of settings.problems) void vscode.window.showWarningMessage(`Toolcall: ${p}`);
  const request: EvaluationRequest = resource instanceof vscode.Uri ? { dataset: resource } : typeof resource === 'object' && resource !== null ? (resource as EvaluationRequest) : {};
  const chosen = await chooseRun(request, settings);
  if (!chosen) return undefined;
  const { dataset, cases, skipped, models, batch } = chosen;
  const resultsUri = resultsUriOf(dataset);
  const results = await openResults(resultsUri, dataset, settings);
  const outcome = await evaluateModels(ctx, { models, cases, settings, results, batch, pollMs: (request.pollSeconds ?? 5) * 1000 });
  ctx.output.info(`Evaluation of ${vscode.workspace.asRelativePath(dataset)}: ${outcome.summary.join(' ')}${skipped ? ` (${skipped} lines skipped)` : ''}`);
  if (results.file.models.length > 0) await vscode.commands.executeCommand('vscode.openWith', resultsUri, RESULTS_VIEW_TYPE);
  if (outcome.stopped.length > 0) void vscode.window.showWarningMessage(`Toolcall: ${outcome.stopped.join(' ')}`);
  else void vscode.window.showInformationMessage(`Toolcall: ${outcome.summary.join(' ')}`);
  return { ...(results.file.models.length > 0 ? { results: resultsUri } : {}), ...outcome };
};

/** The eval set (with its cases), the models to ask and how; undefined when the user stops or there are no cases. */
async function chooseRun(request: EvaluationRequest, settings: EvalSettings): Promise<{ dataset: vscode.Uri; cases: EvalCase[]; skipped: number; models: ModelChoice[]; batch: boolean } | undefined> {
  const handed = typeof request.model === 'string' ? request.model : undefined;
  const dataset = request.dataset instanceof vscode.Uri ? request.dataset : await pickEvalSet();
  if (!dataset) return undefined;
  const { cases, errors } = extractCases(new TextDecoder().decode(await vscode.workspace.fs.readFile(dataset)));
  if (cases.length === 0) {
    void vscode.window.showErrorMessage(`Toolcall: ${vscode.workspace.asRelativePath(dataset)} has no cases (assistant turns with tool calls, or declared tools).`);
    return undefined;
  }
  // A model handed over by "Evaluate This Model" lives on the jobs endpoint: evaluated there only.
  // Another handed name is the configured model of that name (an Azure deployment, say), else on the jobs endpoint too.
  const onJobs = (model: string) => ({ model, baseURL: settings.jobs.baseURL });
  const handedChoice = handed && (request.fromJob ? onJobs(handed) : (settings.models.find((m) => m.model === handed) ?? onJobs(handed)));
  const models = handedChoice ? [handedChoice] : Array.isArray(request.models) ? request.models : await pickModels(settings.models, settings.jobs.baseURL);
  if (!models || models.length === 0) return undefined;
  const batch = typeof request.batch === 'boolean' ? request.batch : !handed && !Array.isArray(request.models) ? await pickMode() : false;
  if (batch === undefined) return undefined;
  return { dataset, cases, skipped: errors.length, models, batch };
}

interface Results {
  file: ResultsFile;
  save(): Thenable<void>;
}

/** The results file next to the eval set, resumed when it holds earlier results; `save` writes it. */
async function openResults(resultsUri: vscode.Uri, dataset: vscode.Uri, settings: EvalSettings): Promise<Results> {
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

interface Evaluation {
  models: ModelChoice[];
  cases: EvalCase[];
  settings: EvalSettings;
  results: Results;
  batch: boolean;
  pollMs: number;
}

/** Asks each model every case under one cancellable progress notification; one summary sentence per model, and the models stopped early. */
async function evaluateModels(ctx: CommandContext, run: Evaluation): Promise<{ summary: string[]; stopped: string[] }> {
  const { models, cases, settings, results } = run;
  const summary: string[] = [];
  const stopped: string[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Toolcall: evaluating', cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    for (const choice of models) {
      if (controller.signal.aborted) break;
      const client = await modelClient(choice, settings, ctx.extension.secrets, (t) => ctx.output.warn(t));
      if ('skipped' in client) {
        summary.push(`${choice.model}: ${client.skipped}`);
        continue;
      }
      const { openai, secrets } = client;
      // What the results file and messages show: no user:pass@, no query values.
      const baseURL = displayBaseURL(choice.baseURL);
      const common = { openai, model: choice.model, baseURL, cases, prices: settings.prices, metrics: { autojunk: settings.autojunk }, signal: controller.signal, secrets };
      let outcome: RunModelResult;
      if (run.batch) {
        const earlier = results.file.models.find((m) => m.model === choice.model && m.baseURL === baseURL);
        const batched = await runBatch({
          ...common,
          previous: earlier?.cases,
          batch: earlier?.batch,
          firstPollMs: run.pollMs,
          ...(choice.parseContentCalls ? { parseContentCalls: choice.parseContentCalls } : {}),
          // Kept in the results file at once: closing VS Code leaves the id for the next run.
          onBatch: async (batch) => {
            progress.report({ message: `${choice.model}: batch ${batch.id} ${batch.status.replace('_', ' ')}` });
            const entry = results.file.models.find((m) => m.model === choice.model && m.baseURL === baseURL) ?? modelResults(choice.model, baseURL, [...(earlier?.cases ?? [])]);
            results.file = upsertModel(results.file, { ...entry, batch });
            await results.save();
          },
        });
        results.file = upsertModel(results.file, batched.batch ? { ...batched.results, batch: batched.batch } : batched.results);
        outcome = batched;
      } else {
        let lastDone = 0;
        const live = await runModelWithCheckpoints(
          results.file,
          {
            ...common,
            concurrency: settings.concurrency,
            ...(choice.parseContentCalls ? { parseContentCalls: choice.parseContentCalls } : {}),
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
        results.file = live.file;
        outcome = live.run;
      }
      await results.save();
      const sentence = modelSummary(choice.model, baseURL, outcome, secrets);
      summary.push(sentence);
      if (outcome.fatal) stopped.push(sentence);
    }
  });
  return { summary, stopped };
}

/** One sentence on how a model's run went (a stop names the endpoint and why; secrets removed). */
function modelSummary(model: string, baseURL: string, run: RunModelResult, secrets: readonly string[]): string {
  const s = run.results.summary;
  if (run.fatal) return `${model} on ${baseURL}: ${redactSecrets(run.fatal, secrets)}`;
  if (run.cancelled) return `${model}: cancelled; run again to resume.`;
  return `${model}: exact ${(s.exact_match * 100).toFixed(1)}%${s.errors ? `, ${s.errors} of ${s.total} cases errored (not wrong answers; run again to retry them)` : ''}.`;
}

/** Live requests or the Batch API; undefined when the picker is dismissed. */
async function pickMode(): Promise<boolean | undefined> {
  const live = { label: 'Run Now', detail: 'Live requests, results as they come.', batch: false };
  const batch = { label: 'Run as Batch', detail: 'One OpenAI Batch per model: half the price, results within 24 hours; the batch is picked up again after a restart.', batch: true };
  return (await vscode.window.showQuickPick([live, batch], { placeHolder: 'How to ask the models' }))?.batch;
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
