import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LineFacts } from '../core/checks/lineFacts.ts';
import { DatasetValidator, type ValidationOptions } from '../core/validate.ts';
import type { Diagnostic } from '../core/checks/findings.ts';

/** What checking one line gives: as `DatasetValidator.checkLine`, or the message of what it threw. */
export type LineResult = { diagnostics: Diagnostic[]; facts: LineFacts } | { error: string };

/** Lines checked elsewhere (another thread), available in order as they arrive. */
export interface CheckJob {
  /** Line `index`'s result if its batch already arrived. */
  ready(index: number): LineResult | undefined;
  /** Resolves with line `index`'s result once its batch arrived; undefined when the job failed or was cancelled. */
  result(index: number): Promise<LineResult | undefined>;
  cancel(): void;
}

/** Starts checking `lines` (numbered from `first`) under `options` off the main thread. */
export type ParallelChecker = (lines: readonly string[], first: number, options: ValidationOptions) => CheckJob;

const WORKER_FLAG = 'toolcallCheckWorker';
/** Lines per message each way: small enough that no message blocks the main thread for long. */
const BATCH = 1000;

type ToWorker = { kind: 'lines'; first: number; lines: string[]; options?: ValidationOptions } | { kind: 'end' };
type FromWorker = { first: number; results: LineResult[] };

/** True inside a check worker started from the server bundle (main.ts then runs `runCheckWorker`). */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG] === true;
}

/** The worker's loop: check each batch of lines as it comes and send the results back. */
export function runCheckWorker(): void {
  let validator = new DatasetValidator();
  parentPort!.on('message', (message: ToWorker) => {
    if (message.kind === 'end') {
      parentPort!.close();
      return;
    }
    if (message.options) validator = new DatasetValidator(message.options);
    const results: LineResult[] = message.lines.map((text, k) => {
      try {
        return validator.checkLine(text, message.first + k);
      } catch (error) {
        return { error: (error as Error)?.message ?? String(error) };
      }
    });
    parentPort!.postMessage({ first: message.first, results } satisfies FromWorker);
  });
}

/**
 * Runs each job in a fresh worker started from `entry` (the server bundle, or main.ts under
 * tsx): the initial check of a big document uses the second core while the main thread checks
 * its own share between answering requests. The worker ends with its job.
 */
export function workerChecker(entry: string, onError: (error: unknown) => void): ParallelChecker {
  return (lines, first, options) => {
    const results: (LineResult | undefined)[] = new Array(lines.length);
    const waiters = new Map<number, (r: LineResult | undefined) => void>();
    let failed = false;
    const worker = new Worker(entry, { workerData: { [WORKER_FLAG]: true } });
    const fail = (error?: unknown) => {
      if (failed) return;
      failed = true;
      if (error !== undefined) onError(error);
      for (const resolve of waiters.values()) resolve(undefined);
      waiters.clear();
      void worker.terminate();
    };
    worker.on('message', (message: FromWorker) => {
      message.results.forEach((r, k) => (results[message.first - first + k] = r));
      for (const [index, resolve] of waiters) {
        const r = results[index - first];
        if (r !== undefined) {
          waiters.delete(index);
          resolve(r);
        }
      }
    });
    worker.on('error', fail);
    worker.on('exit', () => fail());
    // Batches are posted one per turn so that copying 25 MB of lines never blocks in one go.
    let sent = 0;
    const sendNext = () => {
      if (failed) return;
      if (sent >= lines.length) {
        worker.postMessage({ kind: 'end' } satisfies ToWorker);
        return;
      }
      const batch = lines.slice(sent, sent + BATCH);
      worker.postMessage({ kind: 'lines', first: first + sent, lines: batch as string[], options: sent === 0 ? options : undefined } satisfies ToWorker);
      sent += batch.length;
      setImmediate(sendNext);
    };
    sendNext();
    return {
      ready: (index) => results[index - first],
      result(index) {
        const r = results[index - first];
        if (r !== undefined || failed) return Promise.resolve(r);
        return new Promise((resolve) => waiters.set(index, resolve));
      },
      cancel: () => fail(),
    };
  };
}
