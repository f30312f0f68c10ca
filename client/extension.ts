// Activation, kept small: VS Code times the load of this file ("load code") and the synchronous
// part of activate() ("call activate"). Both cover only this file: it registers every command of
// the manifest at once, then loads the rest (client/session.ts, built into dist/clientSession.js:
// the language client and what it needs) on the next turn of the event loop, with V8's code cache
// (core/codeCache.ts); activate() settles once the language server has started, as before. A command
// run before then waits for the load.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { requireWithCodeCache } from '../core/codeCache.ts';
import type { Session, SessionApi } from './session.ts';

/** What `activate` returns, for integration tests. */
export interface ToolcallApi extends SessionApi {
  /** True when the session file was loaded with the code cache of an earlier start. */
  readonly loadedFromCodeCache: boolean;
}

/** client/session.ts as built next to this file (scripts/clientSplit.mjs, SESSION_FILE). */
const SESSION_FILE = 'clientSession.js';

let session: Promise<LoadedSession> | undefined;

/** A session with how its file was loaded. */
interface LoadedSession extends Session {
  readonly fromCodeCache: boolean;
}

export async function activate(context: vscode.ExtensionContext): Promise<ToolcallApi> {
  const output = vscode.window.createOutputChannel('Toolcall Studio', { log: true });
  context.subscriptions.push(output);
  const loading = new Promise<void>((resolve) => setImmediate(resolve)).then(() => startSession(context, output));
  session = loading;
  // The manifest is the one list of command ids (client/commands.ts has a handler for each).
  const ids = ((context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
  for (const id of ids) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await loading).run(id, args)));
  }
  const loaded = await loading;
  return { ...(await loaded.started), loadedFromCodeCache: loaded.fromCodeCache };
}

function startSession(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LoadedSession {
  const loaded = requireWithCodeCache<typeof import('./session.ts')>(path.join(__dirname, SESSION_FILE), path.join(context.globalStorageUri.fsPath, 'code-cache'));
  const started = loaded.exports.startSession(context, output);
  // Once the server runs (start-up compiled what it needed), after activate() has settled.
  const save = () => setTimeout(() => loaded.save(), 0);
  started.started.then(save, save);
  output.debug(`Loaded ${SESSION_FILE} ${loaded.cacheHit ? 'from' : 'without'} the code cache.`);
  return { ...started, fromCodeCache: loaded.cacheHit };
}

export async function deactivate(): Promise<void> {
  const stopping = session;
  session = undefined;
  // A session that failed to load was reported by activate(); there is nothing to stop.
  await (await stopping?.catch(() => undefined))?.stop();
}
