import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { CommandContext } from './commandContext.ts';
import { COMMANDS } from './commands.ts';
import { jobsController, type JobsTestApi } from './jobs/controller.ts';
import { registerResultsEditor } from './eval/resultsEditor.ts';
import { InsightsStatusBar } from './insights/statusItem.ts';
import { watchToolsFilesWithSources } from './toolSources/watch.ts';

/** What `activate` returns, for integration tests. */
export interface ToolcallApi {
  client: LanguageClient;
  /** The `toolcall.status` item's text for the active editor: examples, tokens, cost ('' when hidden). */
  statusText(): string;
  /** The fine-tuning jobs feature (view, store, redacted log). */
  jobs: JobsTestApi;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ToolcallApi> {
  const output = vscode.window.createOutputChannel('Toolcall Studio', { log: true });
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
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
  client = languageClient;

  // One status item (examples, tokens, cost): problem counts stay in VS Code's own counter.
  const insights = new InsightsStatusBar(languageClient, output);
  context.subscriptions.push(output, insights);

  const commandContext: CommandContext = { extension: context, output, client: () => languageClient, onRestarted: () => insights.schedule(0) };
  for (const [id, factory] of Object.entries(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(commandContext)));
  }

  context.subscriptions.push(registerResultsEditor(context));

  const jobs = jobsController(commandContext);

  await languageClient.start();
  // Drift of tools files from their sources (`toolcall.tools.sources`), checked when one is opened;
  // after start, since the check ends in a notification to the server.
  context.subscriptions.push(watchToolsFilesWithSources(commandContext));
  return { client: languageClient, statusText: () => insights.text(), jobs: jobs.testApi() };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
