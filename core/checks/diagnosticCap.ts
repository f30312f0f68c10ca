import { severityOf, type SeverityOverrides } from './rules.ts';
import type { Diagnostic } from './findings.ts';
import { plural } from '../text/plural.ts';

/**
 * Keeps the first `max` diagnostics (line order) and, when some are dropped, adds a TC704
 * note on the first hidden one's line saying how many more there are.
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], max: number, overrides?: SeverityOverrides): Diagnostic[] {
  const limit = Math.max(1, Math.floor(max));
  if (diagnostics.length <= limit) return diagnostics.slice();
  const shown = diagnostics.slice(0, limit);
  const note = moreNote(diagnostics.length - limit, diagnostics[limit]!.line, limit, overrides);
  if (note) shown.push(note);
  return shown;
}

/** The TC704 note, or undefined when the rule is turned off. */
export function moreNote(hidden: number, line: number, limit: number, overrides?: SeverityOverrides): Diagnostic | undefined {
  const severity = severityOf('TC704', overrides);
  if (severity === 'off' || hidden <= 0) return undefined;
  return {
    line,
    start: 0,
    end: 0,
    severity,
    code: 'TC704',
    message: `${plural(hidden, 'more problem')} not shown (showing the first ${limit}); fix these, raise toolcall.maxDiagnostics, or run "Toolcall: Validate File on Disk".`,
    data: { hidden, limit },
  };
}

/** Keeps the first `max` diagnostics of a stream with bounded memory, counting the rest. */
export class CappedCollector {
  readonly shown: Diagnostic[] = [];
  hidden = 0;
  private firstHiddenLine = 0;

  constructor(readonly max: number) {}

  add(d: Diagnostic): void {
    if (this.shown.length < Math.max(1, Math.floor(this.max))) this.shown.push(d);
    else if (this.hidden++ === 0) this.firstHiddenLine = d.line;
  }

  result(overrides?: SeverityOverrides): Diagnostic[] {
    const note = moreNote(this.hidden, this.firstHiddenLine, this.shown.length, overrides);
    return note ? [...this.shown, note] : this.shown;
  }
}
