import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SeverityOverrides } from '../../core/checks/rules.ts';
import { checkJobSpec, type Hyper } from '../../core/jobs/create.ts';
import { findOverlap } from '../../core/jobs/overlap.ts';
import { preflightFile, type PreflightResult } from '../../core/jobs/preflight.ts';
import { isAbort } from '../../core/openai/client.ts';
import { endpointLabel, missingKeyMessage } from './connection.ts';
import { jobsController, type JobsController } from './controller.ts';
import { DEFAULT_MODELS, HYPER_PROMPTS, modelChoices, parseHyper, parseSeed, parseSuffix, validateSeed, validateSuffix } from './inputs.ts';
import { formatBytes, launchJob as runLaunch, UnclearLaunchError, type LaunchSpec } from './launch.ts';
import { confirmText, CUSTOMIZE_STEPS, defaultSpec, startChoices, stepTitle } from './launchPlan.ts';
import { overlapText, problemLines, refusalTitle, warningTitle } from './messages.ts';
import { fileOptionsFor } from './fileOptions.ts';
import type { CommandFactory } from '../commandContext.ts';
import { requestStats } from '../insights/stats.ts';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { DatasetStatsSummary } from '../../core/stats/datasetStats.ts';

/** Answers to every prompt, for tests and scripts: given, the command asks nothing. */
export interface LaunchOptions {
  /** Training file; default the active editor's file. */
  file?: vscode.Uri | string;
  model: string;
  hyperparameters?: { n_epochs?: Hyper; batch_size?: Hyper; learning_rate_multiplier?: Hyper };
  suffix?: string;
  seed?: number;
  validationFile?: vscode.Uri | string;
  /** Validation severities (as the CLI's --severity); default the `toolcall.severity` setting. */
  severity?: SeverityOverrides;
  /** Go ahead despite warnings and overlap; default true. Errors always refuse. */
  acceptWarnings?: boolean;
}

/** How a launch ended (the command's return value). */
export type LaunchOutcome =
  | { status: 'created'; jobId: string; recovered: boolean }
  | { status: 'refused'; reason: string; problems: string[] }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

const OPEN_PROBLEMS = 'Open Problems';

/** Toolcall: Launch Fine-tuning Job for the active file (or the explorer's, or `options.file`). */
export const launchJob: CommandFactory = (ctx) => async (arg?: unknown): Promise<LaunchOutcome> => {
  const options = isLaunchOptions(arg) ? arg : undefined;
  const jobs = jobsController(ctx);
  if (!vscode.workspace.isTrusted) {
    const reason = 'Fine-tuning jobs can only be launched in a trusted workspace (uploading data sends it to the API).';
    void vscode.window.showErrorMessage(`Toolcall Studio: ${reason}`);
    return { status: 'refused', reason, problems: [] };
  }
  const uri = await trainingUri(options?.file ?? (arg instanceof vscode.Uri ? arg : undefined), !options);
  if (!uri) return { status: 'cancelled' };
  if (!(await jobs.apiKey())) {
    const reason = missingKeyMessage(jobs.endpoint());
    void vscode.window.showErrorMessage(`Toolcall Studio: ${reason}`, 'Set API Key').then((choice) => {
      if (choice) void vscode.commands.executeCommand('toolcall.setApiKey');
    });
    return { status: 'refused', reason, problems: [] };
  }

  const training = uri.fsPath;
  const trainingName = path.basename(training);
  const check = (file: string) => preflightFile(file, { ...fileOptionsFor(vscode.Uri.file(file)), ...(options?.severity ? { severity: options.severity } : {}) });
  const trainingCheck = await check(training);
  const refused = await refuseOrConfirm(trainingName, trainingCheck, options);
  if (refused) return refused;

  // Interactive: launch with defaults in one confirmation, or customize step by step.
  const start = options ? undefined : await askStart(uri);
  if (!options && !start) return { status: 'cancelled' };
  const spec = options ? specFromOptions(options) : start!.customize ? await askSpec(uri) : defaultSpec(defaultModel(uri), trainingName);
  if (!spec) return { status: 'cancelled' };
  const specProblems = checkJobSpec({ ...spec, training_file: 'pending' });
  if (specProblems.length > 0) {
    void vscode.window.showErrorMessage(`Toolcall Studio: ${specProblems.join(' ')}`);
    return { status: 'refused', reason: 'invalid settings', problems: specProblems };
  }

  const validationUri = options ? fileUri(options.validationFile) : start!.customize ? await askValidationFile(uri) : undefined;
  if (validationUri === null) return { status: 'cancelled' };
  if (validationUri) {
    const validationName = path.basename(validationUri.fsPath);
    const refusedValidation = await refuseOrConfirm(validationName, await check(validationUri.fsPath), options);
    if (refusedValidation) return refusedValidation;
    const overlap = await findOverlap(training, validationUri.fsPath);
    if (overlap.length > 0) {
      const text = overlapText(trainingName, validationName, overlap);
      jobs.log.warn(`${text.title}\n${text.detail}`);
      if (!(await confirm(text.title, text.detail, options))) return { status: 'cancelled' };
    }
  }

  if (!(await confirmLaunch(ctx.client(), jobs, uri, validationUri, spec, options !== undefined))) return { status: 'cancelled' };
  return upload(jobs, uri, validationUri, spec);
};

