import * as path from 'node:path';
import * as vscode from 'vscode';
import { calledTools, inferSchema } from '../../core/tools/infer.ts';
import { setParametersInLines, setParametersInToolsFile } from '../../core/tools/parametersEdit.ts';
import type { CommandFactory } from '../commandContext.ts';
import { configuredToolsFile, datasetDocument, documentLines, linesEdit, type DatasetArgs } from './shared.ts';

export interface InferArgs extends DatasetArgs {
  /** The tool; default: picked from the tools the dataset calls. */
  name?: string;
  /** true: apply without asking; false: only return the schema; default: ask. */
  apply?: boolean;
}

/**
 * Toolcall: Infer Parameters Schema. Builds a schema from the arguments of every call to the
 * picked tool and offers it as an edit of the declaration: in the tools file when the dataset
 * has one that declares the tool, else in every line declaring it.
 */
export const inferParametersSchemaCommand: CommandFactory = (ctx) => async (arg?: unknown) => {
  const document = await datasetDocument(arg);
  if (!document) return undefined;
  const args = (arg instanceof vscode.Uri ? {} : (arg ?? {})) as InferArgs;
  const lines = documentLines(document);
  const name = args.name ?? (await pickTool(lines));
  if (!name) return undefined;
  const inference = inferSchema(lines, name);
  if (inference.calls === 0) {
    void vscode.window.showWarningMessage(`No call to \`${name}\` in this dataset: nothing to infer from.`);
    return { inference, target: undefined };
  }
  const schemaText = JSON.stringify(inference.schema, null, 2);
  ctx.output.info(`Inferred parameters of ${name} from ${inference.calls} call(s)${inference.skipped.length ? ` (${inference.skipped.length} skipped)` : ''}:\n${schemaText}`);

  const { edit, where } = await editFor(ctx, document, lines, name, inference.schema);
  if (!edit) {
    void vscode.window.showWarningMessage(`No declaration of \`${name}\` to change (none in the tools file or the lines, or they already have this schema).`);
    return { inference, target: undefined };
  }
  if (args.apply === false) return { inference, target: where };
  if (args.apply !== true) {
    const preview = await vscode.workspace.openTextDocument({ language: 'json', content: schemaText + '\n' });
    await vscode.window.showTextDocument(preview, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    const choice = await vscode.window.showInformationMessage(`Replace the parameters of \`${name}\` ${where} with the schema inferred from ${inference.calls} call(s)?`, 'Replace');
    if (choice !== 'Replace') return { inference, target: where, applied: false };
  }
  const applied = await vscode.workspace.applyEdit(edit);
  return { inference, target: where, applied };
};

async function editFor(ctx: Parameters<CommandFactory>[0], document: vscode.TextDocument, lines: string[], name: string, schema: unknown): Promise<{ edit?: vscode.WorkspaceEdit; where: string }> {
  const toolsUri = await configuredToolsFile(ctx, document);
  if (toolsUri) {
    const toolsDocument = await vscode.workspace.openTextDocument(toolsUri).then((d) => d, () => undefined);
    const edits = toolsDocument && setParametersInToolsFile(toolsDocument.getText(), name, schema);
    if (toolsDocument && edits) {
      const edit = new vscode.WorkspaceEdit();
      for (const e of edits) edit.replace(toolsUri, new vscode.Range(toolsDocument.positionAt(e.offset), toolsDocument.positionAt(e.offset + e.length)), e.content);
      return { edit, where: `in ${path.basename(toolsUri.path)}` };
    }
  }
  const { lines: after, changed } = setParametersInLines(lines, name, schema);
  if (changed.length === 0) return { where: 'in the dataset' };
  return { edit: linesEdit(document, lines, after, changed), where: `in ${changed.length} line(s) of the dataset` };
}

async function pickTool(lines: string[]): Promise<string | undefined> {
  const tools = calledTools(lines);
  if (tools.length === 0) {
    void vscode.window.showWarningMessage('This dataset has no tool calls: nothing to infer from.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(tools.map((t) => ({ label: t.name, description: `${t.calls} call${t.calls === 1 ? '' : 's'}` })), { title: 'Infer the parameters schema of' });
  return picked?.label;
}
