// The worker side of parallel validation: checks the lines of each chunk it is sent and posts
// back, per chunk, the positioned line diagnostics and the facts the file-level rules need.
// Loaded inside a worker thread (from the CLI bundle or, under tsx, from this file), it starts
// listening only when the worker was created with this role.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { LineFacts } from '../checks/lineFacts.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { DatasetValidator, type ValidationOptions } from '../validate.ts';
import type { Diagnostic } from '../checks/findings.ts';
import { chunkLines } from './newlineChunks.ts';
import { invalidUtf8ByLine } from '../dataset/utf8.ts';

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
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  const text = bytes.toString('utf8');
  const encoding = invalidUtf8ByLine(bytes);
  const diagnostics: Diagnostic[] = [];
  const facts: LineFacts[] = [];
  chunkLines(text).forEach((line, i) => {
    const result = validator.checkLine(line, request.firstLine + i, encoding.get(i));
    for (const d of result.diagnostics) diagnostics.push(d);
    facts.push(result.facts);
  });
  return { id: request.id, diagnostics, facts };
}

/**
 * A tool declaration's canonical key is its whole serialised declaration (hundreds of bytes)
 * and most lines repeat a few hundred of them: copied per line, they were most of what crossed
 * the thread boundary. On the wire each key is an id into a table both sides grow in message
 * order (`keys` holds the entries a message adds); `reset` starts the table over, which bounds it.
 */
export interface WireResult extends Omit<ChunkResult, 'facts'> {
  facts: WireFacts[];
  keys: string[];
  reset: boolean;
}

type WireFacts = Omit<LineFacts, 'declarations'> & { declarations?: { name: string; key: number; namePath: JsonPath }[] };

const KEY_TABLE_LIMIT = 50_000;

/** The worker side of the key table. */
export class KeyEncoder {
  private readonly ids = new Map<string, number>();

  encode(result: ChunkResult): WireResult {
    const reset = this.ids.size > KEY_TABLE_LIMIT;
    if (reset) this.ids.clear();
    const keys: string[] = [];
    const facts = result.facts.map((f): WireFacts => {
      if (!f.declarations) return f as WireFacts;
      const declarations = f.declarations.map(({ name, key, namePath }) => {
        let id = this.ids.get(key);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(key, id);
          keys.push(key);
        }
        return { name, key: id, namePath };
      });
      return { ...f, declarations };
    });
    return { ...result, facts, keys, reset };
  }
}

/** The main-thread side of one worker's key table; decode that worker's messages in order. */
export class KeyDecoder {
  private readonly table: string[] = [];

  decode(wire: WireResult): ChunkResult {
    if (wire.reset) this.table.length = 0;
    for (const key of wire.keys) this.table.push(key);
    const facts = wire.facts.map((f): LineFacts => {
      if (!f.declarations) return f as LineFacts;
      return { ...f, declarations: f.declarations.map(({ name, key, namePath }) => ({ name, key: this.table[key], namePath })) };
    });
    const { keys: _keys, reset: _reset, facts: _facts, ...rest } = wire;
    return { ...rest, facts };
  }
}

function serve(options: ValidationOptions): void {
  const validator = new DatasetValidator(options);
  const encoder = new KeyEncoder();
  parentPort!.on('message', (request: ChunkRequest) => {
    let result: ChunkResult;
    try {
      result = checkChunk(validator, request);
    } catch (error) {
      result = { id: request.id, diagnostics: [], facts: [], error: error instanceof Error ? error.stack ?? error.message : String(error) };
    }
    parentPort!.postMessage(encoder.encode(result));
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  serve((workerData as { options: ValidationOptions }).options);
}
