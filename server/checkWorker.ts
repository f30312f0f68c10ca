import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DatasetValidator, type ValidationOptions } from '../core/validate.ts';
import { BatchPacker, BatchUnpacker, transferablesOf, type LineResult, type PackedBatch, type UnpackedBatch } from './packedResults.ts';

export type { LineResult } from './packedResults.ts';

/** Lines checked elsewhere (another thread), available in the order they were given as they arrive. */
export interface CheckJob {
  /** Line `index`'s result if its batch already arrived. */
  ready(index: number): LineResult | undefined;
  /** Resolves with line `index`'s result once its batch arrived; undefined when the job failed or was cancelled. */
  result(index: number): Promise<LineResult | undefined>;
  cancel(): void;
}

/** Starts checking `lines` (line `indices[k]` of the document is `lines[k]`) under `options` off the main thread. */
export type ParallelChecker = (lines: readonly string[], indices: readonly number[], options: ValidationOptions) => CheckJob;

export const WORKER_FLAG = 'toolcallCheckWorker';
/** Lines per message each way: small enough that no message blocks the main thread for long. */
const BATCH = 1000;

/**
 * Lines `first`, `first + 1`... or, with `indices`, the lines of those numbers (`first` then
 * numbers the batch in the job). `packed`: answer with a `PackedBatch` (the check worker) rather
 * than plain results (the long-line worker, one line at a time).
 */
type ToWorker = { kind: 'lines'; first: number; lines: string[]; indices?: number[]; options?: ValidationOptions; packed?: boolean } | { kind: 'end' };
type FromWorker = { first: number; results: LineResult[] };

/** True inside a check worker started from the server bundle (main.ts then runs `runCheckWorker`). */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG] === true;
}

/** The worker's loop: check each batch of lines as it comes and send the results back. */
export function runCheckWorker(): void {
  let validator = new DatasetValidator();
  const packer = new BatchPacker();
  parentPort!.on('message', (message: ToWorker) => {
    if (message.kind === 'end') {
      parentPort!.close();
      return;
    }
    if (message.options) validator = new DatasetValidator(message.options);
    const results = message.lines.map((text, k) => {
      try {
        return validator.checkLine(text, message.indices ? message.indices[k]! : message.first + k);
      } catch (error) {
        return { error: (error as Error)?.message ?? String(error) };
      }
    });
    if (!message.packed) {
      parentPort!.postMessage({ first: message.first, results } satisfies FromWorker);
      return;
    }
    const batch = packer.pack(message.first, results);
    parentPort!.postMessage(batch, transferablesOf(batch));
  });
}

/**
 * Runs each job in a fresh worker started from `entry` (the server bundle, or main.ts under
 * tsx): the initial check of a big document uses the second core while the main thread checks
 * its own share between answering requests. The worker ends with its job.
 */
export function workerChecker(entry: string, onError: (error: unknown) => void): ParallelChecker {
  return (lines, indices, options) => {
    // Where each line is in the job (indices only grow), and the batches as they arrive, in
    // order: a line's result is read from its batch when asked for.
    const first = indices[0] ?? 0;
    const positions = new Int32Array(indices.length === 0 ? 0 : indices.at(-1)! - first + 1).fill(-1);
    indices.forEach((index, k) => (positions[index - first] = k));
    const batches: UnpackedBatch[] = [];
    const unpacker = new BatchUnpacker();
    let arrived = 0;
    const resultOf = (index: number): LineResult | undefined => {
      const at = positions[index - first] ?? -1;
      if (at === -1 || at >= arrived) return undefined;
      const batch = batches[Math.floor(at / BATCH)]!;
      return batch.line(at - batch.first);
    };
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
    worker.on('message', (message: PackedBatch) => {
      batches.push(unpacker.unpack(message));
      arrived += message.count;
      for (const [index, resolve] of waiters) {
        const r = resultOf(index);
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
      const numbers = indices.slice(sent, sent + BATCH);
      worker.postMessage({ kind: 'lines', first: sent, lines: batch as string[], indices: numbers as number[], options: sent === 0 ? options : undefined, packed: true } satisfies ToWorker);
      sent += batch.length;
      setImmediate(sendNext);
    };
    sendNext();
    return {
      ready: resultOf,
      result(index) {
        const r = resultOf(index);
        if (r !== undefined || failed) return Promise.resolve(r);
        return new Promise((resolve) => waiters.set(index, resolve));
      },
      cancel: () => fail(),
    };
  };
}
