// The main-thread side of parallel validation. The file is read in newline-aligned chunks that
// worker threads check; results are consumed strictly in chunk order, so the file-level rules
// (duplicates, drift, the example count) see lines in file order on this thread and the output
// is the single-threaded path's, line for line. At most `inFlight` chunks are read but not yet
// consumed, which bounds memory whatever the file size.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileRules } from '../checks/fileChecks.ts';
import { DatasetValidator, type ValidationOptions, type ValidationSummary } from '../validate.ts';
import type { Diagnostic } from '../checks/findings.ts';
import { chunkLines, newlineChunks, type LineChunk } from './newlineChunks.ts';
import { KeyDecoder, WORKER_ROLE, type ChunkRequest, type ChunkResult, type WireResult } from './validateWorker.ts';

export interface PoolOptions {
  workers: number;
  /** Bytes per chunk (default 1 MiB). */
  chunkSize?: number;
  /** Chunks read but not yet consumed, in all (default: one per worker, plus one). */
  inFlight?: number;
}

/**
 * V8 grows a heap lazily (a single-threaded run of the bench file peaks at 136 MB used for a live
 * set under 50 MB), so uncapped workers doubled the process's peak RSS. Each worker's live set is
 * its caches plus one chunk; these caps keep two workers and the main thread under 300 MB. A
 * young generation of 4 MB made scavenges cost 15% of a worker's time; 16 MB (the worker bundle
 * is ~40 MB lighter than the CLI's) keeps two workers near 230 MB on the bench file.
 */
const HEAP_LIMITS = { maxOldGenerationSizeMb: Number(process.env.TOOLCALL_WORKER_OLD_MB ?? 48), maxYoungGenerationSizeMb: Number(process.env.TOOLCALL_WORKER_YOUNG_MB ?? 16) };

/**
 * The code a worker runs first. Bundled (dist/cli.js): dist/validateWorker.js, or without it the
 * CLI bundle itself (its entry point only runs as the main module); validateWorker.ts starts on
 * the role in workerData. Under tsx (tests), the worker registers tsx and loads validateWorker.ts.
 */
function workerSource(): string {
  if (__filename.endsWith('.ts')) {
    const loader = 'tsx/cjs'; // a variable: bundlers need not resolve it (the bundle never takes this branch)
    const tsx = require.resolve(loader);
    return `require(${JSON.stringify(tsx)}); require(${JSON.stringify(path.join(__dirname, 'validateWorker.ts'))});`;
  }
  // The build's worker bundle (core/validate and ajv only) when it sits next to this bundle: each
  // thread then loads ~1/10 of the CLI and its heap stays small; else the bundle loads itself.
  const slim = path.join(__dirname, 'validateWorker.js');
  return `require(${JSON.stringify(existsSync(slim) && slim !== __filename ? slim : __filename)});`;
}

/** Worker threads that validate files; reuse one pool for several files, then `close` it. */
export class ValidatePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, (result: ChunkResult) => void>();
  private readonly rejecters = new Map<number, (error: Error) => void>();
  private failure: Error | null = null;
  private closing = false;
  private nextId = 0;

  constructor(
    private readonly options: ValidationOptions,
    private readonly pool: PoolOptions,
  ) {
    const source = workerSource();
    this.workers = Array.from({ length: Math.max(1, pool.workers) }, () => {
      const worker = new Worker(source, { eval: true, workerData: { role: WORKER_ROLE, options }, resourceLimits: HEAP_LIMITS });
      const keys = new KeyDecoder(); // messages of one worker arrive in the order it sent them
      worker.on('message', (wire: WireResult) => {
        const result = keys.decode(wire);
        const resolve = this.waiting.get(result.id);
        this.waiting.delete(result.id);
        resolve?.(result);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closing) this.fail(new Error(`a validation worker stopped (exit code ${code})`));
      });
      return worker;
    });
  }

  /**
   * Validates one file; like validateStream, diagnostics go to `report` in line order. `writable`
   * resolves when the output takes more (a slow reader): it is awaited after each chunk's
   * diagnostics, so no more chunks are read while the output waits.
   */
  async validateFile(file: string, report: (diagnostic: Diagnostic) => void, writable?: () => Promise<void>): Promise<ValidationSummary> {
    const rules = new FileRules();
    const positioner = new DatasetValidator({ severity: this.options.severity });
    const summary: ValidationSummary = { lines: 0, examples: 0, error: 0, warning: 0, info: 0, hint: 0 };
    const emit = (d: Diagnostic) => {
      summary[d.severity]++;
      report(d);
    };
    const limit = this.pool.inFlight ?? this.workers.length + 1;
    const queue: { chunk: LineChunk; result: Promise<ChunkResult> }[] = [];
    let turn = 0;

    const consume = async () => {
      const { chunk, result } = queue.shift()!;
      const { diagnostics, facts, error } = await result;
      if (error) throw new Error(`validation failed in a worker: ${error}`);
      let lines: string[] | null = null; // decoded only if a file-level rule reports something
      let next = 0;
      for (let i = 0; i < facts.length; i++) {
        const index = chunk.firstLine + i;
        while (next < diagnostics.length && diagnostics[next].line === index) emit(diagnostics[next++]);
        const textOf = () => (lines ??= chunkLines(chunk.bytes.toString('utf8')))[i];
        const found = rules.observe(index, facts[i], textOf);
        if (found.length === 0) continue;
        positioner.position(textOf(), index, found).forEach(emit);
      }
      summary.lines += facts.length;
      await writable?.();
    };

    for await (const chunk of newlineChunks(file, this.pool.chunkSize)) {
      if (queue.length >= limit) await consume();
      const result = this.send(this.workers[turn++ % this.workers.length], chunk);
      result.catch(() => {}); // awaited in order by consume(); this only marks an early failure as handled
      queue.push({ chunk, result });
    }
    while (queue.length > 0) await consume();
    for (const { line, finding } of rules.finish()) positioner.position(rules.lineText(line) ?? '', line, [finding]).forEach(emit);
    summary.examples = rules.exampleCount;
    return summary;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(worker: Worker, chunk: LineChunk): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // A copy of exactly the chunk's bytes, transferred; the main thread keeps its own for positions.
    const bytes = new Uint8Array(chunk.bytes);
    const request: ChunkRequest = { id, bytes, firstLine: chunk.firstLine };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, resolve);
      this.rejecters.set(id, reject);
      worker.postMessage(request, [bytes.buffer]);
    }).finally(() => this.rejecters.delete(id)) as Promise<ChunkResult>;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const reject of this.rejecters.values()) reject(error);
    this.rejecters.clear();
    this.waiting.clear();
  }
}
