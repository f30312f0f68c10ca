// Batch API: create from an uploaded `purpose: batch` JSONL file, a simulated lifecycle
// (validating -> in_progress -> finalizing -> completed, one step per retrieve or
// `advance()`), the requests answered by the scripted chat models at completion, output
// and error files as the real service writes them, cancel, an invalid input file (failed),
// and expiry (`expireNext`: the batch ends `expired` after answering only some requests).
import type { Batch } from 'openai/resources/batches';
import { ApiError, badRequest, notFound } from './apiError.ts';
import { answerChat, type ChatScriptTable } from './chat.ts';
import { getFile, storeFile } from './files.ts';
import { route, seconds, type Route, type ServerEnv } from './router.ts';
import { requireString, type JsonObject } from './validate.ts';

/** A stored batch: the API object and what the simulation needs. */
export interface StoredBatch {
  object: Batch;
  /** Requests answered before the batch expires; undefined: it does not expire. */
  expireAfter?: number;
}

/** Test-facing control of batches. */
export interface BatchControl {
  /** Every batch by id. */
  readonly batches: Map<string, StoredBatch>;
  /** The next batch created expires after answering `answered` of its requests. */
  expireNext(answered: number): void;
  /** One lifecycle step of a batch (or of every active one). */
  advance(batchId?: string): Promise<void>;
}

const ENDPOINTS = new Set(['/v1/chat/completions']);
const ACTIVE = new Set(['validating', 'in_progress', 'finalizing', 'cancelling']);

export class BatchTable implements BatchControl {
  readonly batches = new Map<string, StoredBatch>();
  private expiry: number | undefined;

  constructor(
    private readonly env: ServerEnv,
    private readonly script: ChatScriptTable,
  ) {}

  expireNext(answered: number): void {
    this.expiry = answered;
  }

  create(body: JsonObject): Batch {
    const inputFileId = requireString(body, 'input_file_id');
    const endpoint = requireString(body, 'endpoint');
    const window = requireString(body, 'completion_window');
    if (!ENDPOINTS.has(endpoint)) throw badRequest(`Invalid value for 'endpoint': '${endpoint}'. This test server simulates /v1/chat/completions only.`, 'endpoint', 'invalid_value');
    if (window !== '24h') throw badRequest(`Invalid value for 'completion_window': '${window}'. Supported values are: '24h'.`, 'completion_window', 'invalid_value');
    const input = getFile(this.env, inputFileId);
    if (input.object.purpose !== 'batch') throw badRequest(`File ${inputFileId} has purpose '${input.object.purpose}'; a batch needs purpose 'batch'.`, 'input_file_id', 'invalid_value');
    const now = seconds(this.env);
    const object: Batch = {
      id: this.env.ids.next('batch_'),
      object: 'batch',
      endpoint,
      completion_window: window,
      input_file_id: inputFileId,
      status: 'validating',
      created_at: now,
      expires_at: now + 24 * 3600,
      request_counts: { total: 0, completed: 0, failed: 0 },
      metadata: (body['metadata'] as Batch['metadata']) ?? null,
    } as Batch;
    const stored: StoredBatch = { object, ...(this.expiry !== undefined ? { expireAfter: this.expiry } : {}) };
    this.expiry = undefined;
    this.batches.set(object.id, stored);
    return object;
  }

  get(id: string): StoredBatch {
    const batch = this.batches.get(id);
    if (!batch) throw notFound(`No batch found with id '${id}'.`, 'batch_id');
    return batch;
  }

  async advance(batchId?: string): Promise<void> {
    const targets = batchId ? [this.get(batchId)] : [...this.batches.values()].filter((b) => ACTIVE.has(b.object.status));
    for (const b of targets) await this.step(b);
  }

  private async step(b: StoredBatch): Promise<void> {
    const o = b.object;
    const now = seconds(this.env);
    if (o.status === 'validating') {
      const problems = this.validate(o);
      if (problems.length > 0) {
        Object.assign(o, { status: 'failed', failed_at: now, errors: { object: 'list', data: problems } });
        return;
      }
      Object.assign(o, { status: 'in_progress', in_progress_at: now, request_counts: { total: this.lines(o).length, completed: 0, failed: 0 } });
    } else if (o.status === 'in_progress') {
      Object.assign(o, { status: 'finalizing', finalizing_at: now });
    } else if (o.status === 'finalizing') {
      await this.run(b);
    } else if (o.status === 'cancelling') {
      Object.assign(o, { status: 'cancelled', cancelled_at: now });
    }
  }

