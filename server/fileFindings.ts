// The file findings of the line cache as diagnostics: TC702 on each copy, TC703 once per
// drifted tool, positioned again only where the incremental file rules changed.
import { byLineThenName, type FileFinding } from '../core/checks/fileChecks.ts';
import type { Diagnostic, Finding } from '../core/checks/findings.ts';
import type { IncrementalFileRules } from '../core/checks/incrementalFileRules.ts';
import { findingsKey, findingsShape, reword, type CheckedLine, type Tally } from './cachedDiagnostics.ts';

/** A drifted tool's TC703, positioned (kept until the tool's declarations or line numbers change). */
export interface DriftDiagnostics {
  finding: FileFinding;
  /** What positioning read: the finding (line, words, data) and the text of its line. */
  key: string;
  text: string;
  diagnostics: Diagnostic[];
}

/** What positioning needs of the document and the validator, for one run. */
export interface Positioner {
  lineCount: number;
  lineText(index: number): string;
  position(text: string, index: number, findings: Finding[]): Diagnostic[];
}

export class FileFindings {
  /** Checked lines holding file diagnostics (TC702). */
  private readonly withFileDiagnostics = new Set<CheckedLine>();
  /** TC703 per drifted tool name, and the same in the order they are published (undefined: sort again). */
  private readonly byTool = new Map<string, DriftDiagnostics>();
  private order: DriftDiagnostics[] | undefined;

  /** `tally` counts every diagnostic this keeps, in and out. */
  constructor(
    private readonly rules: IncrementalFileRules<CheckedLine>,
    private readonly tally: Tally,
  ) {}

  /** The TC703 diagnostics by line, then tool name (as `FileRules.finish` orders them). */
  drifts(): DriftDiagnostics[] {
    return (this.order ??= [...this.byTool.values()].sort((a, b) => byLineThenName(a.finding, b.finding)));
  }

  /** The lines holding TC702 diagnostics now. */
  lines(): ReadonlySet<CheckedLine> {
    return this.withFileDiagnostics;
  }

  /** A line left the cache (the rules already dropped it). */
  forget(entry: CheckedLine): void {
    this.withFileDiagnostics.delete(entry);
  }

  /**
   * Positions again the findings the changes since the last run may have changed: the copies
   * of the content an edit touched and the tools it declares; after lines moved, all of them.
   */
  refresh(at: Positioner): void {
    const changes = this.rules.takeChanges();
    if (changes.all) {
      for (const entry of [...this.withFileDiagnostics]) this.refreshLine(at, entry);
      for (const entry of this.rules.entriesWithFindings()) this.refreshLine(at, entry);
      for (const name of new Set([...this.byTool.keys(), ...this.rules.driftedNames()])) this.refreshDrift(at, name);
      return;
    }
    for (const key of changes.content) for (const entry of this.rules.withContent(key)) this.refreshLine(at, entry);
    for (const name of changes.tools) this.refreshDrift(at, name);
  }

  /** A line's file findings (TC702), positioned again only when they changed, reworded when only their words did. */
  private refreshLine(at: Positioner, entry: CheckedLine): void {
    const i = entry.index;
    if (!this.rules.hasFindings(entry)) {
      this.tally.add(entry.fileDiagnostics, -1);
      entry.fileKey = entry.fileShape = entry.fileDiagnostics = undefined;
      this.withFileDiagnostics.delete(entry);
      return;
    }
    const findings = this.rules.findings(entry);
    const key = findingsKey(findings);
    if (entry.fileKey !== key || entry.fileDiagnostics === undefined) {
      const shape = findingsShape(findings);
      this.tally.add(entry.fileDiagnostics, -1);
      entry.fileDiagnostics = entry.fileShape === shape && entry.fileDiagnostics !== undefined ? reword(entry.fileDiagnostics, findings, i) : at.position(at.lineText(i), i, findings);
      this.tally.add(entry.fileDiagnostics, 1);
      entry.fileKey = key;
      entry.fileShape = shape;
    }
    this.withFileDiagnostics.add(entry);
  }

  /** One tool's TC703 (at the tool's name on the first line declaring it differently), or none when it no longer drifts. */
  private refreshDrift(at: Positioner, name: string): void {
    const drift = this.rules.driftOf(name);
    const cached = this.byTool.get(name);
    const text = drift === undefined || drift.line >= at.lineCount ? '' : at.lineText(drift.line);
    const key = drift === undefined ? '' : `${drift.line}\u0002${findingsKey([drift.finding])}`;
    // Another line declaring the tool changed, this finding did not: keep its diagnostic.
    if (drift !== undefined && cached?.key === key && cached.text === text) return;
    this.order = undefined;
    this.tally.add(cached?.diagnostics, -1);
    if (drift === undefined) {
      this.byTool.delete(name);
      return;
    }
    const diagnostics = at.position(text, drift.line, [drift.finding]);
    this.tally.add(diagnostics, 1);
    this.byTool.set(name, { finding: drift, key, text, diagnostics });
  }
}
