// Cached diagnostics of the line cache: when a line's file findings changed (a key), when only
// their words did (a shape: the ranges can be reused), and restamping after lines moved.
import type { Diagnostic, Finding } from '../core/checks/findings.ts';
import { relatedOf } from '../core/validate.ts';

/** File findings on an unchanged line depend on the line's content and on what the message says. */
export function findingsKey(findings: Finding[]): string {
  return findings.map((f) => `${f.code}\u0000${f.message}\u0000${f.data ? JSON.stringify(f.data) : ''}`).join('\u0001');
}

/** What positioning depends on: the codes (severity) and targets (ranges), not the messages. */
export function findingsShape(findings: Finding[]): string {
  return findings.map((f) => `${f.code}\u0000${JSON.stringify(f.target)}`).join('\u0001');
}

/**
 * Same shape, new words (a first occurrence moved): reuse the ranges. Positioning keeps
 * findings in order and drops those whose code is off, so matching by code in order is exact.
 */
export function reword(previous: Diagnostic[], findings: Finding[], line: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  let j = 0;
  for (const finding of findings) {
    const old = previous[j];
    if (old === undefined || old.code !== finding.code) continue;
    j++;
    const diagnostic: Diagnostic = { line, start: old.start, end: old.end, severity: old.severity, code: finding.code, message: finding.message };
    if (finding.data) diagnostic.data = finding.data;
    if (finding.related) diagnostic.related = relatedOf(finding.related, line);
    out.push(diagnostic);
  }
  return out;
}

/** Adds a line's cached diagnostics, restamped (and stored back) when the line moved. */
export function pushStamped(out: Diagnostic[], diagnostics: Diagnostic[], line: number, store: (restamped: Diagnostic[]) => void): void {
  if (diagnostics.length === 0) return;
  if (diagnostics[0]!.line !== line) {
    diagnostics = diagnostics.map((d) => ({ ...d, line }));
    store(diagnostics);
  }
  for (const d of diagnostics) out.push(d);
}
