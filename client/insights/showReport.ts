import * as vscode from 'vscode';
import type { CommandFactory } from '../commandContext.ts';
import { ReportPanel } from './reportPanel.ts';

/** Toolcall: Show Dataset Report, for the explorer's file, the given URI or the active editor's dataset. */
export const showReport: CommandFactory = (ctx) => async (arg?: unknown, options?: { validation?: vscode.Uri }) => {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showErrorMessage('Toolcall Studio: open a dataset (.jsonl) first, then show its report.');
    return undefined;
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(`Toolcall Studio: cannot open ${uri.toString(true)} (${(error as Error).message}).`);
    return undefined;
  }
  if (document.languageId !== 'jsonl') {
    void vscode.window.showErrorMessage('Toolcall Studio: the Dataset Report is for .jsonl datasets.');
    return undefined;
  }
  return ReportPanel.show(ctx.extension.extensionUri, ctx.client, ctx.output, document, options);
};
