// Toolcall: Compare Evaluation Results. Several results files in one view: every model
// of every file side by side, each case still opening its own eval set.
import * as vscode from 'vscode';
import { pairedComparisons, type Comparison } from '../../core/eval/comparisons.ts';
import { mergeResults, parseResults, type NamedResults } from '../../core/eval/results.ts';
import type { CommandFactory } from '../commandContext.ts';
import { ResultsHost, resolveDataset } from './resultsHost.ts';

/** What the comparison shows, for callers and tests: the model labels and their paired comparisons. */
export interface ComparisonOutcome {
  models: string[];
  comparisons: Comparison[];
}

export const compareResults: CommandFactory = (ctx) => async (...args: unknown[]): Promise<ComparisonOutcome | undefined> => {
  // From the explorer: (clicked, selected[]); from the palette: nothing.
  const given = Array.isArray(args[1]) ? (args[1] as unknown[]).filter((u): u is vscode.Uri => u instanceof vscode.Uri) : [];
  const uris = given.length > 1 ? given : await pickResultsFiles();
  if (!uris || uris.length === 0) return;
  const load = async () => {
    const named: NamedResults[] = [];
    for (const uri of uris) {
      const results = parseResults(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      named.push({ name: vscode.workspace.asRelativePath(uri, false), results, dataset: resolveDataset(uri, results.dataset)?.fsPath });
    }
    const merged = mergeResults(named);
    return {
      results: merged,
      title: `Comparison of ${uris.length} results files`,
      datasetOf: (model: number) => resolveDataset(uris[0]!, merged.models[model]?.dataset),
      exportFolder: vscode.Uri.joinPath(uris[0]!, '..'),
    };
  };
  const panel = vscode.window.createWebviewPanel('toolcall.evalCompare', 'Evaluation comparison', vscode.ViewColumn.Active, { enableScripts: true });
  const host = new ResultsHost(panel.webview, ctx.extension.extensionUri, load);
  panel.onDidDispose(() => host.dispose());
  await host.reload();
  const shown = await load().catch(() => undefined);
  return shown && { models: shown.results.models.map((m) => m.model), comparisons: pairedComparisons(shown.results.models) };
};

async function pickResultsFiles(): Promise<vscode.Uri[] | undefined> {
  const found = await vscode.workspace.findFiles('**/*.toolcall-eval.json', '**/node_modules/**', 500);
  if (found.length < 2) {
    return vscode.window.showOpenDialog({ canSelectMany: true, filters: { 'Evaluation results': ['json'] }, openLabel: 'Compare' });
  }
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })).sort((a, b) => a.label.localeCompare(b.label)),
    { canPickMany: true, placeHolder: 'Results files to compare (two or more)' },
  );
  return picked?.map((p) => p.uri);
}
