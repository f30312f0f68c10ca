// One long line must not hold up the server's answers: checking a 2 MB line took seconds
// (JSON parse, schema checks, token counting), and the event loop answers no request until a
// synchronous check returns. Long lines that could be tokenized, and very long ones, are checked
// on a worker thread (`checkedElsewhere`); the main thread goes on answering requests meanwhile.
import type { ValidationOptions } from '../core/validate.ts';
import type { Worker } from 'node:worker_threads';
import { cannotExceed } from '../core/checks/tokenLimitChecks.ts';
import { startCheckWorker } from './checkWorker.ts';
import type { LineResult } from './packedResults.ts';

/**
 * Lines up to this long (UTF-16 units) are checked on this thread. They are never tokenized for
 * TC209 under the default limits (21,840 characters cannot reach the smallest default token
 * limit's 65,536), so this thread never runs the tokenizer on a line unless the user sets a lower limit.
 */
export const BIG_LINE_CHARS = 20_000;

/**
 * Longer lines go to the worker even when they cannot reach the token limit. Without token
 * counting a check is about linear in the line: real bench lines padded to 60,000 characters
 * took 0.15 ms each on a warm thread, to 100,000 2.5-4 ms, to 200,000 ~6 ms.
 */
export const LONG_LINE_CHARS = 100_000;

/**
 * Whether a line is checked on the worker: over `minChars` and either over LONG_LINE_CHARS or
 * able to reach the token limit (its tokenizer would load and run here). The real 50 MB bench
 * file's 12 lines of 26,200 characters cannot: on this thread they take ~0.1 ms each (~9 ms for
 * the first, its tools new), where the worker's start and its cold checks cost 50-110 ms of CPU.
 */
export function checkedElsewhere(text: string, options: ValidationOptions, minChars = BIG_LINE_CHARS): boolean {
  if (text.length <= minChars) return false;
  if (text.length > LONG_LINE_CHARS) return true;
  const limit = options.tokenLimit?.limit;
  return limit !== undefined && limit > 0 && !cannotExceed(text, limit);
}

/** Checks one line elsewhere; undefined when that failed (the caller then checks it itself). */
export interface BigLineChecker {
  /** Whether `text` is a line for the other thread. */
  takes(text: string): boolean;
  check(text: string, index: number): Promise<LineResult | undefined>;
}

type Pending = { resolve: (result: LineResult | undefined) => void };

/**
 * A worker with no line to check for this long ends: it held ~25 MB (its own heap, the bundle's
 * code, its validator's caches) for as long as the server ran, for the long lines of a first
 * check. Lines typed within this time keep it; a long line after a pause starts another
 * (~50-100 ms off this thread).
 */
export const BIG_LINE_IDLE_MS = 1000;

/**
 * One long-lived worker thread for long lines, started on the first one: a worker per line
 * would pay the bundle's start-up and the tokenizer's load each time. Lines are answered in
 * the order they were sent; a worker that dies fails what it held, and the next line starts
 * a new one.
 */
export class BigLineWorker {
  private worker: Worker | undefined;
  private readonly pending: Pending[] = [];
  private sentOptions: ValidationOptions | undefined;
  private idle: NodeJS.Timeout | undefined;
  /** Lines sent so far, and workers started (tests count them). */
  sent = 0;
  started = 0;

  constructor(
    private readonly entry: string,
    private readonly onError: (error: unknown) => void,
    private readonly idleMs = BIG_LINE_IDLE_MS,
  ) {}

  /** A worker is running. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** A checker for lines validated under `options` (sent to the worker when they change). */
  checker(options: ValidationOptions, minChars = BIG_LINE_CHARS): BigLineChecker {
    return { takes: (text) => checkedElsewhere(text, options, minChars), check: (text, index) => this.check(text, index, options) };
  }

  private check(text: string, index: number, options: ValidationOptions): Promise<LineResult | undefined> {
    clearTimeout(this.idle);
    const worker = this.workerFor();
    this.sent++;
    const changed = options !== this.sentOptions;
    this.sentOptions = options;
    return new Promise((resolve) => {
      this.pending.push({ resolve });
      worker.postMessage({ kind: 'lines', first: index, lines: [text], ...(changed ? { options } : {}) });
    });
  }

  private workerFor(): Worker {
    if (this.worker) return this.worker;
    const worker = startCheckWorker(this.entry);
    this.started++;
    worker.unref(); // never keeps the server alive
    worker.on('message', (message: { results: LineResult[] }) => {
      this.pending.shift()?.resolve(message.results[0]);
      if (this.pending.length === 0) this.idle = setTimeout(() => this.stopIdle(worker), this.idleMs).unref();
    });
    const fail = (error?: unknown) => {
      if (this.worker !== worker) return;
      if (error !== undefined) this.onError(error);
      this.worker = undefined;
      this.sentOptions = undefined;
      for (const p of this.pending.splice(0)) p.resolve(undefined);
    };
    worker.on('error', fail);
    worker.on('exit', () => fail());
    this.worker = worker;
    return worker;
  }

  /** Ends `worker` if it is still the current one and has nothing to do. */
  private stopIdle(worker: Worker): void {
    if (this.worker !== worker || this.pending.length > 0) return;
    this.worker = undefined;
    this.sentOptions = undefined;
    void worker.terminate();
  }

  dispose(): void {
    clearTimeout(this.idle);
    void this.worker?.terminate();
  }
}
