// What the tools commands share: the dataset they act on, its lines, its tools file, and
// turning new line texts into one WorkspaceEdit.
import * as vscode from 'vscode';
import { minimalEdit } from '../../core/authoring/lineEdit.ts';
import { ToolsFileOfRequest } from '../../core/protocol.ts';
import type { CommandContext } from '../commandContext.ts';

/** Arguments the tools commands accept from code (tests, other commands); the palette passes none. */
export interface DatasetArgs {
  /** The dataset; default: the active editor's document (or the explorer's file when given as a Uri). */
  uri?: vscode.Uri;
}

/** The dataset document a command acts on, or undefined (with a message) when there is none. */
export async function datasetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : (arg as DatasetArgs | undefined)?.uri;
  if (uri) return vscode.workspace.openTextDocument(uri);
  const document = vscode.window.activeTextEditor?.document;
  if (document && (document.languageId === 'jsonl' || document.fileName.endsWith('.jsonl'))) return document;
  void vscode.window.showWarningMessage('Open a .jsonl dataset first.');
  return undefined;
}

/** The document's lines as the editor counts them. */
export function documentLines(document: vscode.TextDocument): string[] {
  const lines: string[] = [];
  for (let i = 0; i < document.lineCount; i++) lines.push(document.lineAt(i).text);
  return lines;
}

/** The tools file the server resolves for the dataset from `toolcall.toolsFile`, if any. */
export async function configuredToolsFile(ctx: CommandContext, dataset: vscode.TextDocument): Promise<vscode.Uri | undefined> {
  const client = ctx.client();
  const result = await client.sendRequest(ToolsFileOfRequest.type, { uri: client.code2ProtocolConverter.asUri(dataset.uri) });
  return result.path ? vscode.Uri.file(result.path) : undefined;
}

/** Text of a file as the editor has it (an open document's unsaved text counts). */
export async function currentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** One WorkspaceEdit replacing only what changed in each changed line (one undo step when applied). */
export function linesEdit(document: vscode.TextDocument, before: readonly string[], after: readonly string[], changed: readonly number[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const line of changed) {
    const e = minimalEdit(line, before[line], after[line]);
    if (e) edit.replace(document.uri, new vscode.Range(line, e.start, line, e.end), e.newText);
  }
  return edit;
}

/** Shows a Markdown report in a side editor. */
export async function showReport(markdown: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
