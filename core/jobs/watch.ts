// Follows a fine-tuning job until it ends: polls with backoff while it is active, reports
// each status change and each new event (oldest first), tolerates a few failed polls.
import { isAbort, isRetryable, type FineTuningJob, type FineTuningJobEvent, type OpenAI } from '../openai/client.ts';
import { backoff, sleep, throwIfAborted, withAbortNormalized } from '../openai/retry.ts';

export type JobStatus = FineTuningJob['status'];

/** Statuses in which a job can still change. */
export const ACTIVE_STATUSES: readonly JobStatus[] = ['validating_files', 'queued', 'running'];

export function isActive(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

export interface WatchOptions {
  /** Delay after a poll that saw a change, in ms; default 2000. */
  minDelayMs?: number;
  /** Longest delay between polls, in ms; default 60000. */
  maxDelayMs?: number;
  /** Failed polls in a row tolerated before giving up; default 5. */
  maxFailures?: number;
  /** A new status (the first poll reports the current one, `previous` undefined). */
  onStatus?: (job: FineTuningJob, previous: JobStatus | undefined) => void;
  /** A new event, oldest first. */
  onEvent?: (event: FineTuningJobEvent) => void;
  /** Every fetched job object, changed or not (trained tokens, estimated finish...). */
  onPoll?: (job: FineTuningJob) => void;
  /** A poll failed and will be repeated. */
  onPollError?: (error: unknown, failuresInARow: number) => void;
  /** Event ids already reported (e.g. by an earlier watch); updated as events arrive. */
  seenEvents?: Set<string>;
  signal?: AbortSignal;
}

/** Polls until the job is succeeded, failed or cancelled; returns the final job. */
export async function watchJob(openai: OpenAI, jobId: string, options: WatchOptions = {}): Promise<FineTuningJob> {
  return withAbortNormalized(options.signal, () => watchJobInner(openai, jobId, options));
}

async function watchJobInner(openai: OpenAI, jobId: string, options: WatchOptions = {}): Promise<FineTuningJob> {
  const minDelay = options.minDelayMs ?? 2000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const seen = options.seenEvents ?? new Set<string>();
  let status: JobStatus | undefined;
  let quiet = 0; // polls in a row without news
  let failures = 0;
  for (;;) {
    throwIfAborted(options.signal);
    let job: FineTuningJob;
    let news = false;
    try {
      job = await openai.fineTuning.jobs.retrieve(jobId, { signal: options.signal });
      const events = await newEvents(openai, jobId, seen, options.signal);
      failures = 0;
      options.onPoll?.(job);
      if (job.status !== status) {
        const previous = status;
        status = job.status;
        news = true;
        options.onStatus?.(job, previous);
      }
      for (const event of events) options.onEvent?.(event);
      news ||= events.length > 0;
    } catch (error) {
      if (isAbort(error) || !isRetryable(error) || ++failures > (options.maxFailures ?? 5)) throw error;
      options.onPollError?.(error, failures);
      await sleep(backoff(failures - 1, minDelay, maxDelay), options.signal);
      continue;
    }
    if (!isActive(job.status)) return job;
    quiet = news ? 0 : quiet + 1;
    await sleep(backoff(quiet, minDelay, maxDelay), options.signal);
  }
}

/** Events not in `seen`, oldest first; adds them to `seen`. Pages back until it meets a seen event. */
export async function newEvents(openai: OpenAI, jobId: string, seen: Set<string>, signal?: AbortSignal): Promise<FineTuningJobEvent[]> {
  const fresh: FineTuningJobEvent[] = [];
  // The API lists newest first: stop at the first event already reported.
  for await (const event of openai.fineTuning.jobs.listEvents(jobId, { limit: 100 }, { signal })) {
    if (seen.has(event.id)) break;
    fresh.push(event);
  }
  fresh.reverse();
  for (const event of fresh) seen.add(event.id);
  return fresh;
}
