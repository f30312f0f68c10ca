// The Dataset Report: a webview panel per dataset. The host sets the HTML shell (nonce
// CSP, no data), asks the language server for the full statistics, builds the view model
// (core/stats/reportView.ts) and posts it; messages from the webview are checked against
// the allow-list, and a row click selects the lines the row counts, from the host's copy.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { reportWebviewHtml } from '../../core/stats/reportHtml.ts';
import { parseReportMessage, type ReportHostToWebview, type ReportModel } from '../../core/stats/reportMessages.ts';
import { modelChoices, reportModel, rowLines } from '../../core/stats/reportView.ts';
import { makeNonce } from '../../core/webviewHtml.ts';
import { finetuneModels, isSuperseded, readInsightSettings, requestStats } from './stats.ts';

/** The panel's view type. */
export const REPORT_VIEW_TYPE = 'toolcall.datasetReport';
/** Most selections a row click makes (a category of 100k lines would make the editor crawl). */
export const MAX_SELECTIONS = 10_000;
const RECOUNT_DEBOUNCE_MS = 1000;

/** One open report, for tests and the command (one panel per dataset). */
export class ReportPanel implements vscode.Disposable {
  private static readonly open = new Map<string, ReportPanel>();
  private model: ReportModel | undefined;
  private chosenModel: string | undefined;
  private validation: vscode.Uri | undefined;
  private ready = false;
  private run: vscode.CancellationTokenSource | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Shows (or reveals) the report of `document`. */
  static show(extensionUri: vscode.Uri, client: () => LanguageClient, log: vscode.LogOutputChannel, document: vscode.TextDocument, options: { validation?: vscode.Uri } = {}): ReportPanel {
    const key = document.uri.toString();
    const existing = ReportPanel.open.get(key);
    if (existing) {
      if (options.validation) existing.validation = options.validation;
      existing.panel.reveal(vscode.ViewColumn.Beside);
      existing.recount();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, `Report: ${path.basename(document.uri.path)}`, vscode.ViewColumn.Beside, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    });
    const report = new ReportPanel(panel, extensionUri, client, log, document, options.validation);
    ReportPanel.open.set(key, report);
    return report;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient,
    private readonly log: vscode.LogOutputChannel,
    readonly document: vscode.TextDocument,
    validation: vscode.Uri | undefined,
  ) {
    this.validation = validation;
    const webview = panel.webview;
    webview.html = reportWebviewHtml({
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'report.js')).toString(),
      title: `Dataset Report: ${path.basename(document.uri.path)}`,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length > 0) this.recount(RECOUNT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('toolcall', document.uri)) this.recount();
      }),
    );
    panel.onDidDispose(() => this.dispose());
  }

  /** The view model last sent (tests). */
  current(): ReportModel | undefined {
    return this.model;
  }

  /** Counts again (after `delay` ms) and posts the new report. */
  recount(delay = 0): void {
    clearTimeout(this.timer);
    this.run?.cancel();
    this.timer = setTimeout(() => void this.send(), delay);
  }

  private post(message: ReportHostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async send(): Promise<void> {
    if (!this.ready) return;
    const run = new vscode.CancellationTokenSource();
    this.run = run;
    const settings = readInsightSettings(this.document.uri);
    const model = this.chosenModel ?? settings.model;
    this.post({ type: 'status', text: `Counting tokens for ${model}…` });
    try {
      const result = await requestStats(this.client(), this.document.uri, { model, detail: 'full', validation: this.validation }, run.token);
      if (this.run !== run) return;
      if (!result.isDataset || !result.stats) {
        this.post({ type: 'status', text: 'This file is not a dataset (its first line has no "messages"); nothing to report.' });
        return;
      }
      const document = this.document;
      this.model = reportModel({
        stats: result.stats,
        title: vscode.workspace.asRelativePath(document.uri, false),
        models: modelChoices(model, settings, finetuneModels(document.uri)),
        validation: this.validation ? vscode.workspace.asRelativePath(this.validation, false) : null,
        lineText: (line) => (line >= 1 && line <= document.lineCount ? document.lineAt(line - 1).text : undefined),
      });
      this.post({ type: 'report', report: this.model });
      this.post({ type: 'status', text: '' });
    } catch (error) {
      if (isSuperseded(error)) return;
      const message = (error as Error)?.message ?? String(error);
      this.log.error(`Dataset Report of ${this.document.uri.toString(true)}: ${message}`);
      this.post({ type: 'status', text: `Could not count: ${message}` });
    } finally {
      if (this.run === run) this.run = undefined;
      run.dispose();
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = parseReportMessage(raw);
    if (!message) return; // not on the allow-list: ignored
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.recount();
      case 'setModel':
        // Only a model the report offered; anything else is ignored.
        if (!this.model?.models.includes(message.model)) return;
        this.chosenModel = message.model;
        return this.recount();
      case 'pickValidation': {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Compare with This File', filters: { 'JSON Lines': ['jsonl'] }, defaultUri: vscode.Uri.joinPath(this.document.uri, '..') });
        if (!picked?.[0]) return;
        this.validation = picked[0];
        return this.recount();
      }
      case 'clearValidation':
        this.validation = undefined;
        return this.recount();
      case 'reveal': {
        const lines = this.model && rowLines(this.model, message.table, message.row);
        if (!lines || lines.length === 0) return;
        const count = await selectLines(this.document, lines);
        this.post({ type: 'status', text: `Selected ${count === 1 ? `line ${lines[0]}` : `${count} lines`}${count < lines.length ? ` (the first ${count} of ${lines.length})` : ''}.` });
        return;
      }
    }
  }

  dispose(): void {
    ReportPanel.open.delete(this.document.uri.toString());
    clearTimeout(this.timer);
    this.run?.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /** The open report of a document (tests). */
  static of(uri: vscode.Uri): ReportPanel | undefined {
    return ReportPanel.open.get(uri.toString());
  }
}

/** Shows the dataset and selects whole lines (1-based), the first one revealed; answers how many were selected. */
export async function selectLines(document: vscode.TextDocument, lines: readonly number[]): Promise<number> {
  const valid = lines.filter((l) => Number.isSafeInteger(l) && l >= 1 && l <= document.lineCount).slice(0, MAX_SELECTIONS);
  if (valid.length === 0) return 0;
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, preview: false });
  editor.selections = valid.map((l) => {
    const line = document.lineAt(l - 1);
    return new vscode.Selection(line.range.start, line.range.end);
  });
  editor.revealRange(editor.selections[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return valid.length;
}
