import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DatasetValidator, type ValidationOptions } from '../core/validate.ts';
import { keepYoungGenerationSmall, SMALL_YOUNG_GENERATION } from '../core/v8Flags.ts';
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
/** The bundle the server's worker threads run (server/workerMain.ts), beside dist/server.js. */
export const WORKER_BUNDLE_FILE = 'serverWorker.js';
/** Lines per message each way: small enough that no message blocks the main thread for long. */
const BATCH = 1000;
/** Batches of a job posted to its worker and not answered yet: one being checked, one waiting. */
const IN_FLIGHT = 2;

/**
 * Lines `first`, `first + 1`... or, with `indices`, the lines of those numbers (`first` then
 * numbers the batch in the job). `packed`: answer with a `PackedBatch` (the check worker) rather
 * than plain results (the long-line worker, one line at a time).
 */
type ToWorker = { kind: 'lines'; first: number; lines: string[]; indices?: number[]; options?: ValidationOptions; packed?: boolean } | { kind: 'end' };
type FromWorker = { first: number; results: LineResult[] };

/**
 * A worker thread running `entry` (dist/serverWorker.js, or under tsx a module that loads
 * workerMain.ts) as a check worker. V8 puts the young generation's growth factor back to 2, for
 * the whole process, when it sets up a new isolate's heap: the server's young generation then grew to
 * 32 MB during a first check and stayed (real 50 MB file: RSS after the edits 199 MB, against
 * 182 MB without the worker).
 * So the worker sets it again before it loads anything, and this thread once the worker is
 * online and when it exits.
 */
export function startCheckWorker(entry: string): Worker {
  const workerData = { [WORKER_FLAG]: true };
  // An ES module entry (the tests' tsx loader) is started as it is: it sets the flag itself.
  const worker = entry.endsWith('.mjs')
    ? new Worker(entry, { workerData })
    : new Worker(`require('node:v8').setFlagsFromString(${JSON.stringify(SMALL_YOUNG_GENERATION)}); require(${JSON.stringify(entry)});`, { eval: true, workerData });
  worker.once('online', keepYoungGenerationSmall);
  worker.once('exit', keepYoungGenerationSmall);
  return worker;
}

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

/** A spare worker not taken this long after it was started ends (the document was smaller than it looked). */
const AHEAD_IDLE_MS = 10_000;

/**
 * A worker started before its job: while a big didOpen still arrives, the worker loads the
 * bundle (~0.1-0.3 s of CPU) on the other core, so that the first check finds it ready. The
 * next job takes it; untaken, it ends after AHEAD_IDLE_MS.
 */
export class WorkerAhead {
  private spare: { worker: Worker; timer: NodeJS.Timeout; drop: () => void } | undefined;
  /** Workers started ahead, and taken (tests count them). */
  started = 0;
  taken = 0;

  constructor(private readonly entry: string) {}

  /**
   * Starts the spare worker. Until it is online, V8's young generation may grow for the whole
   * process (see startCheckWorker): the answer tells the caller to hold back its allocations until then.
   */
  start(): () => boolean {
    if (this.spare) return () => false;
    const worker = startCheckWorker(this.entry);
    worker.unref(); // never keeps the server alive
    this.started++;
    let online = false;
    worker.once('online', () => (online = true));
    const drop = () => {
      if (this.spare?.worker !== worker) return;
      clearTimeout(this.spare.timer);
      this.spare = undefined;
    };
    worker.on('error', drop);
    worker.on('exit', drop);
    const timer = setTimeout(() => {
      drop();
      void worker.terminate();
    }, AHEAD_IDLE_MS).unref();
    this.spare = { worker, timer, drop };
    return () => !online && this.spare?.worker === worker;
  }

  /** The spare worker for a job, if one is running. */
  take(): Worker | undefined {
    const spare = this.spare;
    if (!spare) return undefined;
    clearTimeout(spare.timer);
    this.spare = undefined;
    spare.worker.off('error', spare.drop).off('exit', spare.drop);
    spare.worker.ref();
    this.taken++;
    return spare.worker;
  }
}

/**
 * Runs each job in the worker started ahead, or else a fresh one started from `entry` (the server
 * bundle, or main.ts under tsx): the initial check of a big document uses the second core while
 * the main thread checks its own share between answering requests. The worker ends with its job.
 */
export function workerChecker(entry: string, onError: (error: unknown) => void, ahead?: WorkerAhead): ParallelChecker {
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
    const worker = ahead?.take() ?? startCheckWorker(entry);
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
      sendNext();
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
    // At most IN_FLIGHT batches posted and not answered: the lines are copied as the worker needs
    // them, not 25 MB in one go (posted all at once, their copies waiting in the worker's queue
    // left the process ~30 MB more RSS after the check).
    let sent = 0;
    const sendNext = () => {
      if (failed || sent > lines.length) return;
      if (sent === lines.length) {
        worker.postMessage({ kind: 'end' } satisfies ToWorker);
        sent++;
        return;
      }
      const batch = lines.slice(sent, sent + BATCH);
      const numbers = indices.slice(sent, sent + BATCH);
      worker.postMessage({ kind: 'lines', first: sent, lines: batch as string[], indices: numbers as number[], options: sent === 0 ? options : undefined, packed: true } satisfies ToWorker);
      sent += batch.length;
    };
    for (let k = 0; k < IN_FLIGHT; k++) sendNext();
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
