// What the line cache reads and answers: the document's lines, the checker, the options of a
// validation and its result (lineCache.ts is the cache itself).
import type { DatasetValidator, ValidationOptions } from '../core/validate.ts';
import type { Diagnostic } from '../core/checks/findings.ts';
import type { ParallelChecker } from './checkWorker.ts';
import type { BigLineChecker } from './bigLines.ts';

/** The lines of a document as the core counts them (the final line may be empty, as in LSP). */
export interface LineSource {
  readonly version: number;
  readonly lineCount: number;
  /** Text of line `index` without its line break. */
  lineText(index: number): string;
}

/** The part of the core validator the cache uses (a counting fake in tests); its options' severity overrides count the file findings not positioned yet. */
export type LineChecker = Pick<DatasetValidator, 'checkLine' | 'position' | 'options'>;

export interface CancellationFlag {
  readonly isCancellationRequested: boolean;
}

/** How many diagnostics a validation has, by severity. */
export interface DiagnosticCounts {
  total: number;
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export interface CacheValidation {
  /**
   * All diagnostics in line order, exactly as `validateText` of the same text returns them.
   * Built on first read from the cache as it is then: read it before the next edit.
   */
  readonly diagnostics: Diagnostic[];
  /** The first `count` of `diagnostics` (all when fewer), without building the rest: what a capped publish needs. */
  first(count: number): Diagnostic[];
  /** `diagnostics` counted by severity (kept as lines change, not counted again). */
  counts: DiagnosticCounts;
  /** Lines the core counts (the final empty LSP line is not one). */
  lines: number;
  examples: number;
  /** Lines checked in this run (the rest came from the cache). */
  checked: number;
}

export interface ValidateOptions {
  token?: CancellationFlag;
  /** Yield to the event loop after this many checked lines... */
  yieldEvery?: number;
  /** ...or after this many milliseconds of work, whichever comes first. */
  yieldAfterMs?: number;
  /** Called when a check throws; the line gets a TC199 diagnostic. */
  onError?: (error: unknown, line: number) => void;
  /** Checks part of a big pending range on another thread (the initial check of a big document). */
  parallel?: {
    checker: ParallelChecker;
    /** The validator's options, for the other thread's own validator. */
    options: ValidationOptions;
    /** Fewest pending lines worth a worker (default PARALLEL_MIN_LINES). */
    minLines?: number;
    /** Share of the pending lines checked there (default WORKER_SHARE). */
    share?: number;
  };
  /** Checks lines over its size on another thread, so that one line never blocks this one. */
  bigLines?: BigLineChecker;
}
