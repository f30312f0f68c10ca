// One long line must not hold up the server's answers: checking a 2 MB line took seconds
// (JSON parse, schema checks, token counting), and the event loop answers no request until a
// synchronous check returns. Lines over BIG_LINE_CHARS are checked on a worker thread; the
// main thread goes on answering requests while it waits.
import type { ValidationOptions } from '../core/validate.ts';
import { Worker } from 'node:worker_threads';
import { WORKER_FLAG, type LineResult } from './checkWorker.ts';

/**
 * Lines longer than this (UTF-16 units) are checked off the main thread. Shorter lines take a
 * few milliseconds, and are never tokenized for TC209 (21,840 characters cannot reach the
 * smallest default token limit's 65,536), so this thread never runs the tokenizer on a line.
 */
export const BIG_LINE_CHARS = 20_000;

/** Checks one line elsewhere; undefined when that failed (the caller then checks it itself). */
export interface BigLineChecker {
  readonly minChars: number;
  check(text: string, index: number): Promise<LineResult | undefined>;
}

type Pending = { resolve: (result: LineResult | undefined) => void };

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
  /** Lines sent so far (tests count them). */
  sent = 0;

  constructor(
    private readonly entry: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A checker for lines validated under `options` (sent to the worker when they change). */
  checker(options: ValidationOptions, minChars = BIG_LINE_CHARS): BigLineChecker {
    return { minChars, check: (text, index) => this.check(text, index, options) };
  }

  private check(text: string, index: number, options: ValidationOptions): Promise<LineResult | undefined> {
    const worker = this.started();
    this.sent++;
    const changed = options !== this.sentOptions;
    this.sentOptions = options;
    return new Promise((resolve) => {
      this.pending.push({ resolve });
      worker.postMessage({ kind: 'lines', first: index, lines: [text], ...(changed ? { options } : {}) });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.entry, { workerData: { [WORKER_FLAG]: true } });
    worker.unref(); // never keeps the server alive
    worker.on('message', (message: { results: LineResult[] }) => this.pending.shift()?.resolve(message.results[0]));
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

  dispose(): void {
    void this.worker?.terminate();
  }
}
