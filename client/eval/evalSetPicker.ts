// The eval-set picker of Run Evaluation: titled, the likeliest eval sets first, error counts
// from the same validation a launch runs, and a clean file (never one with errors) selected.
import * as vscode from 'vscode';
import { preflightFile } from '../../core/jobs/preflight.ts';
import { fileOptionsFor } from '../jobs/fileOptions.ts';
import { evalSetItems, preselected, toCheck, type EvalSetCandidate } from './evalSetChoices.ts';

/** Errors in a file on disk, with the settings the Problems panel uses; undefined when it cannot be read. */
async function errorsIn(uri: vscode.Uri): Promise<number | undefined> {
  if (uri.scheme !== 'file') return undefined;
  try {
    const result = await preflightFile(uri.fsPath, { ...fileOptionsFor(uri), keep: 0 });
    return result.summary.error;
  } catch {
    return undefined;
  }
}

/** Asks for the eval set; undefined when dismissed. */
export async function pickEvalSet(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const found = await vscode.workspace.findFiles('**/*.jsonl', '**/node_modules/**', 200);
  const byLabel = new Map(found.map((uri) => [vscode.workspace.asRelativePath(uri), uri]));
  const candidates: EvalSetCandidate[] = [...byLabel].map(([label, uri]) => ({ label, active: uri.toString() === active, errors: undefined }));
  const checked = new Map<string, number | undefined>();
  await Promise.all(toCheck(candidates).map(async (c) => checked.set(c.label, await errorsIn(byLabel.get(c.label)!))));
  const items = evalSetItems(candidates.map((c) => ({ ...c, errors: checked.get(c.label) }))).map((i) => ({ ...i, uri: byLabel.get(i.label) }));
  const browse = { label: '$(folder-opened) Browse...', description: '', uri: undefined as vscode.Uri | undefined };

  const quickPick = vscode.window.createQuickPick<(typeof items)[number] | typeof browse>();
  quickPick.title = 'Run Evaluation: eval set';
  quickPick.placeholder = 'A JSONL file in the training format, held out from training';
  quickPick.items = [...items, browse];
  const clean = preselected(items);
  quickPick.activeItems = clean ? [items.find((i) => i.label === clean.label)!] : [];
  const picked = await new Promise<(typeof items)[number] | typeof browse | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0] ?? quickPick.activeItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'JSON Lines': ['jsonl'] }, openLabel: 'Evaluate' });
  return chosen?.[0];
}
