// The one stdio LSP client of the tests: a second editor that runs the server bundle as a
// child process, records what it publishes and waits on notifications instead of sleeping.
// The LSP tests keep every notification (`history`); the fuzz and threat runs keep only the
// latest per URI (`history: false`), so a long run holds bounded memory.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { PingRequest, type StatusParams } from '../../core/protocol.ts';

/** The server bundle (run from the repository root, after `node scripts/build.mjs`); TOOLCALL_SERVER_BUNDLE overrides it. */
export const SERVER_BUNDLE = path.resolve(process.env.TOOLCALL_SERVER_BUNDLE ?? 'dist/server.js');

export const DEFAULT_CAPABILITIES = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

export interface StdioClientOptions {
  bundle?: string;
  /** Node options for the server process; default TOOLCALL_SERVER_NODE_ARGS (space-separated). */
  nodeArgs?: string[];
  /** Keep every notification in order (default); false keeps only the latest per URI. */
  history?: boolean;
  /** How messages go: over stdin/stdout (default), or Node's IPC channel as VS Code's client starts the server (`TransportKind.ipc`). */
  transport?: 'stdio' | 'ipc';
}

export interface PingResult {
  /** Milliseconds from sending the request to its answer (or to giving up). */
  ms: number;
  /** The server answered (a result or an error response both count). */
  answered: boolean;
  error?: string;
}

/** Signs that a server bug escaped its guards: uncaught exceptions, unhandled rejections. */
const ESCAPED = /^(Uncaught|Unhandled rejection)/;
/** Log lines kept for timeout messages. */
const LOG_TAIL = 200;

