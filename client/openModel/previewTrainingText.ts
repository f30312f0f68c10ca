// Toolcall: Preview Training Text. Renders the example under the cursor with an open model's
// chat template (core/render), opens the text beside the dataset with the trained assistant
// turns highlighted, and shows token counts and template problems in its first lines.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TemplateError } from '../../core/render/chatTemplate.ts';
import { loadModelFiles } from '../../core/render/modelFiles.ts';
import { previewLine, PreviewError, type TrainingPreview } from '../../core/render/preview.ts';
import type { CommandFactory } from '../commandContext.ts';
import { showPreview } from './previewDocument.ts';

/** Answers to the prompts, for tests and scripts. */
export interface PreviewOptions {
  file?: vscode.Uri;
  /** 1-based line; default the cursor's line. */
  line?: number;
  /** Model folder, tokenizer_config.json or .jinja; default the toolcall.render.template setting. */
  template?: string;
}

export type PreviewOutcome = { status: 'shown'; preview: TrainingPreview; uri: string; header: string[] } | { status: 'cancelled' } | { status: 'refused'; reason: string };

const refuse = (reason: string): PreviewOutcome => {
  void vscode.window.showErrorMessage(`Toolcall Studio: ${reason}`);
  return { status: 'refused', reason };
};

export const previewTrainingTextCommand: CommandFactory = (ctx) => async (arg?: unknown): Promise<PreviewOutcome> => {
  const options = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as PreviewOptions) : undefined;
  const editor = vscode.window.activeTextEditor;
  const uri = options?.file ?? (arg instanceof vscode.Uri ? arg : editor?.document.uri);
  if (!uri) return refuse('Open a dataset and put the cursor on an example, then preview it.');
  const document = await vscode.workspace.openTextDocument(uri);
  const line = options?.line ?? (editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active.line + 1 : 1);
  if (line < 1 || line > document.lineCount) return refuse(`The file has no line ${line}.`);

  let template = options?.template ?? vscode.workspace.getConfiguration('toolcall.render', uri).get<string>('template') ?? '';
  if (template === '') {
    const picked = await vscode.window.showOpenDialog({
      title: 'Preview Training Text: a model folder, tokenizer_config.json or .jinja chat template',
      canSelectFolders: true,
      canSelectFiles: true,
      filters: { 'Chat template': ['json', 'jinja'] },
    });
    if (!picked?.[0]) return { status: 'cancelled' };
    template = picked[0].fsPath;
  }
  // A relative path in the settings is relative to the workspace folder of the dataset.
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!path.isAbsolute(template) && folder) template = path.join(folder.uri.fsPath, template);
  try {
    const model = await loadModelFiles(template);
    const preview = previewLine(document.lineAt(line - 1).text, line, model);
    const shown = await showPreview(uri, preview, template, ctx.extension.subscriptions);
    return { status: 'shown', preview, uri: shown.uri.toString(), header: shown.header };
  } catch (error) {
    if (error instanceof TemplateError || error instanceof PreviewError) return refuse(error.message);
    throw error;
  }
};
