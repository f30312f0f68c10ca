import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Severity } from '../core/checks/rules.ts';
import type { Diagnostic } from '../core/validate.ts';

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

/** Counts for the status bar. */
export function countSeverities(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else if (d.severity === 'info') infos++;
  }
  return { errors, warnings, infos };
}
