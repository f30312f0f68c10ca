// What both import commands do once they have the tools: ask where to save them, write the
// file, show what did not carry over, and offer to remember the source for drift checks.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { importedFileText, importReport, type ImportResult } from '../../core/tools/import/declarations.ts';
import type { CommandContext } from '../commandContext.ts';
import { rememberSource } from './sources.ts';

export interface ImportTarget {
  /** Where to write; default: asked with a save dialog. */
  target?: vscode.Uri;
  /** Add the source to `toolcall.tools.sources` without asking (tests); default: offered. */
  remember?: boolean;
}

export async function saveImport(ctx: CommandContext, result: ImportResult, source: string, defaultName: string, entry: Record<string, unknown>, options: ImportTarget): Promise<vscode.Uri | undefined> {
  const report = importReport(result, source);
  ctx.output.info(report);
  if (result.tools.length === 0) {
    void vscode.window.showWarningMessage(`${source} offers no tools to import.${result.refused.length ? ` Refused: ${result.refused.map((r) => `${r.tool} (${r.reason})`).join('; ')}` : ''}`);
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const target = options.target ?? (await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder.uri, `${defaultName}.tools.json`) : undefined,
    filters: { 'Tools file': ['tools.json', 'json'] },
    title: 'Save the imported tools',
  }));
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(importedFileText(result)));
  const notes = result.notCarried.length + result.refused.length;
  const summary = `Imported ${result.tools.length} tools into ${path.basename(target.path)}${result.renamed.length ? `, ${result.renamed.length} renamed` : ''}${notes ? `; ${notes} notes on what did not carry over are in the Toolcall Studio output` : ''}.`;
  const owner = vscode.workspace.getWorkspaceFolder(target);
  if (options.remember === true && owner) {
    await rememberSource(owner, target, entry);
    void vscode.window.showInformationMessage(summary);
  } else if (options.remember === undefined && owner) {
    const keep = 'Remember as Source';
    void vscode.window.showInformationMessage(summary, keep).then(async (answer) => {
      if (answer === keep) await rememberSource(owner, target, entry);
    });
  } else {
    void vscode.window.showInformationMessage(summary);
  }
  return target;
}
