// Reading request bodies with limits, so a runaway client cannot exhaust memory.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { ApiError, badRequest } from './apiError.ts';
import { isObject, type JsonObject } from './validate.ts';

/** Read the whole body; 413 past `limit` bytes. */
export async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError(413, `Request body too large: more than ${limit} bytes.`, { code: 'request_too_large' });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body; an empty body counts as `{}` (the SDK sends none for cancel). */
export async function readJson(req: IncomingMessage, limit: number): Promise<JsonObject> {
  const raw = await readRaw(req, limit);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  if (!isObject(parsed)) throw badRequest('The request body must be a JSON object.');
  return parsed;
}

/** A parsed multipart/form-data body: text fields and files with their bytes. */
export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, { filename: string; mimeType: string; data: Buffer }>;
}

/** Parse multipart/form-data; 413 when a file passes `fileLimit` bytes. */
export function readMultipart(req: IncomingMessage, fileLimit: number): Promise<MultipartBody> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(badRequest(`Invalid Content-Type header (${contentType || 'none'}), expected multipart/form-data.`));
  }
  return new Promise((resolve, reject) => {
    const body: MultipartBody = { fields: {}, files: {} };
    let failure: ApiError | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: fileLimit, fieldSize: 1024 * 1024 } });
    } catch (error) {
      reject(badRequest(`Could not parse multipart form: ${(error as Error).message}`));
      return;
    }
    parser.on('field', (name, value) => {
      body.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure ??= new ApiError(413, `File is too large: the limit is ${fileLimit} bytes.`, { param: name, code: 'file_too_large' });
      });
      stream.on('end', () => {
        body.files[name] = { filename: info.filename ?? '', mimeType: info.mimeType, data: Buffer.concat(chunks) };
      });
    });
    parser.on('error', (error: Error) => reject(badRequest(`Could not parse multipart form: ${error.message}`)));
    parser.on('close', () => (failure ? reject(failure) : resolve(body)));
    req.pipe(parser);
  });
}
