import * as path from 'node:path';
import * as vscode from 'vscode';
import { driftReport, extractTools, toolsFileText } from '../../core/tools/extract.ts';
import type { CommandFactory } from '../commandContext.ts';
import { datasetDocument, documentLines, showReport, type DatasetArgs } from './shared.ts';

export interface ExtractArgs extends DatasetArgs {
  /** Where to write the tools file; default: asked with a save dialog. */
  target?: vscode.Uri;
  /** Open the drift report beside the dataset (default true). */
  showReport?: boolean;
}

/**
 * Toolcall: Extract Tools from Dataset. Collects every distinct declaration, shows the drift
 * line by line (Markdown report beside the dataset, also in the log), and writes the canonical
 * declarations to a `.tools.json` chosen in a save dialog (next to the dataset by default).
 */
export const extractToolsCommand: CommandFactory = (ctx) => async (arg?: unknown) => {
  const document = await datasetDocument(arg);
  if (!document) return undefined;
  const args = (arg instanceof vscode.Uri ? {} : (arg ?? {})) as ExtractArgs;
  const extraction = extractTools(documentLines(document));
  const name = path.basename(document.uri.path);
  const report = driftReport(extraction, `Tools of ${name}`);
  ctx.output.info(report);
  if (args.showReport !== false) await showReport(report);
  if (extraction.tools.length === 0) {
    void vscode.window.showInformationMessage(`${name} declares no tools.`);
    return { extraction, target: undefined };
  }
  const target = args.target ?? (await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(document.uri, '..', name.replace(/\.jsonl$/i, '') + '.tools.json'),
    filters: { 'Tools file': ['tools.json', 'json'] },
    title: 'Save the tools file',
  }));
  if (!target) return { extraction, target: undefined };
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(toolsFileText(extraction)));
  const drifting = extraction.tools.filter((t) => t.variants.length > 1).length;
  void vscode.window.showInformationMessage(`Wrote ${extraction.tools.length} tools to ${path.basename(target.path)}${drifting ? `; ${drifting} were declared in more than one way (the most used declaration was kept)` : ''}.`);
  return { extraction, target };
};
