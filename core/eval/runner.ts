// Asks a model every case of an eval set and scores its answers: chat completions with
// the case's history and tools at temperature 0, a bounded number of requests in
// flight, retries on 429/5xx (runnerRetry.ts), cancellation, progress, and resume
// (cases already answered in an earlier results entry are not asked again).
import type { EvalCase } from './cases.ts';
import type { MetricsOptions } from './metrics.ts';
import type { Prediction } from './predictions.ts';
import { caseKey } from './predictions.ts';
import { caseHash } from './caseHash.ts';
import { scoreCase } from './score.ts';
import { caseRecord, modelResults, type CaseRecord, type CaseUsage, type ModelResults } from './results.ts';
import { costOf, ratesFor, DEFAULT_PRICES, type PriceTable } from './pricing.ts';
import { ProgressTracker, type RunProgress } from './progress.ts';
import { failureKind, RetryGate, withRetry, type RetryPolicy, type Sleep } from './runnerRetry.ts';
import { APIError, describeApiError, isAbort, type OpenAI } from '../openai/client.ts';
import { normalizeAnswer, type AnswerMessage, type ContentCallFormat } from './normalizeAnswer.ts';

/** What to run and how. */
export interface RunModelOptions {
  /** A client for the endpoint, made with `maxRetries: 0` (retries are ours). */
  openai: OpenAI;
  model: string;
  /** The client's base URL: recorded in the results (never the key) and used for pricing. */
  baseURL: string;
  cases: readonly EvalCase[];
  /** Cases of an earlier run of this model: those without an error whose case hash is unchanged are kept, not asked again. */
  previous?: readonly CaseRecord[];
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  /** Default 0. */
  temperature?: number;
  prices?: PriceTable;
  metrics?: MetricsOptions;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Called after each case is recorded (to write checkpoints). */
  onCase?: (record: CaseRecord) => void;
  /** Stop the model when its first this-many requests all fail the same way; default 3, 0 never. */
  stopAfterSameFailures?: number;
  /** Read calls a server left as text in `content` (no tool parser on the server). */
  parseContentCalls?: ContentCallFormat;
  /** Secrets to remove from error sentences (the key). */
  secrets?: readonly string[];
  /** Test hooks: waits, the latency clock (performance.now), the wall clock of retry-after (Date.now). */
  sleep?: Sleep;
  now?: () => number;
  wallClock?: () => number;
}

/** The outcome of a run: the model's entry (earlier cases included) and why it stopped early, if it did. */
export interface RunModelResult {
  results: ModelResults;
  /** The signal aborted: cases not yet answered are left out (a later run resumes them). */
  cancelled: boolean;
  /** Set when the run stopped early (a refused key, an unknown model, the first requests all failing the same way): one sentence why. */
  fatal?: string;
}

/** Failures about the request's own content (too long, bad schema): three of them say nothing about the endpoint. */
const CASE_SPECIFIC = new Set(['status 400', 'status 413', 'status 422']);

/** Statuses that will fail every case the same way: stop instead of asking each case. */
const FATAL_STATUSES = new Set([401, 403, 404]);

/** The messages of a case as the API takes them: dataset-only fields (`weight`) removed. */
export function requestMessages(history: readonly unknown[]): unknown[] {
  return history.map((m) => {
    if (m === null || typeof m !== 'object' || !('weight' in m)) return m;
    const { weight: _weight, ...rest } = m as Record<string, unknown>;
    return rest;
  });
}

/** The chat completion request for a case. */
export function chatRequest(c: EvalCase, model: string, temperature: number): Record<string, unknown> {
  return {
    model,
    messages: requestMessages(c.history),
    ...(c.tools.length > 0 ? { tools: c.tools } : {}),
    temperature,
  };
}

