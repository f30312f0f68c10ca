// Cached diagnostics of the line cache: one checked line's record, when its file findings
// changed (a key), when only their words did (a shape: the ranges can be reused), restamping
// after lines moved, and the running counts by severity.
import type { Diagnostic, Finding } from '../core/checks/findings.ts';
import type { FileRuleEntry } from '../core/checks/incrementalFileRules.ts';
import type { LineFacts } from '../core/checks/lineFacts.ts';
import type { Severity } from '../core/checks/rules.ts';
import { relatedOf } from '../core/validate.ts';
import type { PackedDiagnostics } from './packedResults.ts';

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
  private list: Diagnostic[] | undefined;
  /** Diagnostics checked on another thread and not read yet: most of a big file's are never read (a publish is capped). */
  private packed: PackedDiagnostics | undefined;

  constructor(
    public index: number,
    public role: Role,
    diagnostics: Diagnostic[] | PackedDiagnostics,
    readonly facts: LineFacts,
  ) {
    if (Array.isArray(diagnostics)) {
      this.list = diagnostics;
      this.packed = undefined;
    } else {
      this.list = undefined;
      this.packed = diagnostics;
    }
  }

  /** Per-line diagnostics; their `line` is restamped when lines above are inserted or deleted. */
  get diagnostics(): Diagnostic[] {
    if (this.list === undefined) {
      this.list = JSON.parse(this.packed!.json) as Diagnostic[];
      this.packed = undefined;
    }
    return this.list;
  }

  set diagnostics(list: Diagnostic[]) {
    this.list = list;
    this.packed = undefined;
  }

  /** The line has per-line diagnostics (read without unpacking them). */
  get hasDiagnostics(): boolean {
    return this.list === undefined || this.list.length !== 0;
  }

  /** Counts the per-line diagnostics into `tally` (sign 1) or out of it (-1), without unpacking them. */
  countInto(tally: Tally, sign: 1 | -1): void {
    const packed = this.packed;
    if (packed === undefined) tally.add(this.list, sign);
    else tally.addCounts(packed, sign);
  }
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

  /** Counts in (sign 1) or out (-1) diagnostics known only by their numbers per severity. */
  addCounts(counts: Readonly<Record<Severity, number>>, sign: 1 | -1): void {
    this.total += sign * (counts.error + counts.warning + counts.info + counts.hint);
    this.error += sign * counts.error;
    this.warning += sign * counts.warning;
    this.info += sign * counts.info;
    this.hint += sign * counts.hint;
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
