// Creates a supervised fine-tuning job without ever creating it twice. The SDK has no
// idempotency key and would retry a create that timed out or got a 5xx, possibly after
// the service had already made (and will bill) the job. So the create request is sent
// with `maxRetries: 0` and a token in `metadata`. After an unclear failure (5xx, timeout,
// dropped connection) the request is never sent again: the service may list a new job only
// later (eventual consistency), so "not found" proves nothing. The token is looked up a
// bounded number of times; then the caller is told the token and how to find the job.
// Only a clear refusal that made no job (429) is sent again.
import { randomUUID } from 'node:crypto';
import { isAbort, isRetryable, isUnclearFailure, type FineTuningJob, type JobCreateParams, type OpenAI } from '../openai/client.ts';
import { backoff, sleep, throwIfAborted, withAbortNormalized } from '../openai/retry.ts';
import { plural } from '../text/plural.ts';

/** The metadata key that carries the idempotency token. */
export const IDEMPOTENCY_KEY = 'toolcall_idempotency';

/** A hyperparameter: 'auto' or a value. */
export type Hyper = 'auto' | number;

/** What to train: files already uploaded, model, and options. */
export interface JobSpec {
  training_file: string;
  validation_file?: string;
  model: string;
  suffix?: string;
  seed?: number;
  hyperparameters?: { n_epochs?: Hyper; batch_size?: Hyper; learning_rate_multiplier?: Hyper };
  /** Extra metadata pairs (at most 15: the token takes one of the 16). */
  metadata?: Record<string, string>;
}

/** The spec breaks a documented limit; `problems` has one sentence per limit. */
export class JobSpecError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'JobSpecError';
  }
}

/** The create failed in a way that leaves it unknown whether a job exists; do not blindly retry. */
export class UnknownJobStateError extends Error {
  constructor(
    readonly token: string,
    override readonly cause: unknown,
    /** Look-ups made after the failed create. */
    readonly lookups: number,
    /** True when the look-ups themselves failed (the last one did), false when they found nothing. */
    readonly lookupFailed: boolean,
  ) {
    const how = lookupFailed ? `${plural(lookups, 'look-up')} failed` : `${plural(lookups, 'look-up')} did not find it`;
    super(`Not known whether the job was created (the create request got no clear answer and ${how}); token ${token}; check with "${findJobCommand(token)}" before creating it again.`);
    this.name = 'UnknownJobStateError';
  }
}

/** The command that finds the job a token made, once the service lists it. */
export function findJobCommand(token: string): string {
  return `toolcall finetune find ${token}`;
}

/** One sentence per documented limit the spec breaks; empty when it is fine. */
export function checkJobSpec(spec: JobSpec): string[] {
  const problems: string[] = [];
  if (!spec.model?.trim()) problems.push('A model is required.');
  if (!spec.training_file?.trim()) problems.push('A training file id is required.');
  if (spec.suffix !== undefined && (spec.suffix.length < 1 || spec.suffix.length > 64)) {
    problems.push(`The suffix must be 1 to 64 characters long; "${spec.suffix.slice(0, 80)}" has ${spec.suffix.length}.`);
  }
  if (spec.seed !== undefined && !(Number.isInteger(spec.seed) && spec.seed >= 0 && spec.seed <= 2147483647)) {
    problems.push(`The seed must be a whole number from 0 to 2147483647; got ${spec.seed}.`);
  }
  const hp = spec.hyperparameters ?? {};
  const integer = (name: string, value: Hyper | undefined, max: number) => {
    if (value === undefined || value === 'auto') return;
    if (!(Number.isInteger(value) && value >= 1 && value <= max)) problems.push(`${name} must be 'auto' or a whole number from 1 to ${max}; got ${value}.`);
  };
  integer('n_epochs', hp.n_epochs, 50);
  integer('batch_size', hp.batch_size, 256);
  const lr = hp.learning_rate_multiplier;
  if (lr !== undefined && lr !== 'auto' && !(typeof lr === 'number' && Number.isFinite(lr) && lr > 0)) {
    problems.push(`learning_rate_multiplier must be 'auto' or a number greater than 0; got ${lr}.`);
  }
  const extra = Object.keys(spec.metadata ?? {});
  if (extra.length > 15) problems.push(`At most 15 metadata pairs may be added (one of the 16 holds the idempotency token); got ${extra.length}.`);
  if (extra.includes(IDEMPOTENCY_KEY)) problems.push(`The metadata key ${IDEMPOTENCY_KEY} is reserved.`);
  return problems;
}

/** The request body: supervised method, hyperparameters only where set, the token in metadata. */
export function jobCreateBody(spec: JobSpec, token: string): JobCreateParams {
  const hp = spec.hyperparameters ?? {};
  const hyperparameters: Record<string, Hyper> = {};
  for (const key of ['n_epochs', 'batch_size', 'learning_rate_multiplier'] as const) if (hp[key] !== undefined) hyperparameters[key] = hp[key];
  return {
    model: spec.model,
    training_file: spec.training_file,
    ...(spec.validation_file ? { validation_file: spec.validation_file } : {}),
    ...(spec.suffix !== undefined ? { suffix: spec.suffix } : {}),
    ...(spec.seed !== undefined ? { seed: spec.seed } : {}),
    metadata: { ...spec.metadata, [IDEMPOTENCY_KEY]: token },
    method: { type: 'supervised', supervised: { hyperparameters } },
  } as JobCreateParams;
}

