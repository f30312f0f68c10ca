import { IncrementalFileRules } from '../core/checks/incrementalFileRules.ts';
import { FileFindings, type Positioner } from './fileFindings.ts';
import { severityOf } from '../core/checks/rules.ts';
import type { Diagnostic, Finding } from '../core/checks/findings.ts';
import type { CheckJob } from './checkWorker.ts';
import type { CacheValidation, DiagnosticCounts, LineChecker, LineSource, ValidateOptions } from './lineCacheTypes.ts';
import type { LineResult } from './packedResults.ts';
import { checkedLine, lineFromResult, positioned } from './lineRecords.ts';
import type { BigLineChecker } from './bigLines.ts';
import { dealLines, PARALLEL_MIN_LINES, WORKER_SHARE } from './parallelSplit.ts';
import { CheckedLine, pushStamped, Tally, type Role } from './cachedDiagnostics.ts';

/** One validation in progress: what it checks with, and its counters. */
interface Run {
  source: LineSource;
  validator: LineChecker;
  options: ValidateOptions;
  /** The document's version when the run started. */
  version: number;
  /** Lines of the document (LSP's count) and of the core (without a final empty line). */
  count: number;
  counted: number;
  /** Yield after this many checked lines, or this many ms of work (ValidateOptions, defaulted). */
  yieldEvery: number;
  yieldAfterMs: number;
  /** Lines checked in this run; since the last yield; when that was. */
  checked: number;
  sinceYield: number;
  lastYield: number;
}

const NOTHING: Diagnostic[] = [];
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Per-line results of one document. The document tells it which lines each edit replaced
 * (`splice`): those become `undefined`, "to check", and leave the file-level groups; lines
 * below keep their results and are renumbered. A validation checks only the pending lines
 * (a dirty range, not a scan of the file), adds them to the incremental file rules
 * (duplicates, drifted declarations), then collects the diagnostics of the lines that have
 * any, positioning a line's file findings again only when they changed: after a one-line
 * edit the work follows the edit and the number of problems, not the size of the file.
 * The lines are the core's (LF and CRLF end a line, a lone CR does not): the document reports
 * its edits in those lines (`coreLinesOf`, `LineDocument.update`).
 */
export class LineCache {
  private lines: (CheckedLine | undefined)[];
  private rules = new IncrementalFileRules<CheckedLine>();
  /** Lines from `dirtyFrom` to `dirtyTo` (exclusive) may be pending; none outside. */
  private dirtyFrom = 0;
  private dirtyTo: number;
  /** Every cached diagnostic (per line, TC702, TC703; not TC701) counted by severity. */
  private tally = new Tally();
  /** Checked lines with per-line diagnostics (a file with few problems is read through these, not walked). */
  private withDiagnostics = new Set<CheckedLine>();
  /** The positioned file findings (TC702 per line, TC703 per tool), kept as the rules change. */
  private fileFindings = new FileFindings(this.rules, this.tally);
  /** Checked lines whose role is not 'middle' (they are checked again when their role changes). */
  private special = new Set<CheckedLine>();
  /** Lines checked since the cache was created (tests count re-checks with it). */
  checks = 0;
  /** Tool names and keys of facts from other threads, one copy each (cleared on reset). */
  private strings = new Map<string, string>();

