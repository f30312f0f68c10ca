// Uploads a JSONL file for fine-tuning without reading it into memory: small files in one
// streamed `files.create`, large ones through the Uploads API in parts. A failed request
// is retried a bounded number of times from a fresh stream (the SDK never retries a
// streamed body); when the upload fails or is cancelled, the pending Upload is cancelled
// so nothing half-made is left behind.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isAbort, isRetryable, toStreamingFile, type FileObject, type OpenAI } from '../openai/client.ts';
import { backoff, sleep, throwIfAborted, withAbortNormalized } from '../openai/retry.ts';

const MiB = 2 ** 20;
/** The Files API takes up to 512 MB in one request. */
export const DEFAULT_DIRECT_LIMIT = 512 * MiB;
/** The Uploads API takes parts of at most 64 MB. */
export const MAX_PART_SIZE = 64 * MiB;
/** The Uploads API takes at most 8 GB in all. */
export const MAX_UPLOAD_SIZE = 8 * 2 ** 30;

export interface UploadOptions {
  /** Path of the file on disk. */
  file: string;
  /** Name the service records; default the file's base name. Fine-tune files must end in .jsonl. */
  filename?: string;
  /** Default 'fine-tune'. */
  purpose?: 'fine-tune';
  /** Files up to this many bytes go through `files.create`; larger ones through the Uploads API. Default 512 MiB. */
  directLimit?: number;
  /** Bytes per Uploads API part; default and maximum 64 MiB. */
  partSize?: number;
  /** Further attempts for one request after a retryable failure; default 3. */
  retries?: number;
  /** First retry delay in ms, doubled each time; default 1000. */
  retryDelayMs?: number;
  /** Bytes read into requests so far and the total; may step back when a part is retried. */
  onProgress?: (sent: number, total: number) => void;
  /** Called before a retry, with the error that caused it (1-based attempt that failed). */
  onRetry?: (error: unknown, attempt: number) => void;
  signal?: AbortSignal;
}

/** The processed File, and how it was sent. */
export interface UploadResult {
  file: FileObject;
  method: 'files' | 'uploads';
  bytes: number;
  /** Upload id when the Uploads API was used. */
  uploadId?: string;
  parts?: number;
}

export async function uploadFile(openai: OpenAI, options: UploadOptions): Promise<UploadResult> {
  return withAbortNormalized(options.signal, () => uploadFileInner(openai, options));
}

async function uploadFileInner(openai: OpenAI, options: UploadOptions): Promise<UploadResult> {
  const size = (await stat(options.file)).size;
  const filename = options.filename ?? path.basename(options.file);
  const purpose = options.purpose ?? 'fine-tune';
  if (size === 0) throw new Error(`${filename} is empty; there is nothing to upload.`);
  if (size > MAX_UPLOAD_SIZE) throw new Error(`${filename} is ${size} bytes; the API accepts at most ${MAX_UPLOAD_SIZE} bytes (8 GB).`);
  const partSize = options.partSize ?? MAX_PART_SIZE;
  if (!(partSize > 0 && partSize <= MAX_PART_SIZE)) throw new Error(`The part size must be from 1 to ${MAX_PART_SIZE} bytes.`);
  throwIfAborted(options.signal);
  const progress = (sent: number) => options.onProgress?.(sent, size);

  if (size <= (options.directLimit ?? DEFAULT_DIRECT_LIMIT)) {
    const file = await withRetries(options, () =>
      openai.files.create(
        { file: streamingFile(options.file, filename, 0, size, (n) => progress(n)), purpose },
        { signal: options.signal, maxRetries: 0 },
      ),
    );
    progress(size);
    return { file, method: 'files', bytes: size };
  }

  const upload = await withRetries(options, () =>
    openai.uploads.create({ filename, purpose, bytes: size, mime_type: 'text/jsonl' }, { signal: options.signal, maxRetries: 0 }),
  );
  try {
    const partIds: string[] = [];
    let md5: Hash = createHash('md5');
    for (let start = 0; start < size; start += partSize) {
      const end = Math.min(size, start + partSize);
      const part = await withRetries(options, () => {
        // Hash a copy per attempt: only the attempt that succeeds joins the whole-file md5.
        const attemptHash = md5.copy();
        const request = openai.uploads.parts.create(
          upload.id,
          { data: streamingFile(options.file, filename, start, end, (n) => progress(start + n), attemptHash) },
          { signal: options.signal, maxRetries: 0 },
        );
        return request.then((result) => {
          md5 = attemptHash;
          return result;
        });
      });
      partIds.push(part.id);
      progress(end);
    }
    const digest = md5.digest('hex');
    const done = await withRetries(options, () =>
      openai.uploads.complete(upload.id, { part_ids: partIds, md5: digest }, { signal: options.signal, maxRetries: 0 }),
    );
    if (!done.file) throw new Error(`Upload ${upload.id} completed without a file.`);
    return { file: done.file, method: 'uploads', bytes: size, uploadId: upload.id, parts: partIds.length };
  } catch (error) {
    // Best effort, and never with the caller's (possibly aborted) signal.
    await openai.uploads.cancel(upload.id, { maxRetries: 1 }).catch(() => undefined);
    throw error;
  }
}

/** Bytes [start, end) of `file` as a lazily read multipart file, counting and hashing what is read. */
function streamingFile(file: string, filename: string, start: number, end: number, onBytes: (n: number) => void, hash?: Hash) {
  async function* read(): AsyncGenerator<Buffer> {
    let sent = 0;
    for await (const chunk of createReadStream(file, { start, end: end - 1, highWaterMark: MiB })) {
      const buffer = chunk as Buffer;
      hash?.update(buffer);
      sent += buffer.length;
      onBytes(sent);
      yield buffer;
    }
  }
  return toStreamingFile(read(), filename, { type: 'application/jsonl' });
}

/** Run `attempt`, retrying retryable failures with backoff; aborts and definite refusals pass straight through. */
async function withRetries<T>(options: UploadOptions, attempt: () => Promise<T>): Promise<T> {
  const retries = options.retries ?? 3;
  for (let n = 0; ; n++) {
    throwIfAborted(options.signal);
    try {
      return await attempt();
    } catch (error) {
      if (isAbort(error) || options.signal?.aborted || !isRetryable(error) || n >= retries) throw error;
      options.onRetry?.(error, n + 1);
      await sleep(backoff(n, options.retryDelayMs ?? 1000), options.signal);
    }
  }
}
