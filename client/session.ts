// What activation starts once its synchronous part has returned (client/extension.ts loads this
// module on the next turn of the event loop): the language client, the status item, the commands'
// real handlers, the results viewer, the jobs view and the drift watcher. The build makes it
// dist/clientSession.js, so VS Code's "load code" and "call activate" do not parse it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { CommandContext } from './commandContext.ts';
import { COMMANDS } from './commands.ts';
import { jobsController, type JobsTestApi } from './jobs/controller.ts';
import { registerResultsEditor } from './eval/resultsEditor.ts';
import { InsightsStatusBar } from './insights/statusItem.ts';
import { watchToolsFilesWithSources } from './toolSources/watch.ts';

/** What the session gives `activate` to return, for integration tests (client/extension.ts ToolcallApi). */
export interface SessionApi {
  client: LanguageClient;
  /** The `toolcall.status` item's text for the active editor: examples, tokens, cost ('' when hidden). */
  statusText(): string;
  /** The fine-tuning jobs feature (view, store, redacted log). */
  jobs: JobsTestApi;
}

/** A started session: commands run at once, `started` settles when the language server is up. */
export interface Session {
  /** Runs the command `id` (one of package.json's `contributes.commands`). */
  run(id: string, args: unknown[]): unknown;
  readonly started: Promise<SessionApi>;
  stop(): Promise<void>;
}

/** Registers everything activation used to and starts the language client. */
export function startSession(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Session {
  const module = context.asAbsolutePath('dist/server.js');
  // Node's own compile cache (22.1 and later; older ones ignore it) for the server process alone:
  // a later start skips compiling what the server runs before it answers `initialize`.
  const env = { NODE_COMPILE_CACHE: path.join(context.globalStorageUri.fsPath, 'code-cache', 'server') };
  // Over stdio, not IPC: the server then reads with its own reader (a 50 MB didOpen decoded into lines
  // as it arrives, never one string: peak 4.3x the document instead of 8.9x over IPC, where Node
  // JSON-parses each message whole) and writes each diagnostic's JSON once (bench/NOTES.md, sixth
  // round, server part).
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { env } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'jsonl' },
      { scheme: 'untitled', language: 'jsonl' },
      // Tools files (`*.tools.json`): declaration checks, hints, rename and navigation.
      { scheme: 'file', pattern: '**/*.tools.json' },
    ],
    outputChannel: output,
    // Settings are pulled per resource by the server (workspace/configuration); nothing to push.
  };
  const languageClient = new LanguageClient('toolcall', 'Toolcall Studio', serverOptions, clientOptions);

  // One status item (examples, tokens, cost): problem counts stay in VS Code's own counter.
  const insights = new InsightsStatusBar(languageClient, output);
  context.subscriptions.push(insights);

  const commandContext: CommandContext = { extension: context, output, client: () => languageClient, onRestarted: () => insights.schedule(0) };
  const handlers = new Map(Object.entries(COMMANDS).map(([id, factory]) => [id, factory(commandContext)]));

  context.subscriptions.push(registerResultsEditor(context));

  const jobs = jobsController(commandContext);

  const started = languageClient.start().then(() => {
    // Drift of tools files from their sources (`toolcall.tools.sources`), checked when one is opened;
    // after start, since the check ends in a notification to the server.
    context.subscriptions.push(watchToolsFilesWithSources(commandContext));
    return { client: languageClient, statusText: () => insights.text(), jobs: jobs.testApi() };
  });
  return {
    run: (id, args) => {
      const handler = handlers.get(id);
      if (!handler) throw new Error(`Toolcall Studio has no handler for the command ${id}.`);
      return handler(...args);
    },
    started,
    stop: () => languageClient.stop(),
  };
}
