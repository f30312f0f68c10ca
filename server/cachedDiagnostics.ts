// Cached diagnostics of the line cache: one checked line's record, when its file findings
// changed (a key), when only their words did (a shape: the ranges can be reused), restamping
// after lines moved, and the running counts by severity.
import type { Diagnostic, Finding } from '../core/checks/findings.ts';
import type { FileRuleEntry } from '../core/checks/incrementalFileRules.ts';
import type { LineFacts } from '../core/checks/lineFacts.ts';
import type { Severity } from '../core/checks/rules.ts';
import { relatedOf } from '../core/validate.ts';

/** Where a line sat when it was checked: line 0 words a BOM finding differently, and the core does not count a final empty line. */
export type Role = 'first' | 'middle' | 'phantom';

/**
 * One checked line. A class with every field set up front: all records share one shape, so
 * walking tens of thousands of them (collecting, counting) stays on V8's fast paths.
 */
export class CheckedLine implements FileRuleEntry {
  inFileRules = false;
  /** File-level findings last positioned on this line (their identity) and their diagnostics. */
  fileKey: string | undefined = undefined;
  /** Codes and targets of those findings: equal shapes keep their ranges, only messages change. */
  fileShape: string | undefined = undefined;
  fileDiagnostics: Diagnostic[] | undefined = undefined;

  constructor(
    public index: number,
    public role: Role,
    /** Per-line diagnostics; their `line` is restamped when lines above are inserted or deleted. */
    public diagnostics: Diagnostic[],
    readonly facts: LineFacts,
  ) {}
}

/** Diagnostics counted by severity, kept up to date as lists come and go. */
export class Tally {
  total = 0;
  error = 0;
  warning = 0;
  info = 0;
  hint = 0;

  /** Counts `list` in (sign 1) or out (sign -1). */
  add(list: readonly Diagnostic[] | undefined, sign: 1 | -1): void {
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) this.count(list[i]!.severity, sign);
  }

  count(severity: Severity, sign: 1 | -1): void {
    this.total += sign;
    if (severity === 'error') this.error += sign;
    else if (severity === 'warning') this.warning += sign;
    else if (severity === 'info') this.info += sign;
    else if (severity === 'hint') this.hint += sign;
  }
}

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
