// An evaluation through the OpenAI Batch API: every pending case becomes one line of a
// requests file, uploaded and run as one batch (/v1/chat/completions, 24h window, half the
// price of live requests); the batch is polled with backoff, its output and error files are
// downloaded and each line is mapped back to its case by custom_id. The caller stores the
// batch id in the results file as soon as it exists, so a later run (or a restarted editor)
// collects that batch instead of creating another.
import type { EvalCase } from './cases.ts';
import { caseRecord, modelResults, type BatchRef, type CaseRecord, type CaseUsage } from './results.ts';
import { costOf, ratesFor, DEFAULT_PRICES, type PriceTable } from './pricing.ts';
import type { MetricsOptions } from './metrics.ts';
import type { ContentCallFormat } from './normalizeAnswer.ts';
import { scoreCase } from './score.ts';
import { caseHashes, chatRequest, predictionOf, reusableRecords, type RunModelResult } from './runner.ts';
import { caseKey } from './predictions.ts';
import { sleep as defaultSleep } from '../openai/retry.ts';
import { describeApiError, toFile, type Batch, type OpenAI } from '../openai/client.ts';
import type { Sleep } from './runnerRetry.ts';

/** The Batch API bills half the live price. */
export const BATCH_PRICE_FACTOR = 0.5;
/** Statuses after which a batch changes no more. */
export const FINAL_BATCH_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed', 'expired', 'cancelled']);

/** What to run and how. */
export interface RunBatchOptions {
  openai: OpenAI;
  model: string;
  /** The endpoint as results show it (secrets removed), for the record and pricing. */
  baseURL: string;
  cases: readonly EvalCase[];
  /** Cases of an earlier run: kept when their case hash is unchanged and they did not fail. */
  previous?: readonly CaseRecord[];
  /** The batch of an earlier run; collected instead of creating another unless it is final. */
  batch?: BatchRef;
  temperature?: number;
  prices?: PriceTable;
  metrics?: MetricsOptions;
  /** Read calls a server left as text in `content`, as the live runner does. */
  parseContentCalls?: ContentCallFormat;
  signal?: AbortSignal;
  /** Secrets to remove from error sentences. */
  secrets?: readonly string[];
  /** Called when the batch is created and whenever its status changes: store it. */
  onBatch?: (batch: BatchRef) => void | Promise<void>;
  /** First wait between polls (default 5 s), doubled up to `maxPollMs` (default 60 s). */
  firstPollMs?: number;
  maxPollMs?: number;
  sleep?: Sleep;
}

/** A batch run's outcome: the model's entry, and the batch (absent when nothing needed asking). */
export interface RunBatchResult extends RunModelResult {
  batch?: BatchRef;
}

/** The custom_id of a case: where it is and what it was, so a changed eval set cannot be matched to an old answer. */
export function customId(c: EvalCase, hash: string): string {
  return `${caseKey(c.line, c.turn)}:${hash}`;
}

/** The requests file: one `{custom_id, method, url, body}` line per case. */
export function batchRequestsJsonl(cases: readonly EvalCase[], hashes: ReadonlyMap<string, string>, model: string, temperature = 0): string {
  return cases.map((c) => JSON.stringify({ custom_id: customId(c, hashes.get(caseKey(c.line, c.turn))!), method: 'POST', url: '/v1/chat/completions', body: chatRequest(c, model, temperature) })).join('\n') + '\n';
}

