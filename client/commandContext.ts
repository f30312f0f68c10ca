// What every command factory gets, in a file of its own: features import these types, and
// the registry (client/commands.ts) imports the features, so nothing imports back.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What a command may use. */
export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  client(): LanguageClient;
  /** Called after the server restarted (the status bar forgets stale counts). */
  onRestarted(): void;
}

export type CommandFactory = (ctx: CommandContext) => (...args: any[]) => unknown;
