// The file findings of the line cache as diagnostics: TC702 on each copy, TC703 once per
// drifted tool, positioned again only where the incremental file rules changed. A TC703 is
// counted when its tool's declarations change and positioned only when a list reaches it.
import { byLineThenName, type FileFinding } from '../core/checks/fileChecks.ts';
import type { Diagnostic, Finding } from '../core/checks/findings.ts';
import type { IncrementalFileRules } from '../core/checks/incrementalFileRules.ts';
import type { RuleCode, SeveritySetting } from '../core/checks/rules.ts';
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
  /** The severity `position` gives a finding with this code ('off': it drops it). */
  severity(code: RuleCode): SeveritySetting;
}

export class FileFindings {
  /** Checked lines holding file diagnostics (TC702). */
  private readonly withFileDiagnostics = new Set<CheckedLine>();
  /** TC703 per drifted tool name as last positioned, and the same in the order they are published (undefined: sort again). */
  private readonly byTool = new Map<string, DriftDiagnostics>();
  private order: DriftDiagnostics[] | undefined;
  /**
   * Tool names whose TC703 may have changed since it was positioned, with the severity it is
   * counted under meanwhile ('off': not counted). The first check of the real 50 MB bench file
   * positioned 620 TC703s that its capped publish (the first 1,001 of 40,590) never shows:
   * ~50 ms of the main thread's ~60 ms between the check and the publish.
   */
  private readonly unplaced = new Map<string, SeveritySetting>();

  /** `tally` counts every diagnostic this keeps, in and out. */
  constructor(
    private readonly rules: IncrementalFileRules<CheckedLine>,
    private readonly tally: Tally,
  ) {}

  /** The TC703 diagnostics by line, then tool name (as `FileRules.finish` orders them), positioned by `at` where they changed. */
  drifts(at: Positioner): DriftDiagnostics[] {
    for (const [name, counted] of this.unplaced) this.placeDrift(at, name, counted);
    this.unplaced.clear();
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
   * Brings the findings the changes since the last run may have changed up to date: positions
   * the copies (TC702) of the content an edit touched, counts the TC703 of the tools it
   * declares (`drifts` positions them); after lines moved, all of them.
   */
  refresh(at: Positioner): void {
    const changes = this.rules.takeChanges();
    if (changes.all) {
      for (const entry of [...this.withFileDiagnostics]) this.refreshLine(at, entry);
      for (const entry of this.rules.entriesWithFindings()) this.refreshLine(at, entry);
      const drifted = new Set(this.rules.driftedNames());
      for (const name of new Set([...this.byTool.keys(), ...this.unplaced.keys(), ...drifted])) this.countDrift(at, name, drifted.has(name));
      return;
    }
    for (const key of changes.content) for (const entry of this.rules.withContent(key)) this.refreshLine(at, entry);
    // A few names after an edit: asking each (a walk of its declarations) beats listing every drifted name.
    for (const name of changes.tools) this.countDrift(at, name, this.rules.driftOf(name) !== undefined);
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

  /** Counts one tool's TC703 as it is now (none when it no longer drifts); `drifts` positions it. */
  private countDrift(at: Positioner, name: string, drifted: boolean): void {
    this.uncount(name);
    this.order = undefined;
    const severity = drifted ? at.severity('TC703') : 'off';
    if (severity !== 'off') this.tally.count(severity, 1);
    this.unplaced.set(name, severity);
  }

  /** Takes a tool's TC703 out of the counts: as counted while unplaced, else as positioned. */
  private uncount(name: string): void {
    const counted = this.unplaced.get(name);
    if (counted === undefined) this.tally.add(this.byTool.get(name)?.diagnostics, -1);
    else if (counted !== 'off') this.tally.count(counted, -1);
  }

  /** One tool's TC703 (at the tool's name on the first line declaring it differently), or none when it no longer drifts; counted as positioned. */
  private placeDrift(at: Positioner, name: string, counted: SeveritySetting): void {
    if (counted !== 'off') this.tally.count(counted, -1);
    const drift = this.rules.driftOf(name);
    const cached = this.byTool.get(name);
    const text = drift === undefined || drift.line >= at.lineCount ? '' : at.lineText(drift.line);
    const key = drift === undefined ? '' : `${drift.line}\u0002${findingsKey([drift.finding])}`;
    // Another line declaring the tool changed, this finding did not: keep its diagnostic.
    if (drift !== undefined && cached?.key === key && cached.text === text) {
      this.tally.add(cached.diagnostics, 1);
      return;
    }
    if (drift === undefined) {
      this.byTool.delete(name);
      return;
    }
    const diagnostics = at.position(text, drift.line, [drift.finding]);
    this.tally.add(diagnostics, 1);
    this.byTool.set(name, { finding: drift, key, text, diagnostics });
  }
}
