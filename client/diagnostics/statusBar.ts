import * as vscode from 'vscode';
import type { StatusParams } from '../../core/protocol.ts';

/** The `toolcall.status` item: counts of the active dataset; hidden for anything else. */
export class DatasetStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item = vscode.window.createStatusBarItem('toolcall.status', vscode.StatusBarAlignment.Left, 100);
    this.item.name = 'Toolcall Studio';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(this.item, vscode.window.onDidChangeActiveTextEditor(() => this.refresh()));
  }

  /** A status from the server; `uri` already in VS Code's string form. */
  update(uri: string, status: StatusParams): void {
    if (status.isDataset) this.byUri.set(uri, status);
    else this.byUri.delete(uri);
    this.refresh();
  }

  clear(): void {
    this.byUri.clear();
    this.refresh();
  }

  /** What the item shows now ('' when hidden); integration tests read it. */
  text(): string {
    const status = this.activeStatus();
    return status ? statusText(status) : '';
  }

  private activeStatus(): StatusParams | undefined {
    const editor = vscode.window.activeTextEditor;
    return editor ? this.byUri.get(editor.document.uri.toString()) : undefined;
  }

  private refresh(): void {
    const status = this.activeStatus();
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = statusText(status);
    this.item.tooltip = statusTooltip(status);
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `$(check) 120 examples`, or `$(error) 3 $(warning) 2 · 120 examples` when there are problems. */
export function statusText(s: Pick<StatusParams, 'examples' | 'errors' | 'warnings'>): string {
  const examples = plural(s.examples, 'example');
  if (s.errors === 0 && s.warnings === 0) return `$(check) ${examples}`;
  return `$(error) ${s.errors} $(warning) ${s.warnings} · ${examples}`;
}

export function statusTooltip(s: StatusParams): string {
  return `Toolcall Studio: ${plural(s.examples, 'example')}, ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.infos} info. Click to open the Problems panel.`;
}