interface ChatAnswer {
  choices?: { message?: AnswerMessage }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/** The prediction in a chat completion: its function calls (other kinds ignored) and its text, and how they were normalised. */
export function predictionOf(c: EvalCase, answer: ChatAnswer, parseContentCalls?: ContentCallFormat): Prediction & { normalized: string[] } {
  const { calls, content, normalized } = normalizeAnswer(answer.choices?.[0]?.message, parseContentCalls);
  return { line: c.line, turn: c.turn, calls, content, normalized };
}

/** The hash of each case by caseKey. */
export function caseHashes(cases: readonly EvalCase[]): Map<string, string> {
  return new Map(cases.map((c) => [caseKey(c.line, c.turn), caseHash(c)]));
}

/**
 * The earlier answers a resumed run keeps: only for the same case (same line and turn, and the
 * same history, tools and expected calls), never a failed one. A record without a hash cannot
 * be checked, so its case is asked again.
 */
export function reusableRecords(wanted: ReadonlyMap<string, string>, previous: readonly CaseRecord[] = []): Map<string, CaseRecord> {
  const kept = new Map<string, CaseRecord>();
  for (const r of previous) {
    const key = caseKey(r.line, r.turn);
    if (r.error === undefined && r.hash !== undefined && wanted.get(key) === r.hash) kept.set(key, r);
  }
  return kept;
}

/** Runs one model over the cases. Never throws for a failed request: failures are recorded per case (or as `fatal`). */
export async function runModel(options: RunModelOptions): Promise<RunModelResult> {
  const now = options.now ?? (() => performance.now());
  const kept = new Map<string, CaseRecord>();
  const wanted = caseHashes(options.cases);
  for (const [key, r] of reusableRecords(wanted, options.previous)) kept.set(key, r);
  const pending = options.cases.filter((c) => !kept.has(caseKey(c.line, c.turn)));
  const records: CaseRecord[] = [...kept.values()];
  const progress = new ProgressTracker(options.cases.length, kept.size, now);
  options.onProgress?.(progress.snapshot());

  const rates = ratesFor(options.model, options.baseURL, options.prices ?? DEFAULT_PRICES);
  const gate = new RetryGate();
  // Our own controller: a fatal answer stops the other workers' requests too.
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  let fatal: string | undefined;
  let next = 0;
  // The kinds of the first outcomes (null: an answer), in the order they finished.
  const stopAfter = options.stopAfterSameFailures ?? 3;
  const firstOutcomes: (string | null)[] = [];
  const noteOutcome = (kind: string | null, message?: string) => {
    if (stopAfter <= 0 || firstOutcomes.length >= stopAfter) return;
    firstOutcomes.push(kind);
    if (firstOutcomes.length === stopAfter && kind !== null && !CASE_SPECIFIC.has(kind) && firstOutcomes.every((k) => k === kind)) {
      fatal ??= `Stopped after the first ${stopAfter} requests all failed the same way: ${message}`;
      stop.abort(new Error(fatal));
    }
  };

  const askOne = async (c: EvalCase): Promise<void> => {
    let started = 0;
    try {
      const { value: answer, attempts } = await withRetry(
        () => {
          started = now();
          return options.openai.chat.completions.create(chatRequest(c, options.model, options.temperature ?? 0) as never, { signal: stop.signal, maxRetries: 0 }) as Promise<ChatAnswer>;
        },
        { policy: options.retry, gate, signal: stop.signal, sleep: options.sleep, now: options.wallClock },
      );
      const latencyMs = Math.round(now() - started);
      const usage: CaseUsage | null = answer.usage
        ? { prompt_tokens: answer.usage.prompt_tokens ?? 0, completion_tokens: answer.usage.completion_tokens ?? 0 }
        : null;
      const { normalized, ...prediction } = predictionOf(c, answer, options.parseContentCalls);
      const costUsd = usage && rates ? costOf(usage, rates) : null;
      const record = caseRecord(c, prediction, scoreCase(c, prediction, options.metrics), { latencyMs, usage, costUsd, attempts, normalized, hash: wanted.get(caseKey(c.line, c.turn)) });
      records.push(record);
      options.onCase?.(record);
      options.onProgress?.(progress.finish(true));
      noteOutcome(null);
    } catch (error) {
      if (stop.signal.aborted && isAbort(error)) return; // cancelled or stopped: not recorded, resumed later
      if (stop.signal.aborted) return;
      const status = error instanceof APIError ? error.status : undefined;
      const message = describeApiError(error, options.secrets ?? []);
      if (typeof status === 'number' && FATAL_STATUSES.has(status)) {
        fatal ??= message;
        stop.abort(new Error(message));
        return;
      }
      const attempts = (error as { attempts?: number } | null)?.attempts;
      const record = caseRecord(c, undefined, scoreCase(c, undefined, options.metrics), { error: message, ...(attempts ? { attempts } : {}) });
      records.push(record);
      options.onCase?.(record);
      options.onProgress?.(progress.finish(false));
      noteOutcome(failureKind(error), message);
    }
  };

  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < pending.length) await askOne(pending[next++]);
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 4, pending.length));
  await Promise.all(Array.from({ length: width }, worker));
  options.signal?.removeEventListener('abort', onAbort);

  const result: RunModelResult = {
    results: modelResults(options.model, options.baseURL, records),
    cancelled: fatal === undefined && stop.signal.aborted,
  };
  if (fatal !== undefined) result.fatal = fatal;
  return result;
}
