// The fine-tuning side of the extension, wired to VS Code: the key (SecretStorage, else
// OPENAI_API_KEY), the connection (user settings only, threat 7), the redacting log, the
// job store and its view, the `toolcall-jobs` diagnostics, and what launches remember in
// workspace state. One per extension context; commands reach it through `jobsController`.
import * as vscode from 'vscode';
import { createOpenAI, describeApiError, type FineTuningJob, type LogLevel, type OpenAI } from '../../core/openai/client.ts';
import { chooseKey, connectionFor, endpointFor, missingKeyMessage, OPENAI_SECRET, type Endpoint, type EndpointSettings } from './connection.ts';
import type { SeverityOverrides } from '../../core/checks/rules.ts';
import { jobDiagnostic, jobProblem, type LaunchedFiles } from '../../core/checks/serviceChecks.ts';
import { JobStore } from './jobStore.ts';
import { settledLaunches, type PendingLaunch, type PendingStore } from './launch.ts';
import { JobsLog } from './log.ts';
import { JobsTreeProvider, type JobNode } from './treeProvider.ts';
import { endMessage } from './treeModel.ts';

/** SecretStorage key of the OpenAI API key (Azure keys: one per resource, connection.ts azureSecretName). */
export const SECRET_KEY = OPENAI_SECRET;
/** Context key: a key exists for the current endpoint (the view's welcome content depends on it). */
export const HAS_KEY_CONTEXT = 'toolcall.hasApiKey';
export const VIEW_ID = 'toolcall.jobs';
export const EVALUATE_COMMAND = 'toolcall.runEvaluation';
const LAUNCHED_STATE = 'toolcall.jobs.launched';
const PENDING_STATE = 'toolcall.jobs.pendingLaunches';
/** Most job -> file records kept in workspace state. */
const MAX_LAUNCHED = 100;

/** No key anywhere: the sentence says how to set one. */
export class MissingKeyError extends Error {
  constructor() {
    super(missingKeyMessage(endpointFor(endpointSettings())));
    this.name = 'MissingKeyError';
  }
}

/** What integration tests reach through the extension's exports. */
export interface JobsTestApi {
  readonly store: JobStore;
  readonly tree: JobsTreeProvider;
  readonly diagnostics: vscode.DiagnosticCollection;
  /** Everything the jobs feature wrote to the output channel (already redacted). */
  logText(): string;
  /** As Set API Key does, without the input box. */
  storeApiKey(key: string): Thenable<void>;
  clearApiKey(): Thenable<void>;
  /** First poll delay of job watches, in ms. */
  setPollMs(ms: number): void;
  /** Overrides the SDK log level (default: from the output channel's level). */
  setSdkLogLevel(level: LogLevel | undefined): void;
  /** The extension's global storage (tests find the user settings file from it). */
  readonly globalStorageUri: vscode.Uri;
  /** The value last given to the `toolcall.hasApiKey` context key (undefined before the first check). */
  hasApiKeyContext(): boolean | undefined;
  /** Settles once the view has followed the last key or endpoint change. */
  keySettled(): Promise<void>;
}

export class JobsController implements vscode.Disposable {
  readonly log: JobsLog;
  readonly store: JobStore;
  readonly tree: JobsTreeProvider;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('toolcall-jobs');
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly storeOptions: { pollMs: number };
  private sdkLogLevel: LogLevel | undefined;
  private key: string | undefined;
  private loaded = false;
  private hasKey: boolean | undefined;
  private keyWork: Promise<void> = Promise.resolve();