async function upload(jobs: JobsController, uri: vscode.Uri, validationUri: vscode.Uri | undefined, spec: LaunchSpec): Promise<LaunchOutcome> {
  const name = path.basename(uri.fsPath);
  jobs.clearProblems(uri);
  if (validationUri) jobs.clearProblems(validationUri);
  try {
    const openai = await jobs.connect();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Fine-tuning ${spec.model} on ${name}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const listener = token.onCancellationRequested(() => abort.abort());
        // One bar for both files: bytes of the training file, then of the validation file.
        const trainingBytes = (await stat(uri.fsPath)).size;
        const allBytes = trainingBytes + (validationUri ? (await stat(validationUri.fsPath)).size : 0);
        let shown = 0; // percent reported so far
        try {
          return await runLaunch(openai, {
            training: uri.fsPath,
            validation: validationUri?.fsPath,
            spec,
            pending: jobs.pending,
            signal: abort.signal,
            onNote: (text) => jobs.log.info(text),
            onUpload: (file, sent, total) => {
              const before = file === uri.fsPath ? 0 : trainingBytes;
              const percent = allBytes > 0 ? Math.floor(((before + sent) / allBytes) * 100) : 100;
              const increment = Math.max(0, percent - shown);
              shown = Math.max(shown, percent);
              progress.report({ increment, message: `uploading ${path.basename(file)}: ${formatBytes(sent)} of ${formatBytes(total)}` });
              if (sent >= total) progress.report({ message: 'creating the job...' });
            },
          });
        } finally {
          listener.dispose();
        }
      },
    );
    const job = result.job;
    await jobs.recordLaunch(job.id, { training: uri.toString(), validation: validationUri?.toString() });
    jobs.log.info(`Created fine-tuning job ${job.id} (${job.model}, ${job.status}) from ${uri.fsPath}${result.recovered ? ', found by its idempotency token after an unclear create' : ''}.`);
    jobs.store.add(job, openai);
    void jobs.reveal(job.id);
    void vscode.window.showInformationMessage(`Created fine-tuning job ${job.id}${result.recovered ? ' (found by its idempotency token)' : ''}; follow it in the Fine-tuning Jobs view.`);
    return { status: 'created', jobId: job.id, recovered: result.recovered };
  } catch (error) {
    if (isAbort(error)) {
      jobs.log.info(`Launch for ${name} cancelled.`);
      return { status: 'cancelled' };
    }
    const message = error instanceof UnclearLaunchError ? `${error.message} (${jobs.describe(error.cause)})` : jobs.describe(error);
    jobs.log.error(`Launching a fine-tuning job for ${uri.fsPath}: ${message}`);
    void vscode.window.showErrorMessage(`Toolcall Studio could not launch the fine-tuning job: ${message}`);
    return { status: 'failed', message };
  }
}

function isLaunchOptions(arg: unknown): arg is LaunchOptions {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && typeof (arg as { model?: unknown }).model === 'string';
}

