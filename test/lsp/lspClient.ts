// A minimal stdio LSP client for robustness tests: it keeps only what they need (latest status
// per URI, errors the server logged, stderr), so a long fuzz run holds bounded memory.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { PingRequest } from '../../core/protocol.ts';

/** The server bundle; TOOLCALL_SERVER_BUNDLE overrides it (e.g. a snapshot copy). */
export const SERVER_BUNDLE = path.resolve(process.env.TOOLCALL_SERVER_BUNDLE ?? 'dist/server.js');

export const CAPABILITIES = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

export interface PingResult {
  /** Milliseconds from sending the request to its answer (or to giving up). */
  ms: number;
  /** The server answered (a result or an error response both count). */
  answered: boolean;
  error?: string;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; code?: string | number; message: string; severity?: number }[];
}

/** Signs that a server bug escaped its guards: uncaught exceptions, unhandled rejections, stacks on stderr. */
const ESCAPED = /^(Uncaught|Unhandled rejection)/;

export class LspClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Latest `toolcall/status` version per URI. */
  readonly statusVersion = new Map<string, number>();
  /** Latest publishDiagnostics per URI. */
  readonly lastDiagnostics = new Map<string, PublishedDiagnostics>();
  /** Errors the server logged that mean a guard failed (see ESCAPED). */
  readonly escaped: string[] = [];
  /** Other errors it logged (a rule threw and the line got TC199, a handler failed and was caught). */
  readonly handledErrors: string[] = [];
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  /** What `workspace/configuration` answers (the `toolcall` section), per scopeUri, '*' by default. */
  settings = new Map<string, unknown>([['*', {}]]);
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(bundle = SERVER_BUNDLE, nodeArgs: string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => {
      // Keep the tail only: a crash's stack is at the end.
      this.stderr = (this.stderr + String(d)).slice(-20_000);
    });
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.notify();
    });
    // Writes to a dead server's stdin fail with EPIPE; the exit is what we report.
    this.child.stdin!.on('error', () => {});
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onError(() => {});
    this.connection.onNotification('toolcall/status', (p: { uri: string; version?: number }) => {
      if (p.version !== undefined) this.statusVersion.set(p.uri, Math.max(p.version, this.statusVersion.get(p.uri) ?? -1));
      this.notify();
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.lastDiagnostics.set(p.uri, p);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (ESCAPED.test(p.message)) this.escaped.push(p.message.slice(0, 4000));
      else if (p.type === 1) this.handledErrors.push(p.message.slice(0, 4000));
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) =>
      p.items.map((item) => this.settings.get(item.scopeUri ?? '*') ?? this.settings.get('*')),
    );
    this.connection.onRequest('client/registerCapability', () => null);
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

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** True when `test` holds before `ms` (checked now and after each notification or exit). */
  waitFor(test: () => boolean, ms: number): Promise<boolean> {
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

  /** Until the server has reported the status of `uri` at `version` or later (validation done), or `ms`. */
  validated(uri: string, version: number, ms: number): Promise<boolean> {
    return this.waitFor(() => (this.statusVersion.get(uri) ?? -1) >= version || !this.alive, ms);
  }

  async initialize(rootUri: string | null = null): Promise<any> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: CAPABILITIES,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    });
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
  async ping(_uri: string, timeoutMs: number): Promise<PingResult> {
    const started = performance.now();
    if (!this.alive) return { ms: 0, answered: false, error: 'server exited' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<PingResult>((resolve) => {
      timer = setTimeout(() => resolve({ ms: performance.now() - started, answered: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    });
    const answer = this.connection
      .sendRequest(PingRequest.method)
      .then(
        () => ({ ms: performance.now() - started, answered: true }),
        (error: unknown) =>
          error instanceof ResponseError
            ? { ms: performance.now() - started, answered: true }
            : { ms: performance.now() - started, answered: false, error: String(error) },
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
      await this.waitFor(() => !this.alive, 3000);
      if (this.alive) this.child.kill('SIGKILL');
    }
    this.connection.dispose();
  }
}
