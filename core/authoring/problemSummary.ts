// The per-line problem summary shown at the start of a long line (issue 17): examples are
// often thousands of characters long and their problems sit far to the right, where no
// squiggle is visible on open. Pure: the server turns it into an inlay hint at column 0.
import type { Diagnostic } from '../checks/findings.ts';
import { plural } from '../text/plural.ts';

/** When the summary is shown (setting `toolcall.problemSummary`). */
export type ProblemSummaryMode = 'longLines' | 'always' | 'off';

export const PROBLEM_SUMMARY_MODES: readonly ProblemSummaryMode[] = ['longLines', 'always', 'off'];

/** Lines longer than this count as long: a problem past it is usually out of view. */
export const LONG_LINE_CHARS = 120;

/** Most problems named in one summary; the rest are counted ("+2 more"). */
export const MAX_NAMED = 3;

/** One named problem of the summary: its code and a word from its message, and where it is. */
export interface SummaryPart {
  text: string;
  start: number;
  end: number;
  message: string;
}

export interface ProblemSummary {
  /** `2 errors, 1 warning:` */
  head: string;
  parts: SummaryPart[];
  /** `+2 more`, or '' */
  more: string;
}


/** The first quoted name of a message ("get_wether" in 'Call to undeclared tool `get_wether`; ...'), cut to 24 characters. */
export function subjectOf(message: string): string {
  const quoted = /[`"']([^`"'\s][^`"']{0,60}?)[`"']/.exec(message)?.[1];
  if (!quoted) return '';
  return quoted.length > 24 ? `${quoted.slice(0, 23)}…` : quoted;
}

/**
 * The summary of one line's errors and warnings, in column order; undefined when the line has
 * none or the mode says not to show it (`longLines`: only lines over LONG_LINE_CHARS).
 */
export function problemSummary(diagnostics: readonly Diagnostic[], lineLength: number, mode: ProblemSummaryMode): ProblemSummary | undefined {
  if (mode === 'off' || (mode === 'longLines' && lineLength <= LONG_LINE_CHARS)) return undefined;
  const shown = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  if (shown.length === 0) return undefined;
  const errors = shown.filter((d) => d.severity === 'error').length;
  const warnings = shown.length - errors;
  const head = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ') + ':';
  const parts = shown.slice(0, MAX_NAMED).map((d) => {
    const subject = subjectOf(d.message);
    return { text: subject ? `${d.code} ${subject}` : d.code, start: d.start, end: d.end, message: d.message };
  });
  return { head, parts, more: shown.length > MAX_NAMED ? `+${shown.length - MAX_NAMED} more` : '' };
}

/** The summary as one string, as the editor shows it: `2 errors: TC505 get_wether · TC513 unit`. */
export function summaryText(summary: ProblemSummary): string {
  return [summary.head, summary.parts.map((p) => p.text).join(' · '), summary.more].filter(Boolean).join(' ');
}
