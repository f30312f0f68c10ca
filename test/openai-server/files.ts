// Files API: multipart create, retrieve, list, delete, content. Bytes live in memory.
import type { FileObject } from 'openai/resources/files';
import { badRequest, missingParam, notFound } from './apiError.ts';
import { route, seconds, type Route, type ServerEnv } from './router.ts';
import { paginate, parseLimit } from './pagination.ts';
import type { StoredFile, WireFile } from './state.ts';

const PURPOSES = new Set(['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals']);

/** Store bytes as a processed File; shared with Uploads' complete. */
export function storeFile(env: ServerEnv, filename: string, purpose: FileObject['purpose'], content: Buffer): StoredFile {
  const object: WireFile = {
    id: env.ids.next('file-'),
    object: 'file',
    bytes: content.length,
    created_at: seconds(env),
    filename,
    purpose,
    status: 'processed',
    expires_at: null,
    status_details: null,
  };
  const stored = { object, content };
  env.state.files.set(object.id, stored);
  return stored;
}

/** The purpose must be known, and fine-tune data must be a .jsonl file (as the real API insists). */
export function checkPurposeAndName(purpose: string | undefined, filename: string, param = 'purpose'): FileObject['purpose'] {
  if (!purpose) throw missingParam(param);
  if (!PURPOSES.has(purpose)) {
    throw badRequest(
      `Invalid value for 'purpose': '${purpose}'. Supported values are: 'assistants', 'batch', 'fine-tune', 'vision', 'user_data', and 'evals'.`,
      param,
      'invalid_value',
    );
  }
  if (purpose === 'fine-tune' && !filename.toLowerCase().endsWith('.jsonl')) {
    throw badRequest(`Invalid file format for Fine-Tuning API. Must be .jsonl`, 'file', 'invalid_file_format');
  }
  return purpose as FileObject['purpose'];
}

export function getFile(env: ServerEnv, id: string): StoredFile {
  const file = env.state.files.get(id);
  if (!file) throw notFound(`No such File object: ${id}`, 'id');
  return file;
}

export function fileRoutes(env: ServerEnv): Route[] {
  return [
    route('POST', '/v1/files', async (ctx) => {
      const form = await ctx.multipart();
      const file = form.files['file'];
      if (!file) throw missingParam('file');
      const purpose = checkPurposeAndName(form.fields['purpose'], file.filename);
      return { json: storeFile(env, file.filename, purpose, file.data).object };
    }),

    route('GET', '/v1/files', (ctx) => {
      const purpose = ctx.query.get('purpose');
      const order = ctx.query.get('order') ?? 'desc';
      if (order !== 'asc' && order !== 'desc') throw badRequest(`Invalid value for 'order': '${order}'.`, 'order', 'invalid_value');
      let items = [...env.state.files.values()].map((f) => f.object);
      if (purpose) items = items.filter((f) => f.purpose === purpose);
      if (order === 'desc') items.reverse();
      return { json: paginate(items, ctx.query.get('after'), parseLimit(ctx.query, 10000, 10000), true) };
    }),

    route('GET', '/v1/files/:file_id', (ctx) => ({ json: getFile(env, ctx.params['file_id']!).object })),

    route('GET', '/v1/files/:file_id/content', (ctx) => ({
      body: getFile(env, ctx.params['file_id']!).content,
      contentType: 'application/octet-stream',
    })),

    route('DELETE', '/v1/files/:file_id', (ctx) => {
      const id = getFile(env, ctx.params['file_id']!).object.id;
      env.state.files.delete(id);
      return { json: { id, object: 'file', deleted: true } };
    }),
  ];
}