/** Runs (or collects) one model's batch. Never throws for a failed request or batch: see `fatal` and per-case errors. */
export async function runBatch(options: RunBatchOptions): Promise<RunBatchResult> {
  const hashes = caseHashes(options.cases);
  const kept = reusableRecords(hashes, options.previous);
  const pending = options.cases.filter((c) => !kept.has(caseKey(c.line, c.turn)));
  const finish = (records: CaseRecord[], extra: Partial<RunBatchResult> = {}): RunBatchResult => ({
    results: modelResults(options.model, options.baseURL, [...kept.values(), ...records]),
    cancelled: false,
    ...extra,
  });
  const secrets = options.secrets ?? [];
  // The batch as last seen, returned whatever happens next, so it is never lost.
  let seen: BatchRef | undefined = options.batch;
  const note = async (b: Batch) => {
    seen = { id: b.id, status: b.status };
    await options.onBatch?.(seen);
  };
  let batch: Batch;
  try {
    const resumable = options.batch && !FINAL_BATCH_STATUSES.has(options.batch.status) ? options.batch : undefined;
    if (resumable) batch = await options.openai.batches.retrieve(resumable.id, { signal: options.signal });
    else {
      if (pending.length === 0) return finish([]);
      const file = await options.openai.files.create(
        { file: await toFile(Buffer.from(batchRequestsJsonl(pending, hashes, options.model, options.temperature)), 'toolcall-eval-batch.jsonl'), purpose: 'batch' },
        { signal: options.signal },
      );
      batch = await options.openai.batches.create(
        { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { source: 'toolcall eval', model: options.model } },
        // Never retried automatically: a retry after a lost answer could create a second billed batch.
        { signal: options.signal, maxRetries: 0 },
      );
    }
    let status = batch.status;
    await note(batch);
    let wait = options.firstPollMs ?? 5000;
    while (!FINAL_BATCH_STATUSES.has(batch.status)) {
      await (options.sleep ?? defaultSleep)(wait, options.signal);
      wait = Math.min(options.maxPollMs ?? 60_000, wait * 2);
      batch = await options.openai.batches.retrieve(batch.id, { signal: options.signal });
      if (batch.status !== status) {
        status = batch.status;
        await note(batch);
      }
    }
  } catch (error) {
    const where = seen ? { batch: seen } : {};
    if (options.signal?.aborted) return finish([], { cancelled: true, ...where });
    return finish([], { fatal: `The batch could not be run: ${describeApiError(error, secrets)}`, ...where });
  }
  const ref = { id: batch.id, status: batch.status };
  if (batch.status === 'failed') {
    const first = batch.errors?.data?.[0];
    const where = first?.line ? ` (requests file line ${first.line})` : '';
    return finish([], { batch: ref, fatal: `The batch ${batch.id} failed: ${first?.message ?? 'no reason given'}${where}` });
  }
  try {
    const lines = [...(await download(options.openai, batch.output_file_id)), ...(await download(options.openai, batch.error_file_id))];
    return finish(collect(options, pending, hashes, lines, batch), { batch: ref });
  } catch (error) {
    return finish([], { batch: ref, fatal: `The results of batch ${batch.id} could not be downloaded: ${describeApiError(error, secrets)}` });
  }
}

async function download(openai: OpenAI, fileId: string | null | undefined): Promise<string[]> {
  if (!fileId) return [];
  const text = await (await openai.files.content(fileId)).text();
  return text.split('\n').filter((l) => l.trim() !== '');
}

interface BatchLine {
  custom_id?: string;
  response?: { status_code?: number; request_id?: string; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

// Output and error lines back to case records; lines for no pending case (an edited eval set) are ignored.
function collect(options: RunBatchOptions, pending: readonly EvalCase[], hashes: ReadonlyMap<string, string>, lines: string[], batch: Batch): CaseRecord[] {
  const byId = new Map(pending.map((c) => [customId(c, hashes.get(caseKey(c.line, c.turn))!), c]));
  const rates = ratesFor(options.model, options.baseURL, options.prices ?? DEFAULT_PRICES);
  const records: CaseRecord[] = [];
  const seen = new Set<string>();
  for (const text of lines) {
    let line: BatchLine;
    try {
      line = JSON.parse(text) as BatchLine;
    } catch {
      continue;
    }
    const c = line.custom_id === undefined ? undefined : byId.get(line.custom_id);
    if (!c || seen.has(line.custom_id!)) continue;
    seen.add(line.custom_id!);
    const hash = hashes.get(caseKey(c.line, c.turn));
    const status = line.response?.status_code;
    if (status === 200 && line.response?.body) {
      const body = line.response.body as Parameters<typeof predictionOf>[1];
      const usage: CaseUsage | null = body.usage ? { prompt_tokens: body.usage.prompt_tokens ?? 0, completion_tokens: body.usage.completion_tokens ?? 0 } : null;
      const { normalized, ...prediction } = predictionOf(c, body, options.parseContentCalls);
      const costUsd = usage && rates ? costOf(usage, rates) * BATCH_PRICE_FACTOR : null;
      records.push(caseRecord(c, prediction, scoreCase(c, prediction, options.metrics), { usage, costUsd, attempts: 1, hash, normalized }));
      continue;
    }
    const bodyError = (line.response?.body as { error?: { message?: string } } | undefined)?.error?.message;
    const error = line.error?.code === 'batch_expired'
      ? `Not run: batch ${batch.id} expired before this request; run again to ask it.`
      : `The batch request failed${status ? ` (${status})` : ''}: ${(bodyError ?? line.error?.message ?? 'no reason given').replace(/[.\s]+$/, '')}.`;
    records.push(caseRecord(c, undefined, scoreCase(c, undefined, options.metrics), { error, attempts: 1, hash }));
  }
  return records;
}
