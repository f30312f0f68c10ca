import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import type { StatusParams } from '../../core/protocol.ts';

/** Run from the repository root, after `node scripts/build.mjs`. */
export const SERVER_BUNDLE = path.resolve('dist/server.js');

/** A second editor: the server bundle over stdio, with waits on notifications instead of sleeps. */
export class StdioClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly progress: { token: string | number; value: any }[] = [];
  readonly logs: string[] = [];
  readonly registrations: any[] = [];
  /** What `workspace/configuration` answers, per scopeUri (falls back to '*'). */
  settings = new Map<string, unknown>([['*', {}]]);
  stderr = '';
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(args: string[] = ['--stdio']) {
    this.child = spawn(process.execPath, [...(process.env.TOOLCALL_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []), SERVER_BUNDLE, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.record(() => this.diagnostics.push(p)));
    this.connection.onNotification('toolcall/status', (p: StatusParams) => this.record(() => this.statuses.push(p)));
    this.connection.onNotification('$/progress', (p: { token: string; value: unknown }) => this.record(() => this.progress.push(p)));
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.record(() => this.logs.push(p.message)));
    this.connection.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) =>
      p.items.map((item) => this.settings.get(item.scopeUri ?? '*') ?? this.settings.get('*')),
    );
    this.connection.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
      this.record(() => this.registrations.push(...p.registrations));
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  private record(action: () => void): void {
    action();
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when `test` holds (now or after a later notification); rejects after `ms`. */
  waitFor(test: () => boolean, what: string, ms = 20_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}. Logs:\n${this.logs.join('\n')}\n${this.stderr}`)), ms);
      this.waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** The first publishDiagnostics for `uri` (at `version` when given) received from index `from` on. */
  async diagnosticsFor(uri: string, version?: number, from = 0): Promise<PublishDiagnosticsParams> {
    const find = () => this.diagnostics.slice(from).find((d) => d.uri === uri && (version === undefined || d.version === version));
    await this.waitFor(() => find() !== undefined, `diagnostics of ${uri} v${version}`);
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

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
    }
    await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

export const DEFAULT_CAPABILITIES = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};
