// Small helpers shared by upload, create and watch: an abortable sleep, a backoff, and one
// shape for cancellation (the SDK's APIUserAbortError and our own sleeps both become AbortError).
import { isAbort } from './client.ts';

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Throws the signal's abort error when it has aborted. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal);
}

/** An `AbortError` (what `isAbort` recognises), carrying the signal's reason as cause. */
export function abortError(signal: AbortSignal): Error {
  const error = new Error('The operation was cancelled.', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

/** Exponential backoff: base * 2^attempt, capped; attempt 0 waits `base`. */
export function backoff(attempt: number, baseMs: number, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** attempt);
}

/** `error`, or an AbortError when it is a cancellation caused by `signal`. */
export function normalizeAbort(error: unknown, signal?: AbortSignal): unknown {
  return signal?.aborted && isAbort(error) ? abortError(signal) : error;
}

/** Runs `work`, turning a cancellation caused by `signal` into one AbortError shape. */
export async function withAbortNormalized<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw normalizeAbort(error, signal);
  }
}
