import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseToolsFile } from '../../core/dataset/toolsFile.ts';
import { applyTools, editorRewriteRefusal, formatRefusals } from '../../core/tools/apply.ts';
import type { CommandFactory } from '../commandContext.ts';
import { configuredToolsFile, currentText, datasetDocument, documentLines, linesEdit, type DatasetArgs } from './shared.ts';

export interface ApplyArgs extends DatasetArgs {
  /** The tools file; default: the one `toolcall.toolsFile` gives the dataset, else asked. */
  toolsFile?: vscode.Uri;
}

export type ApplyOutcome =
  | { applied: true; changed: number[] }
  | { applied: false; refusals: string[] };

/**
 * Toolcall: Apply Tools File to Dataset. Rewrites each line's declarations with the tools file's,
 * as ONE WorkspaceEdit (one undo); refuses, changing nothing, when a call would become invalid,
 * and lists those lines.
 */
export const applyToolsFileCommand: CommandFactory = (ctx) => async (arg?: unknown): Promise<ApplyOutcome | undefined> => {
  const document = await datasetDocument(arg);
  if (!document) return undefined;
  const args = (arg instanceof vscode.Uri ? {} : (arg ?? {})) as ApplyArgs;
  const toolsUri = args.toolsFile ?? (await configuredToolsFile(ctx, document)) ?? (await pickToolsFile(document));
  if (!toolsUri) return undefined;
  const toolsName = path.basename(toolsUri.path);
  const parsed = parseToolsFile(await currentText(toolsUri), toolsName);
  if ('error' in parsed) {
    void vscode.window.showErrorMessage(parsed.error);
    return { applied: false, refusals: [parsed.error] };
  }
  const encoding = await fileEncodingRefusal(document);
  if (encoding) {
    void vscode.window.showErrorMessage(encoding);
    return { applied: false, refusals: [encoding] };
  }
  const version = document.version;
  const before = documentLines(document);
  const result = applyTools(before, parsed.tools);
  if (!result.ok) {
    const lines = [...result.toolsFileErrors, ...formatRefusals(result.refusals).split('\n').filter(Boolean)];
    ctx.output.warn(`Not applied: ${toolsName} would make these calls invalid:\n${lines.join('\n')}`);
    const first = lines.slice(0, 3).join('; ');
    void vscode.window.showErrorMessage(`${toolsName} was not applied: ${result.refusals.length > 0 ? `${result.refusals.length} call(s) would become invalid` : 'the tools file has errors'} (${first}${lines.length > 3 ? '; …' : ''}).`, 'Show All').then((choice) => {
      if (choice) ctx.output.show(true);
    });
    return { applied: false, refusals: lines };
  }
  if (result.changed.length === 0) {
    void vscode.window.showInformationMessage(`Every line already declares the tools as ${toolsName} does.`);
    return { applied: true, changed: [] };
  }
  if (document.version !== version) return { applied: false, refusals: ['The dataset changed while the edit was computed; run the command again.'] };
  const applied = await vscode.workspace.applyEdit(linesEdit(document, before, result.lines, result.changed));
  if (!applied) return { applied: false, refusals: ['VS Code did not apply the edit.'] };
  void vscode.window.showInformationMessage(`Rewrote the tools of ${result.changed.length} line(s) from ${toolsName}.`);
  return { applied: true, changed: result.changed };
};

/** The refusal for a dataset whose file on disk is not UTF-8 (only files; an unsaved buffer has no bytes yet). */
async function fileEncodingRefusal(document: vscode.TextDocument): Promise<string | undefined> {
  if (document.uri.scheme !== 'file') return undefined;
  try {
    return editorRewriteRefusal(await vscode.workspace.fs.readFile(document.uri), path.basename(document.uri.path));
  } catch {
    return undefined;
  }
}

async function pickToolsFile(dataset: vscode.TextDocument): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    defaultUri: vscode.Uri.joinPath(dataset.uri, '..'),
    canSelectMany: false,
    filters: { 'Tools file': ['json'] },
    title: 'Tools file to apply',
  });
  return picked?.[0];
}
