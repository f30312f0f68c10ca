// Checks a tools file's drift when it is opened, if it has a source: loaded at activation, so it
// only reads the setting; fetching (the MCP SDK, the OpenAPI parser) loads on first use.
import * as vscode from 'vscode';
import type { CommandContext } from '../commandContext.ts';
import { sourceOf } from './sources.ts';

/** Checks drift automatically when a tools file with a source is opened (never asking to run anything). */
export function watchToolsFilesWithSources(ctx: CommandContext): vscode.Disposable {
  const check = (document: vscode.TextDocument) => {
    if (!document.uri.path.endsWith('.tools.json')) return;
    const entry = sourceOf(document.uri);
    if (entry) void (require('./drift.ts') as typeof import('./drift.ts')).syncDrift(ctx, entry, false).then((m) => ctx.output.debug(m));
  };
  const subscriptions = [
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('toolcall.tools.sources')) vscode.workspace.textDocuments.forEach(check);
    }),
  ];
  vscode.workspace.textDocuments.forEach(check);
  return vscode.Disposable.from(...subscriptions);
}