  constructor(
    private readonly extension: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.log = new JobsLog((level, text) => output[level](text));
    this.storeOptions = { pollMs: 2000 };
    const options = this.storeOptions;
    this.store = new JobStore({
      connect: () => this.connect(),
      get pollMs() {
        return options.pollMs;
      },
      onError: (error, what) => this.log.error(`${what}: ${this.describe(error)}`),
    });
    this.tree = new JobsTreeProvider(this.store, (error) => this.describe(error));
    this.subscriptions.push(
      this.diagnostics,
      this.tree,
      { dispose: () => this.store.dispose() },
      // Set or Clear API Key (here or in another window), or a new endpoint: the view follows at once.
      extension.secrets.onDidChange((e) => {
        if (e.key.startsWith('toolcall.')) void this.keyChanged();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('toolcall.openai') || e.affectsConfiguration('toolcall.azure')) void this.keyChanged();
      }),
    );
    void this.updateKeyContext();
    this.store.onEnded((job) => void this.jobEnded(job));
    this.createView();
  }

  /** Where uploads and jobs go now (user settings only): OpenAI, or the Azure OpenAI resource. */
  endpoint(): Endpoint {
    return endpointFor(endpointSettings());
  }

  /** The key of the current endpoint, from SecretStorage or the environment; registered with the log's redactor. */
  async apiKey(): Promise<{ key: string; source: string } | undefined> {
    const endpoint = this.endpoint();
    const chosen = chooseKey(await this.extension.secrets.get(endpoint.secretName), process.env, endpoint.envName);
    this.key = chosen?.key;
    this.log.addSecret(chosen?.key);
    return chosen;
  }

  /** Stores the key under the current endpoint's name: it is only ever sent there. */
  async storeApiKey(key: string): Promise<void> {
    this.log.addSecret(key.trim());
    await this.extension.secrets.store(this.endpoint().secretName, key.trim());
    await this.keyChanged();
  }

  async clearApiKey(): Promise<void> {
    await this.extension.secrets.delete(this.endpoint().secretName);
    await this.keyChanged();
  }

  /** A client for the current key and endpoint (user settings only). */
  async connect(): Promise<OpenAI> {
    const chosen = await this.apiKey();
    if (!chosen) throw new MissingKeyError();
    const connection = connectionFor(chosen.key, endpointSettings(), { level: this.sdkLogLevel ?? channelLevel(this.output.logLevel), sink: (level, text) => this.log.write(level, `[openai] ${text}`) });
    return createOpenAI(connection);
  }

  /**
   * The key or endpoint changed: forget the jobs of the old one, set the context key that picks
   * the view's welcome content (Set API Key when there is none) and list the jobs again.
   */
  keyChanged(): Promise<void> {
    // One change at a time, in order (a store fires onDidChange too).
    this.keyWork = this.keyWork.then(async () => {
      this.key = undefined;
      this.store.clear();
      this.tree.setNotice(undefined);
      const has = await this.updateKeyContext();
      if (has && this.loaded) await this.refresh().catch(() => undefined);
    });
    return this.keyWork;
  }

  private async updateKeyContext(): Promise<boolean> {
    const has = (await this.apiKey()) !== undefined;
    this.hasKey = has;
    await vscode.commands.executeCommand('setContext', HAS_KEY_CONTEXT, has);
    return has;
  }

  /** One sentence for a failure, never containing the key. */
  describe(error: unknown): string {
    return describeApiError(error, this.key ? [this.key] : []);
  }

  /** Lists jobs; a failure becomes the view's only row and a log line; no key leaves the view to its welcome (Set API Key). */
  async refresh(): Promise<void> {
    this.loaded = true;
    try {
      await this.store.refresh();
      this.tree.setNotice(undefined);
      await this.settlePending();
      for (const job of this.store.list()) if (job.status === 'failed') await this.showProblem(job);
    } catch (error) {
      const text = this.describe(error);
      this.log.error(`Listing fine-tuning jobs: ${text}`);
      if (error instanceof MissingKeyError) await this.updateKeyContext();
      else this.tree.setNotice(text);
      throw error;
    }
  }

  /** Pending launches and the local files of launched jobs, in workspace state. */
  readonly pending: PendingStore = {
    get: () => this.extension.workspaceState.get<PendingLaunch[]>(PENDING_STATE, []),
    set: (list) => this.extension.workspaceState.update(PENDING_STATE, list),
  };

  launchedFiles(jobId: string): LaunchedFiles | undefined {
    return this.extension.workspaceState.get<Record<string, LaunchedFiles>>(LAUNCHED_STATE, {})[jobId];
  }

  async recordLaunch(jobId: string, files: LaunchedFiles): Promise<void> {
    const all = { ...this.extension.workspaceState.get<Record<string, LaunchedFiles>>(LAUNCHED_STATE, {}), [jobId]: files };
    const ids = Object.keys(all);
    for (const old of ids.slice(0, Math.max(0, ids.length - MAX_LAUNCHED))) delete all[old];
    await this.extension.workspaceState.update(LAUNCHED_STATE, all);
  }

  /** A new launch of a file clears the service errors shown on it. */
  clearProblems(uri: vscode.Uri): void {
    this.diagnostics.delete(uri);
  }

  /** Shows the job in the view (when the view exists). */
  async reveal(jobId: string): Promise<void> {
    await this.view?.reveal(this.tree.jobNode(jobId), { select: true, focus: false }).then(undefined, () => undefined);
  }

  /** Writes a job's events, oldest first, to the output channel and shows it. */
  async showEvents(jobId: string): Promise<void> {
    const events = await this.store.loadEvents(jobId);
    this.log.info(`Events of ${jobId} (${events.length}):`);
    for (const event of events) this.log.info(`  ${new Date(event.created_at * 1000).toISOString()} ${event.level.padEnd(5)} ${event.message}`);
    this.output.show(true);
  }

  testApi(): JobsTestApi {
    return {
      store: this.store,
      tree: this.tree,
      diagnostics: this.diagnostics,
      logText: () => this.log.text(),
      storeApiKey: (key) => this.storeApiKey(key),
      clearApiKey: () => this.clearApiKey(),
      setPollMs: (ms) => {
        this.storeOptions.pollMs = ms;
      },
      setSdkLogLevel: (level) => {
        this.sdkLogLevel = level;
      },
      globalStorageUri: this.extension.globalStorageUri,
      hasApiKeyContext: () => this.hasKey,
      keySettled: () => this.keyWork,
    };
  }

  dispose(): void {
    this.view?.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }

  private view: vscode.TreeView<JobNode> | undefined;

  /** The view exists only when the manifest declares it (else VS Code reports an unknown view). */
  private createView(): void {
    const views = (this.extension.extension.packageJSON as { contributes?: { views?: Record<string, Array<{ id?: string }>> } }).contributes?.views ?? {};
    if (!Object.values(views).some((list) => list.some((v) => v.id === VIEW_ID))) return;
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    const load = () => {
      if (!this.loaded) void this.refresh().catch(() => undefined);
    };
    this.subscriptions.push(this.view.onDidChangeVisibility((e) => e.visible && load()));
    if (this.view.visible) load();
  }

  private async settlePending(): Promise<void> {
    const settled = settledLaunches(this.pending.get(), this.store.list());
    if (settled.length === 0) return;
    for (const { launch, job } of settled) {
      this.log.info(`The launch of ${launch.training} that had no clear outcome did create ${job.id}.`);
      await this.recordLaunch(job.id, { training: vscode.Uri.file(launch.training).toString(), validation: launch.validation ? vscode.Uri.file(launch.validation).toString() : undefined });
    }
    const done = new Set(settled.map((s) => s.launch.token));
    await this.pending.set(this.pending.get().filter((p) => !done.has(p.token)));
  }

  private async jobEnded(job: FineTuningJob): Promise<void> {
    const message = endMessage(job);
    this.log.info(message);
    if (job.status === 'succeeded') {
      void vscode.window.showInformationMessage(message, 'Copy Model Id', 'Evaluate').then((choice) => {
        if (choice === 'Copy Model Id') void vscode.commands.executeCommand('toolcall.jobs.copyModelId', job.id);
        if (choice === 'Evaluate') void vscode.commands.executeCommand('toolcall.jobs.evaluate', job.id);
      });
      return;
    }
    if (job.status !== 'failed') {
      void vscode.window.showInformationMessage(message);
      return;
    }
    const problem = await this.showProblem(job);
    void vscode.window.showErrorMessage(message, ...(problem ? ['Go to Line'] : [])).then(async (choice) => {
      if (choice !== 'Go to Line' || !problem) return;
      const editor = await vscode.window.showTextDocument(problem.uri);
      editor.selection = new vscode.Selection(problem.range.start, problem.range.end);
      editor.revealRange(problem.range);
    });
  }

  /** Puts a failed job's error on the line it names; returns where, if anywhere. */
  private async showProblem(job: FineTuningJob): Promise<{ uri: vscode.Uri; range: vscode.Range } | undefined> {
    const problem = jobProblem(job, this.launchedFiles(job.id));
    if (!problem) return undefined;
    const uri = vscode.Uri.parse(problem.uri);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined; // the file was moved or deleted since the launch
    }
    const found = jobDiagnostic(problem, text, vscode.workspace.getConfiguration('toolcall', uri).get<SeverityOverrides>('severity'));
    if (!found) return undefined;
    const range = new vscode.Range(found.line, found.start, found.line, found.end);
    const diagnostic = new vscode.Diagnostic(range, found.message, VSCODE_SEVERITY[found.severity]);
    diagnostic.code = found.code;
    diagnostic.source = 'toolcall';
    const others = (this.diagnostics.get(uri) ?? []).filter((d) => !d.message.includes(`(job ${job.id})`));
    this.diagnostics.set(uri, [...others, diagnostic]);
    return { uri, range };
  }
}