function fileUri(file: vscode.Uri | string | undefined): vscode.Uri | undefined {
  if (file === undefined) return undefined;
  return typeof file === 'string' ? vscode.Uri.file(file) : file;
}

/** The explicit file, else the active editor's (saved first when the user agrees). */
async function trainingUri(explicit: vscode.Uri | string | undefined, interactive: boolean): Promise<vscode.Uri | undefined> {
  const given = fileUri(explicit);
  const doc = given ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === given.toString()) : vscode.window.activeTextEditor?.document;
  const uri = given ?? doc?.uri;
  if (!uri) {
    void vscode.window.showErrorMessage('Toolcall Studio: open the training file (.jsonl) first, then launch the job.');
    return undefined;
  }
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('Toolcall Studio uploads files on disk only; save the dataset to a file first.');
    return undefined;
  }
  if (doc?.isDirty) {
    // The file on disk is what gets uploaded.
    if (interactive) {
      const choice = await vscode.window.showWarningMessage(`${path.basename(uri.fsPath)} has unsaved changes; the file on disk is uploaded.`, { modal: true }, 'Save and Launch');
      if (choice !== 'Save and Launch') return undefined;
    }
    await doc.save();
  }
  return uri;
}

/** Errors refuse (modal with the first ones, and Open Problems); warnings ask. undefined: go on. */
async function refuseOrConfirm(name: string, result: PreflightResult, options: LaunchOptions | undefined): Promise<LaunchOutcome | undefined> {
  if (!result.ok) {
    const problems = problemLines(name, result, 'error');
    const title = refusalTitle(name, result.summary.error);
    // Scripted launches (options given) get a toast: a modal would block the caller's editor.
    const shown = options ? vscode.window.showErrorMessage(`${title} First: ${problems[0]}`, OPEN_PROBLEMS) : vscode.window.showErrorMessage(title, { modal: true, detail: problems.join('\n') }, OPEN_PROBLEMS);
    void shown.then((choice) => {
      if (choice === OPEN_PROBLEMS) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return { status: 'refused', reason: title, problems };
  }
  if (result.summary.warning > 0) {
    const detail = problemLines(name, result, 'warning').join('\n');
    if (!(await confirm(warningTitle(name, result.summary.warning), detail, options))) return { status: 'cancelled' };
  }
  return undefined;
}

async function confirm(title: string, detail: string, options: LaunchOptions | undefined): Promise<boolean> {
  if (options) return options.acceptWarnings !== false;
  return (await vscode.window.showWarningMessage(title, { modal: true, detail }, 'Launch Anyway')) === 'Launch Anyway';
}

function specFromOptions(options: LaunchOptions): LaunchSpec {
  return { model: options.model, hyperparameters: options.hyperparameters, suffix: options.suffix, seed: options.seed };
}

/** The model "Launch with defaults" uses and the model picker offers first. */
function defaultModel(uri: vscode.Uri): string {
  const config = vscode.workspace.getConfiguration('toolcall.finetune', uri);
  const configured = config.get<unknown[]>('models');
  return modelChoices(config.get<string>('defaultModel'), configured && configured.length > 0 ? configured : DEFAULT_MODELS)[0] ?? DEFAULT_MODELS[0]!;
}

/** Launch with defaults, or customize; undefined when dismissed. */
async function askStart(uri: vscode.Uri): Promise<{ customize: boolean } | undefined> {
  const name = path.basename(uri.fsPath);
  return vscode.window.showQuickPick(startChoices(defaultModel(uri), name), { title: `Fine-tuning: ${name}`, placeHolder: 'Launch with defaults, or choose each setting', ignoreFocusOut: true });
}

/** The customize path: model, hyperparameters, suffix and seed, one numbered step each; undefined when dismissed. */
async function askSpec(uri: vscode.Uri): Promise<LaunchSpec | undefined> {
  const config = vscode.workspace.getConfiguration('toolcall.finetune', uri);
  const configured = config.get<unknown[]>('models');
  const models = modelChoices(config.get<string>('defaultModel'), configured && configured.length > 0 ? configured : DEFAULT_MODELS);
  const other = '$(edit) Other model...';
  const picked = await vscode.window.showQuickPick([...models.map((m) => ({ label: m })), { label: other, description: 'a model name or a fine-tuned model to continue from' }], {
    title: stepTitle('Base model'),
    placeHolder: 'Model to fine-tune',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  let model = picked.label;
  if (model === other) {
    const typed = await vscode.window.showInputBox({ title: stepTitle('Base model'), prompt: 'Model name, e.g. gpt-4o-mini-2024-07-18 or ft:...', ignoreFocusOut: true, validateInput: (t) => (t.trim() ? undefined : 'Enter a model name.') });
    if (!typed) return undefined;
    model = typed.trim();
  }
  const hyperparameters: NonNullable<LaunchSpec['hyperparameters']> = {};
  for (const hp of HYPER_PROMPTS) {
    const step = CUSTOMIZE_STEPS.find((s) => s === hp.name)!;
    const text = await vscode.window.showInputBox({ title: stepTitle(step), prompt: hp.prompt, value: 'auto', ignoreFocusOut: true, validateInput: hp.validate });
    if (text === undefined) return undefined;
    hyperparameters[hp.key] = parseHyper(text);
  }
  const suffix = await vscode.window.showInputBox({ title: stepTitle('Suffix'), prompt: 'Up to 64 characters added to the fine-tuned model name (empty: none; API: suffix)', value: defaultSpec(model, path.basename(uri.fsPath)).suffix ?? '', ignoreFocusOut: true, validateInput: validateSuffix });
  if (suffix === undefined) return undefined;
  const seed = await vscode.window.showInputBox({ title: stepTitle('Seed'), prompt: 'A whole number for reproducible runs (empty: the service picks one; API: seed)', ignoreFocusOut: true, validateInput: validateSeed });
  if (seed === undefined) return undefined;
  return { model, hyperparameters, suffix: parseSuffix(suffix), seed: parseSeed(seed) };
}

/**
 * The last step: the endpoint, examples, tokens, epochs and estimated cost, counted by the
 * language server for the chosen model. Scripted launches only log it. Answers whether to launch.
 */
async function confirmLaunch(client: LanguageClient, jobs: JobsController, uri: vscode.Uri, validationUri: vscode.Uri | undefined, spec: LaunchSpec, scripted: boolean): Promise<boolean> {
  let summary: DatasetStatsSummary | undefined;
  let countError: string | undefined;
  try {
    summary = (await requestStats(client, uri, { model: spec.model, detail: 'summary' })).summary;
  } catch (error) {
    countError = (error as Error)?.message ?? String(error);
  }
  const text = confirmText({ endpoint: endpointLabel(jobs.endpoint()), fileName: path.basename(uri.fsPath), validationName: validationUri && path.basename(validationUri.fsPath), spec, summary, countError });
  jobs.log.info(`${text.title}\n${text.detail}`);
  if (scripted) return true;
  return (await vscode.window.showInformationMessage(text.title, { modal: true, detail: text.detail }, 'Launch')) === 'Launch';
}

/** A validation file from the workspace's other .jsonl files or a dialog; undefined: none; null: dismissed. */
async function askValidationFile(training: vscode.Uri): Promise<vscode.Uri | undefined | null> {
  const candidates = (await vscode.workspace.findFiles('**/*.jsonl', '**/node_modules/**', 200)).filter((u) => u.toString() !== training.toString());
  const none = { label: 'No validation file', uri: undefined as vscode.Uri | undefined };
  const browse = { label: '$(folder-opened) Browse...', uri: undefined as vscode.Uri | undefined };
  const items = [none, ...candidates.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u as vscode.Uri | undefined })), browse];
  const picked = await vscode.window.showQuickPick(items, { title: stepTitle('Validation file'), placeHolder: 'Optional: examples held out to measure validation loss (API: validation_file)', ignoreFocusOut: true });
  if (!picked) return null;
  if (picked === browse) {
    const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as Validation File', filters: { 'JSON Lines': ['jsonl'] } });
    return chosen?.[0] ?? null;
  }
  return picked.uri;
}
