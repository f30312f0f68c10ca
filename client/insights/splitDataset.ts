// Toolcall: Split Dataset. Asks a ratio and a seed, writes FILE.train.jsonl and
// FILE.validation.jsonl next to the source (core/stats/split.ts: stratified by category,
// exact copies on one side), asks before overwriting, then opens the report of the
// training file compared with the validation file.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { splitLines } from '../../core/dataset/lines.ts';
import { splitDataset as split } from '../../core/stats/split.ts';
import type { CommandFactory } from '../commandContext.ts';
import { splitSummary, validateRatio, validateSeed } from './splitInputs.ts';

/** Answers to every prompt, for tests and scripts. */
export interface SplitOptions {
  file?: vscode.Uri;
  ratio: number;
  seed: number;
  /** Overwrite existing outputs without asking; default false (refuse). */
  overwrite?: boolean;
  /** Open the report afterwards; default true. */
  openReport?: boolean;
}

export type SplitOutcome = { status: 'written'; train: string; validation: string; trainExamples: number; validationExamples: number; summary: string } | { status: 'cancelled' } | { status: 'refused'; reason: string };

export const splitDatasetCommand: CommandFactory = () => async (arg?: unknown): Promise<SplitOutcome> => {
  const options = isSplitOptions(arg) ? arg : undefined;
  const uri = options?.file ?? (arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri);
  if (!uri || uri.scheme !== 'file' || !uri.fsPath.toLowerCase().endsWith('.jsonl')) {
    const reason = 'Open a dataset (.jsonl file) first, then split it.';
    void vscode.window.showErrorMessage(`Toolcall Studio: ${reason}`);
    return { status: 'refused', reason };
  }
  const ratioText = options ? String(options.ratio) : await vscode.window.showInputBox({ title: 'Split Dataset: training share', prompt: 'Share of each category that goes to training (between 0 and 1)', value: '0.8', ignoreFocusOut: true, validateInput: validateRatio });
  if (ratioText === undefined) return { status: 'cancelled' };
  const seedText = options ? String(options.seed) : await vscode.window.showInputBox({ title: 'Split Dataset: seed', prompt: 'Seed of the shuffle (a whole number); the same seed gives the same split', value: '42', ignoreFocusOut: true, validateInput: validateSeed });
  if (seedText === undefined) return { status: 'cancelled' };
  const problem = validateRatio(ratioText) ?? validateSeed(seedText);
  if (problem) {
    void vscode.window.showErrorMessage(`Toolcall Studio: ${problem}`);
    return { status: 'refused', reason: problem };
  }

  // The editor's text when the file is open (what the user sees), else the file.
  const document = await vscode.workspace.openTextDocument(uri);
  const lines = [...splitLines(document.getText())];
  const result = split(lines, { ratio: Number(ratioText), seed: Number(seedText) });
  const stem = uri.fsPath.replace(/\.jsonl$/i, '');
  const outputs = { train: vscode.Uri.file(`${stem}.train.jsonl`), validation: vscode.Uri.file(`${stem}.validation.jsonl`) };
  const existing: string[] = [];
  for (const out of Object.values(outputs)) {
    if (await vscode.workspace.fs.stat(out).then(() => true, () => false)) existing.push(path.basename(out.fsPath));
  }
  if (existing.length > 0 && !options?.overwrite) {
    const reason = `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}.`;
    if (options) return { status: 'refused', reason };
    const choice = await vscode.window.showWarningMessage(`${reason} Overwrite?`, { modal: true }, 'Overwrite');
    if (choice !== 'Overwrite') return { status: 'cancelled' };
  }
  const body = (indexes: number[]) => new TextEncoder().encode(indexes.map((i) => lines[i].text.replace(/^\uFEFF/, '') + '\n').join(''));
  await vscode.workspace.fs.writeFile(outputs.train, body(result.train));
  await vscode.workspace.fs.writeFile(outputs.validation, body(result.validation));
  const summary = splitSummary(path.basename(outputs.train.fsPath), path.basename(outputs.validation.fsPath), result);
  void vscode.window.showInformationMessage(summary);
  if (options?.openReport !== false) {
    await vscode.window.showTextDocument(outputs.train, { preview: false });
    await vscode.commands.executeCommand('toolcall.showReport', outputs.train, { validation: outputs.validation });
  }
  return { status: 'written', train: outputs.train.fsPath, validation: outputs.validation.fsPath, trainExamples: result.train.length, validationExamples: result.validation.length, summary };
};

function isSplitOptions(arg: unknown): arg is SplitOptions {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && typeof (arg as SplitOptions).ratio === 'number';
}
