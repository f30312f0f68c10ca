// Toolcall: Refresh Tools from Sources. Rewrites each configured tools file (or the active one)
// to declare what its source offers now: one undoable edit per file that changes only the
// drifting declarations, and says which dataset lines the new declarations break.
import * as vscode from 'vscode';
import { parseToolsFile } from '../../core/dataset/toolsFile.ts';
import { splitLines } from '../../core/dataset/lines.ts';
import { driftReport } from '../../core/tools/diff/driftReport.ts';
import { singleEdit, updatedText } from '../../core/tools/diff/driftEdits.ts';
import { importedFileText } from '../../core/tools/import/declarations.ts';
import { describeSource } from '../../core/tools/import/sourceConfig.ts';
import type { CommandContext, CommandFactory } from '../commandContext.ts';
import { currentText } from '../tools/shared.ts';
import { syncDrift } from './drift.ts';
import { fetchTools } from './fetch.ts';
import { forEachSource, type SourceEntry } from './sources.ts';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function refreshOne(ctx: CommandContext, entry: SourceEntry): Promise<string> {
  const outcome = await fetchTools(ctx, entry.source, entry.folder.uri.fsPath, true);
  if (!('result' in outcome)) return 'skipped' in outcome ? outcome.skipped : outcome.error;
  const name = vscode.workspace.asRelativePath(entry.toolsFile);
  if (!(await exists(entry.toolsFile))) {
    await vscode.workspace.fs.writeFile(entry.toolsFile, new TextEncoder().encode(importedFileText(outcome.result)));
    return `Wrote ${name} (${outcome.result.tools.length} tools).`;
  }
  const text = await currentText(entry.toolsFile);
  const parsed = parseToolsFile(text, name);
  if ('error' in parsed) return parsed.error;
  const datasets = await Promise.all(entry.datasets.map(async (file) => ({ file: vscode.workspace.asRelativePath(file), lines: [...splitLines(await currentText(vscode.Uri.file(file)).catch(() => ''))].map((l) => l.text) })));
  const report = driftReport(parsed.tools, outcome.result.tools, datasets, describeSource(entry.source));
  const after = updatedText(text, report.tools, outcome.result.renamed);
  const edit = after === undefined ? undefined : singleEdit(text, after);
  if (!edit) return `${name} already matches ${report.source}.`;
  const document = await vscode.workspace.openTextDocument(entry.toolsFile);
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(entry.toolsFile, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
  await vscode.workspace.applyEdit(workspaceEdit);
  await syncDrift(ctx, entry, false);
  const { added, removed, changed, brokenLines } = report.counts;
  return `Updated ${name} from ${report.source}: ${added} added, ${removed} removed, ${changed} changed${brokenLines ? `; ${brokenLines} dataset lines now have calls the source does not accept` : ''}.`;
}

export const refreshFromSources: CommandFactory = (ctx) => (arg?: unknown) => forEachSource(ctx, arg, (entry) => refreshOne(ctx, entry));
