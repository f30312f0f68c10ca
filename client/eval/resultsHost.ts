// The host side of a results webview (custom editor or compare panel): sets the HTML
// shell (nonce CSP, no data), sends the results by postMessage, and acts on the
// webview's messages after checking them against the allow-list.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResultsFile } from '../../core/eval/results.ts';
import { toCsv, toMarkdown } from '../../core/eval/resultsExport.ts';
import { errorWebviewHtml, resultsWebviewHtml } from '../../core/eval/resultsHtml.ts';
import { parseWebviewMessage, type HostToWebview } from '../../core/eval/resultsMessages.ts';
import { makeNonce } from '../../core/webviewHtml.ts';

/** What a view shows: the results and, per model, the eval set its cases come from. */
export interface LoadedResults {
  results: ResultsFile;
  title: string;
  datasetOf(model: number): vscode.Uri | undefined;
  /** Where an export is offered first (a folder). */
  exportFolder: vscode.Uri;
}

/** The webview options of a results view: scripts on, only our webview bundle folder readable. */
export function resultsWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/** Wires `webview` to results loaded by `load` (called again by `reload()`). */
export class ResultsHost implements vscode.Disposable {
  private loaded: LoadedResults | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    private readonly extensionUri: vscode.Uri,
    private readonly load: () => Promise<LoadedResults>,
  ) {
    webview.options = resultsWebviewOptions(extensionUri);
    this.disposables.push(webview.onDidReceiveMessage((raw) => this.onMessage(raw)));
  }

  /** Loads the results and shows them; a file that cannot be read gets an error page without script. */
  async reload(): Promise<void> {
    try {
      this.loaded = await this.load();
    } catch (error) {
      this.loaded = undefined;
      this.ready = false;
      this.webview.html = errorWebviewHtml(`Cannot show these results: ${(error as Error).message}`, makeNonce());
      return;
    }
    if (!this.webview.html.includes('id="root"')) {
      this.ready = false;
      this.webview.html = resultsWebviewHtml({
        nonce: makeNonce(),
        cspSource: this.webview.cspSource,
        scriptUri: this.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'eval.js')).toString(),
        title: this.loaded.title,
      });
    } else if (this.ready) this.sendResults();
  }

  private post(message: HostToWebview): void {
    void this.webview.postMessage(message);
  }

  private sendResults(): void {
    if (this.loaded) this.post({ type: 'results', results: this.loaded.results, title: this.loaded.title });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return; // not on the allow-list: ignored
    const loaded = this.loaded;
    if (message.type === 'ready') {
      this.ready = true;
      this.sendResults();
      return;
    }
    if (!loaded) return;
    if (message.type === 'openCase') {
      const uri = loaded.datasetOf(message.model);
      if (!uri) return void vscode.window.showWarningMessage('Toolcall: the results do not say which eval set this case comes from.');
      const position = new vscode.Position(message.line - 1, 0);
      try {
        await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside, preview: true });
      } catch (error) {
        void vscode.window.showErrorMessage(`Toolcall: cannot open ${uri.fsPath} (${(error as Error).message}).`);
      }
      return;
    }
    // export: the text comes from the host's own copy of the results, never from the webview.
    const text = message.format === 'markdown' ? toMarkdown(loaded.results) : toCsv(loaded.results);
    const label = message.format === 'markdown' ? 'Markdown' : 'CSV';
    if (message.destination === 'clipboard') {
      await vscode.env.clipboard.writeText(text);
      this.post({ type: 'exportDone', text: `Copied the table as ${label}.` });
      return;
    }
    const ext = message.format === 'markdown' ? 'md' : 'csv';
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(loaded.exportFolder, `evaluation.${ext}`),
      filters: { [label]: [ext] },
    });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      this.post({ type: 'exportDone', text: `Saved ${path.basename(target.fsPath)}.` });
    } catch (error) {
      this.post({ type: 'exportDone', text: `Could not save: ${(error as Error).message}` });
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The eval set a results file names, resolved against the results file's folder. */
export function resolveDataset(resultsUri: vscode.Uri, dataset: string | undefined): vscode.Uri | undefined {
  if (!dataset) return undefined;
  if (path.isAbsolute(dataset)) return vscode.Uri.file(dataset);
  return vscode.Uri.joinPath(resultsUri, '..', ...dataset.split(/[\\/]/));
}
