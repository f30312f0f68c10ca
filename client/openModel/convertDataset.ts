// Toolcall: Convert Dataset... Converts the active dataset between training formats
// (core/convert), writes FILE.<format>.jsonl beside it, opens it beside the source and puts the
// per-line report of what the target could not carry in the output channel.
import * as vscode from 'vscode';
import { convertDataset, formatReport, type ConversionResult } from '../../core/convert/convert.ts';
import { detectFormat } from '../../core/convert/detect.ts';
import { FORMATS, FORMAT_NAMES } from '../../core/convert/formats.ts';
import type { CommandFactory } from '../commandContext.ts';

/** Answers to the prompts, for tests and scripts. */
export interface ConvertOptions {
  file?: vscode.Uri;
  from?: string;
  to: string;
  /** Overwrite an existing output without asking; default false (refuse). */
  overwrite?: boolean;
}

export type ConvertOutcome =
  | { status: 'written'; output: string; totals: ConversionResult['totals']; report: string[] }
  | { status: 'cancelled' }
  | { status: 'refused'; reason: string };

const isOptions = (v: unknown): v is ConvertOptions => typeof v === 'object' && v !== null && typeof (v as ConvertOptions).to === 'string';

async function pickFormat(title: string, preselect: string | undefined, exclude?: string): Promise<string | undefined> {
  const items = FORMAT_NAMES.filter((n) => n !== exclude).map((name) => ({ label: name, description: FORMATS[name].description, picked: name === preselect }));
  items.sort((a, b) => Number(b.picked) - Number(a.picked));
  return (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true }))?.label;
}

export const convertDatasetCommand: CommandFactory = (ctx) => async (arg?: unknown): Promise<ConvertOutcome> => {
  const options = isOptions(arg) ? arg : undefined;
  const uri = options?.file ?? (arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri);
  if (!uri || uri.scheme !== 'file' || !/\.(jsonl|json)$/i.test(uri.fsPath)) {
    const reason = 'Open a dataset (.jsonl or .json file) first, then convert it.';
    void vscode.window.showErrorMessage(`Toolcall Studio: ${reason}`);
    return { status: 'refused', reason };
  }
  // The editor's text when the file is open (what the user sees), else the file.
  const text = (await vscode.workspace.openTextDocument(uri)).getText();
  const from = options?.from ?? (await pickFormat('Convert Dataset: format of this file', detectFormat(text)));
  if (from === undefined) return { status: 'cancelled' };
  const to = options ? options.to : await pickFormat('Convert Dataset: convert to', from === 'openai' ? 'sharegpt' : 'openai', from);
  if (to === undefined) return { status: 'cancelled' };
  if (!Object.hasOwn(FORMATS, from) || !Object.hasOwn(FORMATS, to)) {
    const reason = `Unknown format; expected one of ${FORMAT_NAMES.join(', ')}.`;
    return { status: 'refused', reason };
  }

  const result = convertDataset(text, FORMATS[from], FORMATS[to]);
  const out = vscode.Uri.file(`${uri.fsPath.replace(/\.(jsonl|json)$/i, '')}.${to}.jsonl`);
  if (out.fsPath === uri.fsPath) return { status: 'refused', reason: 'The output would overwrite the source.' };
  if ((await vscode.workspace.fs.stat(out).then(() => true, () => false)) && !options?.overwrite) {
    const reason = `${vscode.workspace.asRelativePath(out)} already exists.`;
    if (options) return { status: 'refused', reason };
    const choice = await vscode.window.showWarningMessage(`${reason} Overwrite?`, { modal: true }, 'Overwrite');
    if (choice !== 'Overwrite') return { status: 'cancelled' };
  }
  await vscode.workspace.fs.writeFile(out, new TextEncoder().encode(result.output));

  const report = formatReport(result, vscode.workspace.asRelativePath(uri));
  ctx.output.info(`Convert ${from} -> ${to}: ${vscode.workspace.asRelativePath(uri)} -> ${vscode.workspace.asRelativePath(out)}`);
  for (const line of report) ctx.output.info(line);
  await vscode.window.showTextDocument(out, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const summary = report.at(-1)!;
  if (!options) {
    void vscode.window.showInformationMessage(`Converted to ${to}: ${summary}`, 'Show Report').then((choice) => {
      if (choice) ctx.output.show(true);
    });
  }
  return { status: 'written', output: out.fsPath, totals: result.totals, report };
};
