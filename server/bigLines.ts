// One long line must not hold up the server's answers: checking a 2 MB line took seconds
// (JSON parse, schema checks, token counting), and the event loop answers no request until a
// synchronous check returns. Lines over BIG_LINE_CHARS are checked on a worker thread, one
// line per job; the main thread goes on answering requests while it waits.
import type { ValidationOptions } from '../core/validate.ts';
import type { LineResult, ParallelChecker } from './checkWorker.ts';

/** Lines longer than this (UTF-16 units) are checked off the main thread. Typical lines take well under 10 ms up to here. */
export const BIG_LINE_CHARS = 100_000;

/** Checks one line elsewhere; undefined when that failed (the caller then checks it itself). */
export interface BigLineChecker {
  readonly minChars: number;
  check(text: string, index: number): Promise<LineResult | undefined>;
  /** Lines sent off the main thread so far (tests count them). */
  readonly sent: number;
}

/** A BigLineChecker on top of a worker checker, with the validator's options. */
export function bigLineChecker(checker: ParallelChecker, options: ValidationOptions, minChars = BIG_LINE_CHARS): BigLineChecker {
  let sent = 0;
  return {
    minChars,
    get sent() {
      return sent;
    },
    async check(text, index) {
      sent++;
      const job = checker([text], index, options);
      try {
        return await job.result(index);
      } finally {
        job.cancel();
      }
    },
  };
}
