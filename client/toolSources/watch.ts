// Checks a tools file's drift when it is opened, if it has a source: loaded at activation, so it
// only reads the setting; fetching (the MCP SDK, the OpenAPI parser) loads on first use.
import * as vscode from 'vscode';
import { ToolsSourceSnapshotNotification } from '../../core/protocol.ts';
import type { CommandContext } from '../commandContext.ts';
import { sourceOf } from './sources.ts';

/** Checks drift automatically when a tools file with a source is opened (never asking to run anything). */
export function watchToolsFilesWithSources(ctx: CommandContext): vscode.Disposable {
  // Tools files whose source the server was told about, so a source taken out of the setting
  // takes its drift diagnostics with it.
  const told = new Set<string>();
  const check = (document: vscode.TextDocument) => {
    if (!document.uri.path.endsWith('.tools.json')) return;
    const entry = sourceOf(document.uri);
    const key = document.uri.toString();
    if (entry) {
      told.add(key);
      void (require('./drift.ts') as typeof import('./drift.ts')).syncDrift(ctx, entry, false).then((m) => ctx.output.debug(m));
    } else if (told.delete(key)) {
      const client = ctx.client();
      void client.sendNotification(ToolsSourceSnapshotNotification.type, { uri: client.code2ProtocolConverter.asUri(document.uri), source: '', datasets: [] });
    }
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
