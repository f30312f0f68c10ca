// Opening a `*.toolcall-eval.json` shows the results viewer: a read-only custom editor
// whose webview gets the parsed file by postMessage (see resultsHost.ts). The view
// follows the file when it changes on disk (a run writing checkpoints).
import * as vscode from 'vscode';
import { parseResults } from '../../core/eval/results.ts';
import { ResultsHost, resolveDataset, type LoadedResults } from './resultsHost.ts';

/** The custom editor's view type (package.json `contributes.customEditors`). */
export const RESULTS_VIEW_TYPE = 'toolcall.evalResults';

/** Reads and checks a results file. */
export async function loadResultsFile(uri: vscode.Uri): Promise<LoadedResults> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  const results = parseResults(new TextDecoder().decode(bytes));
  return {
    results,
    title: vscode.workspace.asRelativePath(uri, false),
    datasetOf: (model) => resolveDataset(uri, results.models[model]?.dataset ?? results.dataset),
    exportFolder: vscode.Uri.joinPath(uri, '..'),
  };
}

class ResultsEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly extensionUri: vscode.Uri) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => {} };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const host = new ResultsHost(panel.webview, this.extensionUri, () => loadResultsFile(document.uri));
    const folder = vscode.Uri.joinPath(document.uri, '..');
    const name = document.uri.path.split('/').pop()!;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void host.reload(), 200); // a checkpoint write is several events
    };
    const subscriptions = [host, watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload)];
    panel.onDidDispose(() => {
      clearTimeout(timer);
      subscriptions.forEach((d) => d.dispose());
    });
    await host.reload();
  }
}

/** Registers the viewer for `*.toolcall-eval.json`. */
export function registerResultsEditor(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.window.registerCustomEditorProvider(RESULTS_VIEW_TYPE, new ResultsEditorProvider(context.extensionUri), {
    webviewOptions: { retainContextWhenHidden: false },
    supportsMultipleEditorsPerDocument: true,
  });
}