  constructor(lineCount = 0) {
    this.lines = new Array(lineCount).fill(undefined);
    this.dirtyTo = lineCount;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Lines that will be checked by the next validation. */
  pendingLines(): number[] {
    const pending: number[] = [];
    for (let i = 0; i < this.lines.length; i++) if (this.lines[i] === undefined) pending.push(i);
    return pending;
  }

  /** `deleteCount` lines at `start` were replaced by `insertCount` lines (to be checked). */
  splice(start: number, deleteCount: number, insertCount: number): void {
    for (let i = start; i < start + deleteCount && i < this.lines.length; i++) {
      const entry = this.lines[i];
      if (entry) this.forget(entry);
    }
    const shift = insertCount - deleteCount;
    // Line numbers below moved: the file findings that name them read differently.
    if (shift !== 0) this.rules.moveLines();
    if (this.dirtyFrom < this.dirtyTo) {
      if (this.dirtyTo > start + deleteCount) this.dirtyTo += shift;
      else if (this.dirtyTo > start) this.dirtyTo = start;
      this.dirtyFrom = Math.min(this.dirtyFrom, start);
      this.dirtyTo = Math.max(this.dirtyTo, start + insertCount);
    } else {
      this.dirtyFrom = start;
      this.dirtyTo = start + insertCount;
    }
    if (shift === 0) {
      for (let i = start; i < start + insertCount; i++) this.lines[i] = undefined;
      return;
    }
    if (insertCount < 10_000) {
      this.lines.splice(start, deleteCount, ...new Array<undefined>(insertCount));
    } else {
      // Spreading a huge paste into splice() would overflow the call stack.
      this.lines = this.lines.slice(0, start).concat(new Array(insertCount).fill(undefined), this.lines.slice(start + deleteCount));
    }
    // The file rules read line numbers from the entries: keep them current.
    for (let i = start + insertCount; i < this.lines.length; i++) {
      const entry = this.lines[i];
      if (entry) entry.index = i;
    }
  }

  /** After the document changed: when its line count disagrees with ours, start over rather than guess. */
  sync(lineCount: number): boolean {
    if (lineCount === this.lines.length) return true;
    this.reset(lineCount);
    return false;
  }

  /** Every line must be checked again (new settings, new tools file). */
  invalidateAll(): void {
    this.reset(this.lines.length);
  }

  reset(lineCount: number): void {
    this.lines = new Array(lineCount).fill(undefined);
    this.rules = new IncrementalFileRules<CheckedLine>();
    this.tally = new Tally();
    this.withDiagnostics = new Set();
    this.fileFindings = new FileFindings(this.rules, this.tally);
    this.special = new Set();
    this.strings = new Map();
    this.dirtyFrom = 0;
    this.dirtyTo = lineCount;
  }

  /**
   * Checks the lines that need it and collects all diagnostics with the file-level findings.
   * Yields between chunks; returns undefined when cancelled or when the document changed
   * meanwhile (lines checked so far stay cached).
   */
  async validate(source: LineSource, validator: LineChecker, options: ValidateOptions = {}): Promise<CacheValidation | undefined> {
    this.sync(source.lineCount);
    const count = this.lines.length;
    const counted = count > 0 && source.lineText(count - 1) === '' ? count - 1 : count;
    const { yieldEvery = 2000, yieldAfterMs = 10 } = options;
    const run: Run = { source, validator, options, version: source.version, count, counted, yieldEvery, yieldAfterMs, checked: 0, sinceYield: 0, lastYield: performance.now() };
    this.recheckMovedRoles(run);
    if (!(await this.checkPending(run))) return undefined;
    this.dirtyFrom = this.dirtyTo = 0;
    if (options.token?.isCancellationRequested) return undefined;
    return this.result(run);
  }

  /** A line's role in this run: the first line, the final empty LSP line, or any other. */
  private roleAt(run: Run, i: number): Role {
    return i === run.counted ? 'phantom' : i === 0 ? 'first' : 'middle';
  }

  /** Lines whose role changed (a new first line, a new final line), wherever they are now, are checked again. */
  private recheckMovedRoles(run: Run): void {
    const moved = [...this.special].filter((e) => this.lines[e.index] === e && e.role !== this.roleAt(run, e.index)).map((e) => e.index);
    for (const i of [0, run.counted]) if (i < run.count && this.lines[i] !== undefined && this.lines[i]!.role !== this.roleAt(run, i)) moved.push(i);
    for (const i of moved) if (this.lines[i]?.role !== this.roleAt(run, i)) this.checkAt(run, i);
  }

  /**
   * Checks the pending lines of the dirty range, yielding when due. A big range deals part of
   * its lines to another thread (`dealLines`) while this one checks the rest; their results are
   * placed as they are ready, the rest once this thread is done. False when cancelled or
   * changed meanwhile.
   */
  private async checkPending(run: Run): Promise<boolean> {
    const from = Math.max(0, this.dirtyFrom);
    const to = Math.min(run.count, this.dirtyTo);
    let elsewhere: Uint8Array | undefined;
    let job: CheckJob | undefined;
    const parallel = run.options.parallel;
    if (parallel && to - from >= (parallel.minLines ?? PARALLEL_MIN_LINES)) {
      const big = run.options.bigLines;
      const here = (i: number) => this.lines[i] !== undefined || this.roleAt(run, i) !== 'middle';
      elsewhere = dealLines(run.source.lineText.bind(run.source), from, to, parallel.share ?? WORKER_SHARE, here, (text) => big !== undefined && big.takes(text));
      const texts: string[] = [];
      const indices: number[] = [];
      for (let i = from; i < to; i++) {
        if (elsewhere[i - from] === 0) continue;
        texts.push(run.source.lineText(i));
        indices.push(i);
      }
      job = parallel.checker(texts, indices, parallel.options);
    }
    const bigLines = run.options.bigLines;
    const sentAhead = bigLines ? this.sendBigLinesAhead(run, from, to, bigLines, elsewhere) : undefined;
    // The other thread's lines not ready when this one passed them, in order: the range is done only after them.
    const later: number[] = [];
    let placedLater = 0;
    const resumeAt = (next: number) => (placedLater < later.length ? later[placedLater]! : next);
    try {
      for (let i = from; i < to; i++) {
        if (this.lines[i] !== undefined) continue;
        if (elsewhere !== undefined && elsewhere[i - from] === 1) {
          const result = job!.ready(i);
          if (result === undefined) later.push(i);
          else this.place(run, i, this.fromResult(result, run.source.lineText(i), i, run.validator, run.options.onError));
        } else {
          // Awaited only for a line the other thread takes: an await per line cost every line a turn of the microtasks.
          const sent = bigLines && this.sentElsewhere(run, i, bigLines, sentAhead!);
          if (sent === undefined) this.checkAt(run, i);
          else if ((await this.checkBigLine(run, i, sent)) === 'stale') return false;
        }
        if (this.due(run) && !(await this.pause(run, resumeAt(i + 1)))) return false;
      }
      for (; placedLater < later.length; placedLater++) {
        const i = later[placedLater]!;
        if (this.lines[i] !== undefined) continue;
        let result = job!.ready(i);
        if (result === undefined) {
          this.dirtyFrom = i;
          result = await job!.result(i);
          // The document may have changed while waiting.
          if (this.stale(run)) return false;
          run.lastYield = performance.now();
          run.sinceYield = 0;
        }
        if (result === undefined) this.checkAt(run, i);
        else this.place(run, i, this.fromResult(result, run.source.lineText(i), i, run.validator, run.options.onError));
        if (this.due(run) && !(await this.pause(run, resumeAt(i + 1)))) return false;
      }
    } finally {
      job?.cancel();
    }
    return true;
  }

  /**
   * The long lines of a big pending range go to the other thread before this one starts on the
   * range: it checks them while this one checks the rest, instead of this one waiting at each
   * (the real 50 MB file: ~150 ms idle at its first long line, the worker still starting).
   */
  private sendBigLinesAhead(run: Run, from: number, to: number, bigLines: BigLineChecker, elsewhere?: Uint8Array): Map<number, Promise<LineResult | undefined>> {
    const sent = new Map<number, Promise<LineResult | undefined>>();
    if (to - from < 2) return sent;
    for (let i = from; i < to; i++) {
      if (this.lines[i] !== undefined || this.roleAt(run, i) === 'phantom' || elsewhere?.[i - from] === 1) continue;
      const text = run.source.lineText(i);
      if (bigLines.takes(text)) sent.set(i, bigLines.check(text, i));
    }
    return sent;
  }

  /** Line `i`'s check on the other thread when that thread takes it (sent ahead, or now); undefined for a line this one checks. */
  private sentElsewhere(run: Run, i: number, bigLines: BigLineChecker, sentAhead: Map<number, Promise<LineResult | undefined>>): Promise<LineResult | undefined> | undefined {
    const ahead = sentAhead.get(i);
    if (ahead !== undefined || this.roleAt(run, i) === 'phantom') return ahead;
    const text = run.source.lineText(i);
    return bigLines.takes(text) ? bigLines.check(text, i) : undefined;
  }

  /** Line `i`, sent to the other thread, is placed once checked there (by this thread when that failed); this one answers requests meanwhile. */
  private async checkBigLine(run: Run, i: number, sent: Promise<LineResult | undefined>): Promise<'checked' | 'stale'> {
    this.dirtyFrom = i;
    const result = await sent;
    if (this.stale(run)) return 'stale';
    run.lastYield = performance.now();
    run.sinceYield = 0;
    if (result === undefined) this.checkAt(run, i);
    else this.place(run, i, this.fromResult(result, run.source.lineText(i), i, run.validator, run.options.onError, this.roleAt(run, i)));
    return 'checked';
  }

  private checkAt(run: Run, i: number): void {
    this.place(run, i, this.check(run.source.lineText(i), i, this.roleAt(run, i), run.validator, run.options.onError));
  }

  /** A freshly checked line takes line `i`'s place in the cache and the file groups. */
  private place(run: Run, i: number, fresh: CheckedLine): void {
    const old = this.lines[i];
    if (old) this.forget(old);
    this.lines[i] = fresh;
    fresh.countInto(this.tally, 1);
    if (fresh.hasDiagnostics) this.withDiagnostics.add(fresh);
    this.rules.add(fresh);
    if (fresh.role !== 'middle') this.special.add(fresh);
    run.checked++;
    run.sinceYield++;
  }

  /**
   * Time to yield: after `yieldEvery` lines, or `yieldAfterMs` of work. The clock is read after
   * every line (~50 ns): one line can cost milliseconds (new schemas compiled), and 16 such lines
   * back to back held requests for hundreds of ms on a loaded machine.
   */
  private due(run: Run): boolean {
    return run.sinceYield >= run.yieldEvery || performance.now() - run.lastYield > run.yieldAfterMs;
  }

  /** Yields to the event loop, remembering where to go on; false when the run is stale after it. */
  private async pause(run: Run, next: number): Promise<boolean> {
    this.dirtyFrom = next;
    await yieldToEventLoop();
    run.sinceYield = 0;
    run.lastYield = performance.now();
    return !this.stale(run);
  }

  /** Cancelled, or the document changed since the run started. */
  private stale(run: Run): boolean {
    return run.options.token?.isCancellationRequested === true || run.source.version !== run.version || this.lines.length !== run.count;
  }

  /**
   * The run's diagnostics: those of the lines in order, then the file's own (TC703 by line and
   * tool name, TC701). File findings are brought up to date only where the file rules changed
   * since the last run (the duplicates of the content an edit touched, the tools it declares;
   * after lines moved, all of them); the counts are kept as lines change; a capped publish
   * walks the lines only until it has enough. Nothing here is proportional to the file.
   */
  private result(run: Run): CacheValidation {
    const overrides = run.validator.options.severity;
    const at: Positioner = {
      lineCount: this.lines.length,
      lineText: (i) => run.source.lineText(i),
      position: (text, i, findings) => this.position(run.validator, text, i, findings, run.options.onError),
      severity: (code) => severityOf(code, overrides),
    };
    this.fileFindings.refresh(at);
    const few = this.rules.tooFew();
    const fewDiagnostics = few ? this.position(run.validator, '', few.line, [few.finding], run.options.onError) : NOTHING;
    const { total, error, warning, info, hint } = this.tally;
    const counts: DiagnosticCounts = { total, error, warning, info, hint };
    for (const d of fewDiagnostics) {
      counts.total++;
      counts[d.severity]++;
    }
    const first = (count: number): Diagnostic[] => {
      const out: Diagnostic[] = [];
      const add = (entry: CheckedLine, i: number) => {
        if (entry.hasDiagnostics) pushStamped(out, entry.diagnostics, i, (restamped) => (entry.diagnostics = restamped));
        if (entry.fileDiagnostics !== undefined) pushStamped(out, entry.fileDiagnostics, i, (restamped) => (entry.fileDiagnostics = restamped));
      };
      const lines = this.lines;
      const noisy = this.withDiagnostics.size + this.fileFindings.lines().size;
      if (noisy * 8 < lines.length) {
        // Few lines with problems: sort those (reading every record of a clean 40,000-line file cost 6 ms in cache misses).
        const sorted = [...new Set([...this.withDiagnostics, ...this.fileFindings.lines()])].sort((a, b) => a.index - b.index);
        for (let k = 0; k < sorted.length && out.length < count; k++) if (lines[sorted[k]!.index] === sorted[k]) add(sorted[k]!, sorted[k]!.index);
      } else {
        for (let i = 0; i < lines.length && out.length < count; i++) {
          const entry = lines[i];
          if (entry !== undefined) add(entry, i);
        }
      }
      // The TC703s come after every line's diagnostics: a capped list seldom reaches them.
      const drifts = out.length < count ? this.fileFindings.drifts(at) : [];
      for (let k = 0; k < drifts.length && out.length < count; k++) for (const d of drifts[k]!.diagnostics) out.push(d);
      for (const d of fewDiagnostics) out.push(d);
      return out.length > count ? out.slice(0, count) : out;
    };
    let all: Diagnostic[] | undefined;
    return {
      get diagnostics() {
        return (all ??= first(Infinity));
      },
      first,
      counts,
      lines: run.counted,
      examples: this.rules.exampleCount,
      checked: run.checked,
    };
  }

  /** A checked line leaves the cache: out of the file groups and the bookkeeping sets. */
  private forget(entry: CheckedLine): void {
    this.rules.remove(entry);
    entry.countInto(this.tally, -1);
    this.tally.add(entry.fileDiagnostics, -1);
    this.fileFindings.forget(entry);
    this.withDiagnostics.delete(entry);
    this.special.delete(entry);
  }

  /** A line checked on another thread, as `check` would have made it. */
  private fromResult(result: LineResult, text: string, index: number, validator: LineChecker, onError?: ValidateOptions['onError'], role: Role = 'middle'): CheckedLine {
    this.checks++;
    return lineFromResult(result, text, index, role, validator, this.strings, onError);
  }

  private check(text: string, index: number, role: Role, validator: LineChecker, onError?: ValidateOptions['onError']): CheckedLine {
    this.checks++;
    return checkedLine(text, index, role, validator, onError);
  }

  private position(validator: LineChecker, text: string, index: number, findings: Finding[], onError?: ValidateOptions['onError']): Diagnostic[] {
    return positioned(validator, text, index, findings, onError);
  }
}
