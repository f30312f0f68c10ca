import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Severity } from '../core/checks/rules.ts';
import type { Diagnostic } from '../core/checks/findings.ts';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The published form: code, `source: 'toolcall'`, and `data` passed through for quick-fixes. */
export function toLspDiagnostic(d: Diagnostic, uri?: string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: { start: { line: d.line, character: d.start }, end: { line: d.line, character: d.end } },
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'toolcall',
    message: d.message,
  };
  if (d.data !== undefined) out.data = d.data;
  if (d.related && uri !== undefined) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri, range: { start: { line: r.line, character: r.start }, end: { line: r.line, character: r.end } } }, message: r.message }));
  }
  return out;
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
