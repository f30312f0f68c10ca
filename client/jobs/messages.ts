// Texts of the launch dialogs, pure so their exact wording is tested.
import type { OverlapLine } from '../../core/jobs/overlap.ts';
import type { PreflightResult } from '../../core/jobs/preflight.ts';
import { plural } from '../../core/text/plural.ts';

/** `name:line:col code message` for the first `max` problems of one severity, and how many more. */
export function problemLines(name: string, result: PreflightResult, severity: 'error' | 'warning', max = 10): string[] {
  const matching = result.problems.filter((d) => d.severity === severity);
  const total = severity === 'error' ? result.summary.error : result.summary.warning;
  const lines = matching.slice(0, max).map((d) => `${name}:${d.line + 1}:${d.start + 1} ${d.code} ${d.message}`);
  if (total > lines.length) lines.push(`... and ${total - lines.length} more.`);
  return lines;
}


/** The modal title when a file has errors. */
export function refusalTitle(name: string, errors: number): string {
  return `${name} has ${plural(errors, 'error')}; fix ${errors === 1 ? 'it' : 'them'} before launching a fine-tuning job.`;
}

/** The modal title when a file has only warnings. */
export function warningTitle(name: string, warnings: number): string {
  return `${name} has ${plural(warnings, 'warning')}. Launch the fine-tuning job anyway?`;
}

/** The warning about validation examples that are also training examples. */
export function overlapText(training: string, validation: string, overlap: readonly OverlapLine[], max = 10): { title: string; detail: string } {
  const shown = overlap.slice(0, max).map((o) => `${validation}:${o.validationLine + 1} is line ${o.trainingLine + 1} of ${training}`);
  if (overlap.length > shown.length) shown.push(`... and ${overlap.length - shown.length} more.`);
  return {
    title: `${plural(overlap.length, 'validation example')} ${overlap.length === 1 ? 'is' : 'are'} also in the training file; the validation loss will look better than it is. Launch anyway?`,
    detail: shown.join('\n'),
  };
}
