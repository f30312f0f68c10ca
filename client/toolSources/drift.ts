// Keeps the server's view of each configured tools file's source current: fetched when the
// tools file is opened (OpenAPI specs always; MCP servers only once allowed) and on "Check
// Tools Drift"; the server turns the snapshot into diagnostics with "Update from source" fixes.
import * as vscode from 'vscode';
import { ToolsSourceSnapshotNotification } from '../../core/protocol.ts';
import { describeSource } from '../../core/tools/import/sourceConfig.ts';
import type { CommandContext, CommandFactory } from '../commandContext.ts';
import { fetchTools } from './fetch.ts';
import { forEachSource, type SourceEntry } from './sources.ts';

/** Fetches `entry`'s source and sends the snapshot; returns what happened, in one sentence. */
export async function syncDrift(ctx: CommandContext, entry: SourceEntry, interactive: boolean): Promise<string> {
  const outcome = await fetchTools(ctx, entry.source, entry.folder.uri.fsPath, interactive);
  if ('skipped' in outcome) return outcome.skipped;
  const client = ctx.client();
  const source = describeSource(entry.source);
  const uri = client.code2ProtocolConverter.asUri(entry.toolsFile);
  if ('error' in outcome) {
    ctx.output.warn(outcome.error);
    await client.sendNotification(ToolsSourceSnapshotNotification.type, { uri, source, error: outcome.error, datasets: entry.datasets });
    return outcome.error;
  }
  await client.sendNotification(ToolsSourceSnapshotNotification.type, { uri, source, tools: outcome.result.tools, renamed: outcome.result.renamed, datasets: entry.datasets });
  return `Compared ${vscode.workspace.asRelativePath(entry.toolsFile)} with ${source}; drift, if any, is shown on the file.`;
}

/** Toolcall: Check Tools Drift from Sources. The active tools file's source, or every configured one. */
export const checkToolsDrift: CommandFactory = (ctx) => (arg?: unknown) => forEachSource(ctx, arg, (entry) => syncDrift(ctx, entry, true));
