// Uploads API: a pending Upload takes Parts (multipart `data`), and `complete`
// assembles the listed parts, in the order given, into a regular File.
import { createHash } from 'node:crypto';
import { badRequest, missingParam, notFound } from './apiError.ts';
import { checkPurposeAndName, storeFile } from './files.ts';
import { route, seconds, type Route, type ServerEnv } from './router.ts';
import type { StoredUpload, WireFile, WireUpload } from './state.ts';
import { checkInteger, requireString } from './validate.ts';

/** MIME types accepted for fine-tune uploads (the docs ask for text/jsonl). */
const JSONL_MIME_TYPES = new Set(['text/jsonl', 'application/jsonl', 'application/x-ndjson', 'application/json']);
const UPLOAD_LIFETIME_SECONDS = 3600;

export function uploadRoutes(env: ServerEnv): Route[] {
  /** The upload, its status brought up to date with the clock (pending -> expired). */
  function getUpload(id: string): StoredUpload {
    const upload = env.state.uploads.get(id);
    if (!upload) throw notFound(`No such Upload: ${id}`, 'upload_id');
    if (upload.object.status === 'pending' && seconds(env) >= upload.object.expires_at) upload.object.status = 'expired';
    return upload;
  }

  function requirePending(upload: StoredUpload): void {
    if (upload.object.status !== 'pending') {
      throw badRequest(`Upload ${upload.object.id} is ${upload.object.status}; only a pending Upload accepts this request.`, null, 'upload_not_pending');
    }
  }

  return [
    route('POST', '/v1/uploads', async (ctx) => {
      const body = await ctx.json();
      const filename = requireString(body, 'filename');
      const purpose = checkPurposeAndName(requireString(body, 'purpose'), filename);
      if (body['bytes'] === undefined) throw missingParam('bytes');
      const bytes = checkInteger(body['bytes'], 'bytes', 1, env.limits.uploadBytes, false) as number;
      const mimeType = requireString(body, 'mime_type');
      if (purpose === 'fine-tune' && !JSONL_MIME_TYPES.has(mimeType)) {
        throw badRequest(`Invalid 'mime_type' for purpose 'fine-tune': '${mimeType}'. Use 'text/jsonl'.`, 'mime_type', 'invalid_value');
      }
      const created = seconds(env);
      const object: WireUpload = {
        id: env.ids.next('upload_'),
        object: 'upload',
        bytes,
        created_at: created,
        expires_at: created + UPLOAD_LIFETIME_SECONDS,
        filename,
        purpose,
        status: 'pending',
        file: null,
      };
      env.state.uploads.set(object.id, { object, mimeType, parts: new Map() });
      return { json: object };
    }),

    route('POST', '/v1/uploads/:upload_id/parts', async (ctx) => {
      const upload = getUpload(ctx.params['upload_id']!);
      requirePending(upload);
      const form = await ctx.multipart();
      const data = form.files['data']?.data ?? (form.fields['data'] !== undefined ? Buffer.from(form.fields['data']) : undefined);
      if (!data) throw missingParam('data');
      if (data.length > env.limits.partBytes) {
        throw badRequest(`Part is too large: ${data.length} bytes; a part may be at most ${env.limits.partBytes} bytes.`, 'data', 'part_too_large');
      }
      let stored = 0;
      for (const part of upload.parts.values()) stored += part.data.length;
      if (stored + data.length > env.limits.uploadBytes) {
        throw badRequest(`Adding this part would pass the Upload limit of ${env.limits.uploadBytes} bytes.`, 'data', 'upload_too_large');
      }
      const object = { id: env.ids.next('part_'), object: 'upload.part' as const, created_at: seconds(env), upload_id: upload.object.id };
      upload.parts.set(object.id, { object, data });
      return { json: object };
    }),

    route('POST', '/v1/uploads/:upload_id/complete', async (ctx) => {
      const upload = getUpload(ctx.params['upload_id']!);
      const body = await ctx.json();
      requirePending(upload);
      const partIds = body['part_ids'];
      if (partIds === undefined) throw missingParam('part_ids');
      if (!Array.isArray(partIds) || partIds.some((id) => typeof id !== 'string')) {
        throw badRequest(`Invalid type for 'part_ids': expected an array of strings.`, 'part_ids', 'invalid_type');
      }
      const seen = new Set<string>();
      const chunks: Buffer[] = [];
      for (const [index, id] of (partIds as string[]).entries()) {
        const part = upload.parts.get(id);
        if (!part) throw badRequest(`Invalid 'part_ids[${index}]': no part ${id} in Upload ${upload.object.id}.`, `part_ids[${index}]`, 'invalid_value');
        if (seen.has(id)) throw badRequest(`Invalid 'part_ids[${index}]': part ${id} is listed twice.`, `part_ids[${index}]`, 'invalid_value');
        seen.add(id);
        chunks.push(part.data);
      }
      const content = Buffer.concat(chunks);
      if (content.length !== upload.object.bytes) {
        throw badRequest(
          `The number of bytes uploaded (${content.length}) does not match the number of bytes specified when creating the Upload (${upload.object.bytes}).`,
          'part_ids',
          'upload_size_mismatch',
        );
      }
      const md5 = body['md5'];
      if (md5 !== undefined && md5 !== null && md5 !== '') {
        const actual = createHash('md5').update(content).digest('hex');
        if (typeof md5 !== 'string' || md5.toLowerCase() !== actual) {
          throw badRequest(`The md5 checksum of the uploaded bytes (${actual}) does not match the one provided.`, 'md5', 'checksum_mismatch');
        }
      }
      const file = storeFile(env, upload.object.filename, upload.object.purpose as WireFile['purpose'], content);
      upload.object.status = 'completed';
      upload.object.file = file.object;
      return { json: upload.object };
    }),

    route('POST', '/v1/uploads/:upload_id/cancel', (ctx) => {
      const upload = getUpload(ctx.params['upload_id']!);
      requirePending(upload);
      upload.object.status = 'cancelled';
      return { json: upload.object };
    }),
  ];
}
