// The `toolcall.status` status bar item, the extension's only one: examples, tokens and
// estimated cost of the active dataset, counted by the language server after edits settle.
// Problem counts are left to VS Code's own status bar counter.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { insightsStatusText, insightsTooltip } from '../../core/stats/reportView.ts';
import { isSuperseded, requestStats } from './stats.ts';

/** Quiet time after an edit before counting again. */
export const INSIGHTS_DEBOUNCE_MS = 750;

export class InsightsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private run: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item = vscode.window.createStatusBarItem('toolcall.status', vscode.StatusBarAlignment.Left, 99);
    this.item.name = 'Toolcall Studio';
    this.item.command = 'toolcall.showReport';
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Hide at once for anything that is not JSONL; a dataset is counted first.
        if (editor?.document.languageId !== 'jsonl') this.hide();
        this.schedule(0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.length > 0) this.schedule(INSIGHTS_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('toolcall')) this.schedule(0);
      }),
      // The first count waits for the server; a restarted server counts again.
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.schedule(0);
      }),
    );
  }

  /** Counts the active document again after `delay` ms (a newer call replaces an older one). */
  schedule(delay: number): void {
    clearTimeout(this.timer);
    this.run?.cancel();
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /** What the item shows now ('' when hidden). */
  text(): string {
    return this.visible ? this.item.text : '';
  }

  private visible = false;

  private hide(): void {
    this.visible = false;
    this.item.hide();
  }

  private async refresh(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const client = this.client;
    if (!document || document.languageId !== 'jsonl' || !client.isRunning()) return this.hide();
    const run = new vscode.CancellationTokenSource();
    this.run = run;
    try {
      const result = await requestStats(client, document.uri, { detail: 'summary' }, run.token);
      if (this.run !== run || vscode.window.activeTextEditor?.document !== document) return;
      if (!result.isDataset) return this.hide();
      this.item.text = insightsStatusText(result.summary);
      this.item.tooltip = insightsTooltip(result.summary);
      this.visible = true;
      this.item.show();
    } catch (error) {
      if (!isSuperseded(error)) this.log.warn(`Counting tokens of ${document.uri.toString(true)} failed: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      if (this.run === run) this.run = undefined;
      run.dispose();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.run?.cancel();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
