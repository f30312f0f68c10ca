// Retries of one chat request on rate limits (429), server errors (5xx) and lost
// connections. Our own loop (the SDK's is switched off with maxRetries 0) because the
// runner needs what the SDK's hides: a retry-after from one worker pauses every worker
// (they share the same rate limit), the number of attempts is recorded per case, waits
// are cancellable by the run's signal, and tests can replace the clock.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from '../openai/client.ts';
import { abortError, sleep as defaultSleep } from '../openai/retry.ts';

/** How hard to try. */
export interface RetryPolicy {
  /** Attempts in all, the first included; default 5. */
  maxAttempts?: number;
  /** First backoff when the service gives no retry-after; doubles each attempt; default 500 ms. */
  baseDelayMs?: number;
  /** Longest single wait, retry-after included; default 60 s. */
  maxDelayMs?: number;
}

/** Shared by the workers of one run: nobody sends before `until`. */
export class RetryGate {
  until = 0;
}

/** A wait the runner can stub. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** True for failures worth repeating: 429, 408, 409, >= 500, no answer (except a host name that does not exist). */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof APIConnectionError) return connectionCode(error) !== 'ENOTFOUND';
  if (error instanceof APIError && typeof error.status === 'number') {
    return error.status === 429 || error.status === 408 || error.status === 409 || error.status >= 500;
  }
  return false;
}

/** The system error code under a connection error (ENOTFOUND, ECONNREFUSED, ...), if any. */
export function connectionCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
  }
  return undefined;
}

/**
 * What kind of failure this is, to tell "every request fails the same way" (a wrong
 * endpoint, key or model) from bad luck: `status 401`, `timeout`, `ECONNREFUSED`, ...
 */
export function failureKind(error: unknown): string {
  if (error instanceof APIConnectionTimeoutError) return 'timeout';
  if (error instanceof APIConnectionError) return connectionCode(error) ?? 'connection';
  if (error instanceof APIError && typeof error.status === 'number') return `status ${error.status}`;
  return error instanceof Error ? error.name : 'unknown';
}

/**
 * Milliseconds the service asked us to wait: `retry-after-ms`, else `retry-after` in
 * seconds or as an HTTP date; undefined when absent or unreadable.
 */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (!(error instanceof APIError) || !error.headers) return undefined;
  const headers = error.headers as Headers;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Outcome of `withRetry`: the value and how many attempts it took. */
export interface Retried<T> {
  value: T;
  attempts: number;
}

/**
 * Calls `attempt` until it succeeds, a non-retryable error occurs or the attempts run
 * out (then the last error is thrown, with `attempts` set on it). Waits honour the
 * service's retry-after (capped at maxDelayMs), else back off exponentially with jitter.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: { policy?: RetryPolicy; gate?: RetryGate; signal?: AbortSignal; sleep?: Sleep; now?: () => number; random?: () => number } = {},
): Promise<Retried<T>> {
  const maxAttempts = Math.max(1, options.policy?.maxAttempts ?? 5);
  const base = options.policy?.baseDelayMs ?? 500;
  const cap = options.policy?.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  for (let n = 1; ; n++) {
    if (options.signal?.aborted) throw abortError(options.signal);
    const paused = (options.gate?.until ?? 0) - now();
    if (paused > 0) await sleep(paused, options.signal);
    try {
      return { value: await attempt(), attempts: n };
    } catch (error) {
      if (options.signal?.aborted) throw abortError(options.signal);
      if (n >= maxAttempts || !isRetryableError(error)) {
        if (error && typeof error === 'object') (error as { attempts?: number }).attempts = n;
        throw error;
      }
      const asked = retryAfterMs(error, now());
      // Jitter spreads the workers that failed together; a retry-after is obeyed as given.
      const wait = Math.min(cap, asked ?? base * 2 ** (n - 1) * (0.75 + random() * 0.5));
      if (options.gate && asked !== undefined) options.gate.until = Math.max(options.gate.until, now() + wait);
      await sleep(wait, options.signal);
    }
  }
}
