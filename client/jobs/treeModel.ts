// What each row of the Fine-tuning Jobs view shows, as plain data: the tree provider turns
// these into TreeItems. Pure, so labels, icons and menus' context values are unit-tested.
import type { FineTuningJob, FineTuningJobCheckpoint, FineTuningJobEvent } from '../../core/openai/client.ts';
import { plural } from '../../core/text/plural.ts';

/** A row: enough for a vscode.TreeItem. `icon` is a codicon id, `color` a theme color id. */
export interface RowView {
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  color?: string;
  /** For `view/item/context` menus (`viewItem == ...`). */
  contextValue: string;
  collapsible: boolean;
}

/** Codicon and theme color per status; active ones spin. */
export const STATUS_ICONS: Record<FineTuningJob['status'], { icon: string; color?: string }> = {
  validating_files: { icon: 'loading~spin' },
  queued: { icon: 'clock' },
  running: { icon: 'sync~spin', color: 'charts.blue' },
  succeeded: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'testing.iconFailed' },
  cancelled: { icon: 'circle-slash', color: 'disabledForeground' },
};

/** `toolcallJob.active`, `.succeeded`, `.failed`, `.cancelled`: what the menus test. */
export function jobContextValue(status: string): string {
  if (status === 'validating_files' || status === 'queued' || status === 'running') return 'toolcallJob.active';
  return `toolcallJob.${status}`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" from seconds since the epoch. */
export function formatAge(createdAtSeconds: number, nowMs: number): string {
  const s = Math.max(0, Math.floor(nowMs / 1000 - createdAtSeconds));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86_400);
  return `${plural(days, 'day')} ago`;
}

/** `12,345` with English digit grouping, whatever the machine's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `2023-11-14 22:13:20` (UTC) from seconds since the epoch. */
export function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/** A metric to 4 decimals without trailing zeros. */
export function formatMetric(x: number): string {
  return String(Math.round(x * 10_000) / 10_000);
}

/** One job: label the model (and suffix), description status · age · tokens. */
export function jobRow(job: FineTuningJob, nowMs: number): RowView {
  const suffix = (job as { user_provided_suffix?: string | null }).user_provided_suffix;
  const parts: string[] = [job.status.replace('_', ' '), formatAge(job.created_at, nowMs)];
  if (typeof job.trained_tokens === 'number') parts.push(`${formatCount(job.trained_tokens)} tokens`);
  const tooltip = [
    `${job.id}`,
    `Status: ${job.status}`,
    `Base model: ${job.model}`,
    `Fine-tuned model: ${job.fine_tuned_model ?? '-'}`,
    `Created: ${formatTime(job.created_at)} UTC`,
    ...(job.finished_at ? [`Finished: ${formatTime(job.finished_at)} UTC`] : []),
    `Training file: ${job.training_file}`,
    ...(job.validation_file ? [`Validation file: ${job.validation_file}`] : []),
    ...(typeof job.trained_tokens === 'number' ? [`Trained tokens: ${formatCount(job.trained_tokens)}`] : []),
    ...(job.error?.message ? [`Error: ${job.error.message}`] : []),
  ].join('\n');
  const { icon, color } = STATUS_ICONS[job.status] ?? { icon: 'circle-outline' };
  return { label: suffix ? `${job.model} (${suffix})` : job.model, description: parts.join(' · '), tooltip, icon, color, contextValue: jobContextValue(job.status), collapsible: true };
}

/** The fixed children of a job: the model or the error, then the two groups. */
export function jobDetailRows(job: FineTuningJob, counts: { events?: number; checkpoints?: number }): Array<RowView & { kind: 'model' | 'error' | 'events' | 'checkpoints' }> {
  const rows: Array<RowView & { kind: 'model' | 'error' | 'events' | 'checkpoints' }> = [];
  if (job.fine_tuned_model) rows.push({ kind: 'model', label: job.fine_tuned_model, description: 'fine-tuned model', icon: 'sparkle', contextValue: 'toolcallJob.model', collapsible: false });
  if (job.error?.message) rows.push({ kind: 'error', label: job.error.message, description: job.error.code ?? undefined, tooltip: job.error.message, icon: 'error', color: 'errorForeground', contextValue: 'toolcallJob.error', collapsible: false });
  const count = (n: number | undefined) => (n === undefined ? undefined : String(n));
  rows.push({ kind: 'events', label: 'Events', description: count(counts.events), icon: 'list-unordered', contextValue: 'toolcallJob.events', collapsible: true });
  rows.push({ kind: 'checkpoints', label: 'Checkpoints', description: count(counts.checkpoints), icon: 'milestone', contextValue: 'toolcallJob.checkpoints', collapsible: true });
  return rows;
}

const EVENT_ICONS: Record<string, { icon: string; color?: string }> = {
  info: { icon: 'info' },
  warn: { icon: 'warning', color: 'editorWarning.foreground' },
  error: { icon: 'error', color: 'errorForeground' },
};

/** One event: its message, time, and a chart icon for metrics. */
export function eventRow(event: FineTuningJobEvent): RowView {
  const { icon, color } = event.type === 'metrics' ? { icon: 'graph-line', color: undefined } : (EVENT_ICONS[event.level] ?? { icon: 'info' });
  return { label: event.message, description: formatTime(event.created_at), tooltip: `${event.level}: ${event.message}`, icon, color, contextValue: 'toolcallJob.event', collapsible: false };
}

const METRIC_NAMES: Array<[keyof FineTuningJobCheckpoint['metrics'], string]> = [
  ['train_loss', 'train loss'],
  ['train_mean_token_accuracy', 'train acc'],
  ['valid_loss', 'valid loss'],
  ['valid_mean_token_accuracy', 'valid acc'],
  ['full_valid_loss', 'full valid loss'],
  ['full_valid_mean_token_accuracy', 'full valid acc'],
];

/** `train loss 0.1234 · train acc 0.91 ...`, only the metrics present. */
export function metricsText(metrics: FineTuningJobCheckpoint['metrics']): string {
  return METRIC_NAMES.filter(([key]) => typeof metrics[key] === 'number')
    .map(([key, name]) => `${name} ${formatMetric(metrics[key] as number)}`)
    .join(' · ');
}

/** One checkpoint: step and metrics; its model name in the tooltip. */
export function checkpointRow(checkpoint: FineTuningJobCheckpoint): RowView {
  return {
    label: `Step ${checkpoint.step_number}`,
    description: metricsText(checkpoint.metrics),
    tooltip: `${checkpoint.fine_tuned_model_checkpoint}\n${metricsText(checkpoint.metrics)}`,
    icon: 'milestone',
    contextValue: 'toolcallJob.checkpoint',
    collapsible: false,
  };
}

/** A job ended: the notification text. */
export function endMessage(job: FineTuningJob): string {
  if (job.status === 'succeeded') return `Fine-tuning job ${job.id} succeeded: ${job.fine_tuned_model ?? 'no model name given'}.`;
  if (job.status === 'failed') return `Fine-tuning job ${job.id} failed: ${job.error?.message ?? 'no reason given'}`;
  return `Fine-tuning job ${job.id} was ${job.status}.`;
}
