import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Severity } from '../core/checks/rules.ts';
import type { Diagnostic } from '../core/checks/findings.ts';
import { moreNote } from '../core/checks/diagnosticCap.ts';
import type { SeverityOverrides } from '../core/checks/rules.ts';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The published form: range, severity, code, `source: 'toolcall'`, message and related places.
 * A finding's `data` stays in the server: a quick-fix checks its line again and finds the
 * finding with its data there (core/authoring/quickFixes), so sending it was only weight
 * (a quarter of the 405 KB each edit of the real 50 MB bench file published).
 */
export function toLspDiagnostic(d: Diagnostic, uri?: string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: { start: { line: d.line, character: d.start }, end: { line: d.line, character: d.end } },
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'toolcall',
    message: d.message,
  };
  if (d.related && uri !== undefined) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri, range: { start: { line: r.line, character: r.start }, end: { line: r.line, character: r.end } } }, message: r.message }));
  }
  return out;
}

const published = new WeakMap<Diagnostic, { uri: string; lsp: LspDiagnostic }>();

/**
 * `toLspDiagnostic(d, uri)`, the same object each time for the same diagnostic (the cache
 * replaces a diagnostic when its line changes, never edits one): its JSON is then written once
 * over stdio (messageEncoder.ts), not again on every publish. Never change what it returns.
 */
export function publishedForm(d: Diagnostic, uri: string): LspDiagnostic {
  const known = published.get(d);
  if (known !== undefined && known.uri === uri) return known.lsp;
  const lsp = toLspDiagnostic(d, uri);
  published.set(d, { uri, lsp });
  return lsp;
}

/** How many diagnostics `capFirst` needs from the head of the list to cap it at `max`. */
export const headFor = (max: number) => Math.max(1, Math.floor(max)) + 1;

/**
 * `capDiagnostics(all, max)` from the head of the list only: `head` holds the first
 * `headFor(max)` of the `total` diagnostics (all of them when fewer), so a publish never
 * builds the whole list.
 */
export function capFirst(head: readonly Diagnostic[], total: number, max: number, overrides?: SeverityOverrides): Diagnostic[] {
  const limit = Math.max(1, Math.floor(max));
  if (total <= limit) return head.slice(0, total);
  const shown = head.slice(0, limit);
  const note = moreNote(total - limit, head[limit]!.line, limit, overrides);
  if (note) shown.push(note);
  return shown;
}

/** Counts for the status bar, over one or more lists (no copy of a long one). */
export function countSeverities(...lists: (readonly Diagnostic[])[]): { errors: number; warnings: number; infos: number } {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const list of lists) {
    for (const d of list) {
      if (d.severity === 'error') counts.errors++;
      else if (d.severity === 'warning') counts.warnings++;
      else if (d.severity === 'info') counts.infos++;
    }
  }
  return counts;
}