export class StdioClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** With `history`: every publishDiagnostics, status, progress and registration, in order. */
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly progress: { token: string | number; value: any }[] = [];
  readonly registrations: any[] = [];
  /** Latest publishDiagnostics per URI. */
  readonly lastDiagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Latest `toolcall/status` version per URI. */
  readonly statusVersion = new Map<string, number>();
  /** The last LOG_TAIL lines the server logged. */
  readonly logs: string[] = [];
  /** Errors the server logged that mean a guard failed (see ESCAPED). */
  readonly escaped: string[] = [];
  /** Other errors it logged (a rule threw and the line got TC199, a handler failed and was caught). */
  readonly handledErrors: string[] = [];
  /** What `workspace/configuration` answers, per scopeUri (falls back to '*'). */
  settings = new Map<string, unknown>([['*', {}]]);
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly history: boolean;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(options: StdioClientOptions = {}) {
    this.history = options.history ?? true;
    const nodeArgs = options.nodeArgs ?? process.env.TOOLCALL_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const ipc = options.transport === 'ipc';
    this.child = spawn(process.execPath, [...nodeArgs, options.bundle ?? SERVER_BUNDLE, ipc ? '--node-ipc' : '--stdio'], { stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : ['pipe', 'pipe', 'pipe'] });
    // Keep the tail only: a crash's stack is at the end.
    this.child.stderr!.on('data', (d) => (this.stderr = (this.stderr + String(d)).slice(-20_000)));
    this.child.on('exit', (code, signal) => this.record(() => (this.exit = { code, signal })));
    // Writes to a dead server's stdin fail with EPIPE; the exit is what we report.
    this.child.stdin!.on('error', () => {});
    // Over IPC nothing is read from stdout: drain it, so a stray write can never block the server.
    if (ipc) this.child.stdout!.resume();
    this.connection = ipc
      ? createProtocolConnection(new IPCMessageReader(this.child), new IPCMessageWriter(this.child))
      : createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onError(() => {});
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) =>
      this.record(() => {
        this.lastDiagnostics.set(p.uri, p);
        if (this.history) this.diagnostics.push(p);
      }),
    );
    this.connection.onNotification('toolcall/status', (p: StatusParams) =>
      this.record(() => {
        if (p.version !== undefined) this.statusVersion.set(p.uri, Math.max(p.version, this.statusVersion.get(p.uri) ?? -1));
        if (this.history) this.statuses.push(p);
      }),
    );
    this.connection.onNotification('$/progress', (p: { token: string; value: unknown }) => this.record(() => this.history && this.progress.push(p)));
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) =>
      this.record(() => {
        this.logs.push(p.message.slice(0, 4000));
        if (this.logs.length > LOG_TAIL) this.logs.shift();
        if (ESCAPED.test(p.message)) this.escaped.push(p.message.slice(0, 4000));
        else if (p.type === 1) this.handledErrors.push(p.message.slice(0, 4000));
      }),
    );
    this.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((item) => this.settings.get(item.scopeUri ?? '*') ?? this.settings.get('*')),
    );
    this.connection.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
      this.record(() => this.history && this.registrations.push(...p.registrations));
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  get alive(): boolean {
    return this.exit === null && this.child.exitCode === null;
  }

  /** A stack trace on stderr (the server's own output goes to the client log, so stderr should stay empty). */
  get stderrStack(): string | undefined {
    return /\n\s+at /.test(this.stderr) || /FATAL ERROR|Segmentation|heap out of memory/i.test(this.stderr) ? this.stderr : undefined;
  }

  private record(action: () => unknown): void {
    action();
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** True when `test` holds before `ms` (checked now and after each notification or exit). */
  waitUntil(test: () => boolean, ms: number): Promise<boolean> {
    if (test()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, ms);
      this.waiters.push(waiter);
    });
  }

  /** Resolves when `test` holds (now or after a later notification); rejects after `ms`, with the server's log. */
  async waitFor(test: () => boolean, what: string, ms = 20_000): Promise<void> {
    if (!(await this.waitUntil(test, ms))) throw new Error(`Timed out waiting for ${what}. Logs:\n${this.logs.join('\n')}\n${this.stderr}`);
  }

  /** Until the server has reported the status of `uri` at `version` or later (validation done), or `ms`. */
  validated(uri: string, version: number, ms: number): Promise<boolean> {
    return this.waitUntil(() => (this.statusVersion.get(uri) ?? -1) >= version || !this.alive, ms);
  }

  /** The first publishDiagnostics for `uri` (at `version` when given) received from index `from` on (needs `history`); rejects after `ms`. */
  async diagnosticsFor(uri: string, version?: number, from = 0, ms?: number): Promise<PublishDiagnosticsParams> {
    const find = () => this.diagnostics.slice(from).find((d) => d.uri === uri && (version === undefined || d.version === version));
    await this.waitFor(() => find() !== undefined, `diagnostics of ${uri} v${version}`, ms);
    return find()!;
  }

  async initialize(capabilities: Record<string, unknown> = DEFAULT_CAPABILITIES, rootUri: string | null = null): Promise<any> {
    const result = await this.connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'jsonl', version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  configurationChanged(): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /**
   * A request the server must answer: `toolcall/ping` (core/protocol.ts). A server without it
   * answers MethodNotFound, which counts too: either answer goes through the same message queue
   * as every handler, so the delay measures whether the event loop is free.
   */
  async ping(timeoutMs: number): Promise<PingResult> {
    const started = performance.now();
    if (!this.alive) return { ms: 0, answered: false, error: 'server exited' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<PingResult>((resolve) => {
      timer = setTimeout(() => resolve({ ms: performance.now() - started, answered: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    });
    const answer = this.connection.sendRequest(PingRequest.method).then(
      () => ({ ms: performance.now() - started, answered: true }),
      (error: unknown) => (error instanceof ResponseError ? { ms: performance.now() - started, answered: true } : { ms: performance.now() - started, answered: false, error: String(error) }),
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Shutdown + exit; kills the process (by its own handle) if it does not leave within 3 s. */
  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await this.waitUntil(() => !this.alive, 3000);
      if (this.alive) this.child.kill('SIGKILL');
    }
    this.connection.dispose();
  }
}