/** The endpoint settings as plain data (connection.ts reads only the user-level values). */
function endpointSettings(): EndpointSettings {
  const openai = vscode.workspace.getConfiguration('toolcall.openai');
  const azure = vscode.workspace.getConfiguration('toolcall.azure');
  return {
    baseUrl: openai.inspect('baseUrl'),
    organization: openai.inspect('organization'),
    project: openai.inspect('project'),
    azureEndpoint: azure.inspect('endpoint'),
    azureApiVersion: azure.inspect('apiVersion'),
  };
}

/** A core severity as VS Code's. */
const VSCODE_SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint } as const;

/** The SDK log level that matches what the output channel shows. */
function channelLevel(level: vscode.LogLevel): LogLevel {
  switch (level) {
    case vscode.LogLevel.Trace:
    case vscode.LogLevel.Debug:
      return 'debug';
    case vscode.LogLevel.Info:
      return 'info';
    case vscode.LogLevel.Warning:
      return 'warn';
    case vscode.LogLevel.Error:
      return 'error';
    default:
      return 'off';
  }
}

const controllers = new WeakMap<vscode.ExtensionContext, JobsController>();

/** The controller of this extension context, made on first use (and disposed with the context). */
export function jobsController(ctx: { extension: vscode.ExtensionContext; output: vscode.LogOutputChannel }): JobsController {
  let controller = controllers.get(ctx.extension);
  if (!controller) {
    controller = new JobsController(ctx.extension, ctx.output);
    controllers.set(ctx.extension, controller);
    ctx.extension.subscriptions.push(controller);
  }
  return controller;
}