  private lines(o: Batch): string[] {
    return getFile(this.env, o.input_file_id).content.toString('utf8').split('\n').filter((l) => l.trim() !== '');
  }

  // The input file's problems, as the service reports them: { code, message, line, param }.
  private validate(o: Batch): { code: string; message: string; line: number; param: string | null }[] {
    const problems: { code: string; message: string; line: number; param: string | null }[] = [];
    const seen = new Set<string>();
    this.lines(o).forEach((text, i) => {
      const line = i + 1;
      let request: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
      try {
        request = JSON.parse(text);
      } catch {
        problems.push({ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', line, param: null });
        return;
      }
      if (typeof request.custom_id !== 'string') problems.push({ code: 'missing_required_parameter', message: "Missing required parameter: 'custom_id'.", line, param: 'custom_id' });
      else if (seen.has(request.custom_id)) problems.push({ code: 'duplicate_custom_id', message: `The custom_id for this request is a duplicate of another request: ${request.custom_id}.`, line, param: 'custom_id' });
      else seen.add(request.custom_id);
      if (request.method !== 'POST') problems.push({ code: 'invalid_value', message: "Invalid value for 'method': only POST is supported.", line, param: 'method' });
      if (request.url !== o.endpoint) problems.push({ code: 'mismatched_endpoint', message: `The provided endpoint does not match the batch's endpoint ${o.endpoint}.`, line, param: 'url' });
    });
    return problems;
  }

  // Answers every request (or the first `expireAfter`), then writes the output and error files.
  private async run(b: StoredBatch): Promise<void> {
    const o = b.object;
    const output: string[] = [];
    const errors: string[] = [];
    let completed = 0;
    let failed = 0;
    for (const [i, text] of this.lines(o).entries()) {
      const request = JSON.parse(text) as { custom_id: string; body: JsonObject };
      const id = this.env.ids.next('batch_req_');
      if (b.expireAfter !== undefined && i >= b.expireAfter) {
        errors.push(JSON.stringify({ id, custom_id: request.custom_id, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }));
        failed++;
        continue;
      }
      const requestId = this.env.ids.next('req_', 32);
      try {
        const body = await answerChat(this.env, this.script, request.body);
        output.push(JSON.stringify({ id, custom_id: request.custom_id, response: { status_code: 200, request_id: requestId, body }, error: null }));
        completed++;
      } catch (error) {
        const e = error instanceof ApiError ? error : new ApiError(500, 'The server had an error while processing your request.');
        errors.push(JSON.stringify({ id, custom_id: request.custom_id, response: { status_code: e.status, request_id: requestId, body: e.body() }, error: null }));
        failed++;
      }
    }
    const now = seconds(this.env);
    const file = (lines: string[], name: string) => (lines.length > 0 ? storeFile(this.env, name, 'batch_output' as never, Buffer.from(lines.join('\n') + '\n')).object.id : null);
    const expired = b.expireAfter !== undefined && b.expireAfter < completed + failed;
    Object.assign(o, {
      status: expired ? 'expired' : 'completed',
      ...(expired ? { expired_at: now } : { completed_at: now }),
      output_file_id: file(output, `${o.id}_output.jsonl`),
      error_file_id: file(errors, `${o.id}_error.jsonl`),
      request_counts: { total: completed + failed, completed, failed },
    });
  }

  cancel(id: string): Batch {
    const b = this.get(id);
    if (!ACTIVE.has(b.object.status) || b.object.status === 'cancelling') throw new ApiError(409, `Cannot cancel a batch with status ${b.object.status}.`);
    Object.assign(b.object, { status: 'cancelling', cancelling_at: seconds(this.env) });
    return b.object;
  }
}

/** The routes; every retrieve moves an active batch one step, so a polling client sees it progress. */
export function batchRoutes(table: BatchTable): Route[] {
  return [
    route('POST', '/v1/batches', async (ctx) => ({ json: table.create(await ctx.json()) })),
    route('GET', '/v1/batches/:batch_id', async (ctx) => {
      const b = table.get(ctx.params['batch_id']!);
      if (ACTIVE.has(b.object.status)) await table.advance(b.object.id);
      return { json: b.object };
    }),
    route('POST', '/v1/batches/:batch_id/cancel', (ctx) => ({ json: table.cancel(ctx.params['batch_id']!) })),
    route('GET', '/v1/batches', () => ({ json: { object: 'list', data: [...table.batches.values()].map((b) => b.object).reverse(), has_more: false, first_id: null, last_id: null } })),
  ];
}
