// The worker side of parallel validation: checks the lines of each chunk it is sent and posts
// back, per chunk, the positioned line diagnostics and the facts the file-level rules need.
// Loaded inside a worker thread (from the CLI bundle or, under tsx, from this file), it starts
// listening only when the worker was created with this role.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { LineFacts } from '../checks/lineFacts.ts';
import { DatasetValidator, type Diagnostic, type ValidationOptions } from '../validate.ts';
import { chunkLines } from './newlineChunks.ts';

export const WORKER_ROLE = 'toolcall-validate';

/** Main thread to worker: one chunk of whole lines. */
export interface ChunkRequest {
  id: number;
  bytes: Uint8Array;
  firstLine: number;
}

/** Worker to main thread: diagnostics in line order, and one facts entry per line. */
export interface ChunkResult {
  id: number;
  diagnostics: Diagnostic[];
  facts: LineFacts[];
  error?: string;
}

/** Checks one chunk; exported for tests, which compare it with the single-threaded path. */
export function checkChunk(validator: DatasetValidator, request: ChunkRequest): ChunkResult {
  const text = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength).toString('utf8');
  const diagnostics: Diagnostic[] = [];
  const facts: LineFacts[] = [];
  chunkLines(text).forEach((line, i) => {
    const result = validator.checkLine(line, request.firstLine + i);
    for (const d of result.diagnostics) diagnostics.push(d);
    facts.push(result.facts);
  });
  return { id: request.id, diagnostics, facts };
}

function serve(options: ValidationOptions): void {
  const validator = new DatasetValidator(options);
  parentPort!.on('message', (request: ChunkRequest) => {
    let result: ChunkResult;
    try {
      result = checkChunk(validator, request);
    } catch (error) {
      result = { id: request.id, diagnostics: [], facts: [], error: error instanceof Error ? error.stack ?? error.message : String(error) };
    }
    parentPort!.postMessage(result);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  serve((workerData as { options: ValidationOptions }).options);
}