export interface CreateJobOptions {
  /** Default: a fresh UUID. Pass the same token to resume an interrupted launch. */
  token?: string;
  /** Create requests in all when the service refuses with 429 (no job made), counting the first; default 3. */
  attempts?: number;
  /** First delay before a repeat after a 429, in ms, doubled each time; default 1000. */
  retryDelayMs?: number;
  /** Look-ups of the token after an unclear failure; default 6. */
  lookups?: number;
  /** First delay between look-ups, in ms, doubled each time up to 15 s; default 2000 (about 45 s in all). */
  lookupDelayMs?: number;
  /** Called with the token before the first create request (show it: it finds the job later). */
  onToken?: (token: string) => void | Promise<void>;
  /** Called after an unclear failure, before the token is looked up. */
  onUnclearFailure?: (error: unknown, attempt: number) => void;
  signal?: AbortSignal;
}

/** Longest wait between two look-ups. */
const MAX_LOOKUP_DELAY_MS = 15_000;

export interface CreatedJob {
  job: FineTuningJob;
  token: string;
  /** True when the job was found by its token after a failed create request. */
  recovered: boolean;
  /** Create requests sent. */
  requests: number;
}

export async function createJob(openai: OpenAI, spec: JobSpec, options: CreateJobOptions = {}): Promise<CreatedJob> {
  return withAbortNormalized(options.signal, () => createJobInner(openai, spec, options));
}

async function createJobInner(openai: OpenAI, spec: JobSpec, options: CreateJobOptions = {}): Promise<CreatedJob> {
  const problems = checkJobSpec(spec);
  if (problems.length > 0) throw new JobSpecError(problems);
  const token = options.token ?? randomUUID();
  const body = jobCreateBody(spec, token);
  const attempts = Math.max(1, options.attempts ?? 3);
  // A token passed back in may already have made a job.
  if (options.token) {
    const existing = await findJobByToken(openai, token, options.signal);
    if (existing) return { job: existing, token, recovered: true, requests: 0 };
  }
  await options.onToken?.(token);
  for (let n = 1; ; n++) {
    throwIfAborted(options.signal);
    try {
      const job = await openai.fineTuning.jobs.create(body, { maxRetries: 0, signal: options.signal });
      return { job, token, recovered: false, requests: n };
    } catch (error) {
      // A refusal (400, 401, 404...) made no job. A cancel by the caller may have come after
      // the service received the request: a caller that passed its own token can look it up.
      if (isAbort(error) || !isRetryable(error)) throw error;
      if (isUnclearFailure(error)) {
        options.onUnclearFailure?.(error, n);
        return { ...(await lookUpAfterUnclearFailure(openai, token, error, options)), requests: n };
      }
      // 429: refused, so no job was made; sending it again is safe.
      if (n >= attempts) throw error;
      await sleep(backoff(n - 1, options.retryDelayMs ?? 1000), options.signal);
    }
  }
}

/** Looks the token up `options.lookups` times with growing delays; never sends the create again. */
async function lookUpAfterUnclearFailure(openai: OpenAI, token: string, createError: unknown, options: CreateJobOptions): Promise<Omit<CreatedJob, 'requests'>> {
  const lookups = Math.max(1, options.lookups ?? 6);
  let lookupError: unknown;
  for (let i = 0; i < lookups; i++) {
    if (i > 0) await sleep(Math.min(backoff(i - 1, options.lookupDelayMs ?? 2000), MAX_LOOKUP_DELAY_MS), options.signal);
    try {
      const found = await findJobByToken(openai, token, options.signal);
      if (found) return { job: found, token, recovered: true };
      lookupError = undefined;
    } catch (error) {
      if (isAbort(error)) throw error;
      lookupError = error;
    }
  }
  throw new UnknownJobStateError(token, lookupError ?? createError, lookups, lookupError !== undefined);
}

/** Newest jobs scanned for a token when the service ignores the metadata filter. */
export const JOB_SCAN_LIMIT = 500;

/**
 * The job whose metadata carries `token`, if any. Asks the service to filter by metadata
 * and checks the metadata itself too, so a service that ignores the filter still gives the
 * right answer (it then scans the newest `scanLimit` jobs).
 */
export async function findJobByToken(openai: OpenAI, token: string, signal?: AbortSignal, scanLimit = JOB_SCAN_LIMIT): Promise<FineTuningJob | undefined> {
  let seen = 0;
  for await (const job of openai.fineTuning.jobs.list({ metadata: { [IDEMPOTENCY_KEY]: token }, limit: 100 }, { signal })) {
    if (job.metadata?.[IDEMPOTENCY_KEY] === token) return job;
    if (++seen >= scanLimit) break;
  }
  return undefined;
}
