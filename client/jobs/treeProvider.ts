// The Fine-tuning Jobs view: a thin TreeDataProvider over JobStore, rows from treeModel.ts.
// Events and checkpoints are fetched when their group is expanded.
import * as vscode from 'vscode';
import type { JobStore } from './jobStore.ts';
import { checkpointRow, eventRow, jobDetailRows, jobRow, type RowView } from './treeModel.ts';

/** A node of the view; `jobId` ties every node to its job. */
export type JobNode =
  | { kind: 'job'; jobId: string }
  | { kind: 'model' | 'error' | 'events' | 'checkpoints'; jobId: string }
  | { kind: 'event'; jobId: string; index: number }
  | { kind: 'checkpoint'; jobId: string; index: number }
  | { kind: 'message'; text: string };

export class JobsTreeProvider implements vscode.TreeDataProvider<JobNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<JobNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly jobNodes = new Map<string, JobNode>();
  private readonly unsubscribe: () => void;
  /** Shown as the only row when the list cannot be fetched (no key, service error). */
  private notice: string | undefined;

  constructor(
    private readonly store: JobStore,
    private readonly describe: (error: unknown) => string,
    private readonly now: () => number = Date.now,
  ) {
    // One change event for the whole tree keeps expanded groups' counts right too.
    this.unsubscribe = store.onChange(() => this.changed.fire(undefined));
  }

  setNotice(text: string | undefined): void {
    this.notice = text;
    this.changed.fire(undefined);
  }

  /** The node of a job (stable identity, so `reveal` works). */
  jobNode(jobId: string): JobNode {
    let node = this.jobNodes.get(jobId);
    if (!node) this.jobNodes.set(jobId, (node = { kind: 'job', jobId }));
    return node;
  }

  getTreeItem(node: JobNode): vscode.TreeItem {
    const view = this.view(node);
    const item = new vscode.TreeItem(view.label, view.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.iconPath = new vscode.ThemeIcon(view.icon, view.color ? new vscode.ThemeColor(view.color) : undefined);
    item.contextValue = view.contextValue;
    if (node.kind === 'job') item.id = `job:${node.jobId}`;
    return item;
  }

  /** The row a node shows (tests read labels and descriptions through this). */
  view(node: JobNode): RowView {
    if (node.kind === 'message') return { label: node.text, icon: 'info', contextValue: 'toolcallJob.message', collapsible: false };
    const job = this.store.get(node.jobId);
    if (!job) return { label: node.jobId, description: 'unknown job', icon: 'question', contextValue: 'toolcallJob.unknown', collapsible: false };
    switch (node.kind) {
      case 'job':
        return jobRow(job, this.now());
      case 'event':
        return eventRow(this.store.events(node.jobId)[node.index]!);
      case 'checkpoint':
        return checkpointRow(this.store.checkpoints(node.jobId)![node.index]!);
      default:
        return jobDetailRows(job, this.counts(node.jobId)).find((r) => r.kind === node.kind)!;
    }
  }

  async getChildren(node?: JobNode): Promise<JobNode[]> {
    if (!node) {
      if (this.notice) return [{ kind: 'message', text: this.notice }];
      return this.store.list().map((job) => this.jobNode(job.id));
    }
    const job = node.kind === 'message' ? undefined : this.store.get(node.jobId);
    if (!job || node.kind === 'message') return [];
    switch (node.kind) {
      case 'job':
        return jobDetailRows(job, this.counts(job.id)).map((r) => ({ kind: r.kind, jobId: job.id }));
      case 'events':
        return this.fetched(node.jobId, () => this.store.loadEvents(node.jobId), (n) => ({ kind: 'event', jobId: node.jobId, index: n }), !this.store.isWatching(node.jobId));
      case 'checkpoints':
        return this.fetched(node.jobId, () => this.store.loadCheckpoints(node.jobId), (n) => ({ kind: 'checkpoint', jobId: node.jobId, index: n }), true);
      default:
        return [];
    }
  }

  getParent(node: JobNode): JobNode | undefined {
    // Only job detail rows are ever revealed; events and checkpoints need no parent.
    if (node.kind === 'model' || node.kind === 'error' || node.kind === 'events' || node.kind === 'checkpoints') return this.jobNode(node.jobId);
    return undefined;
  }

  dispose(): void {
    this.unsubscribe();
    this.changed.dispose();
  }

  private counts(jobId: string): { events?: number; checkpoints?: number } {
    const events = this.store.events(jobId).length;
    return { events: events > 0 ? events : undefined, checkpoints: this.store.checkpoints(jobId)?.length };
  }

  /** Children from a load, or one message row saying why there are none. */
  private async fetched(jobId: string, load: () => Promise<readonly unknown[]>, node: (index: number) => JobNode, fetch: boolean): Promise<JobNode[]> {
    let items: readonly unknown[];
    try {
      // A watched job's events arrive through the watcher; others are fetched on expand.
      items = fetch ? await load() : this.store.events(jobId);
    } catch (error) {
      return [{ kind: 'message', text: this.describe(error) }];
    }
    if (items.length === 0) return [{ kind: 'message', text: 'None yet.' }];
    return items.map((_, i) => node(i));
  }
}
