// Bearer-key check. The error never contains the key: the real API echoes a masked
// key, and even a masked key in a log is more than a test server needs to reveal.
import { ApiError } from './apiError.ts';
import type { AuthOutcome } from './state.ts';

/** Which keys the server accepts: a list, a predicate, or by default any `sk-test…` key. */
export type KeyPolicy = readonly string[] | ((key: string) => boolean);

export function defaultKeyPolicy(key: string): boolean {
  return key.startsWith('sk-test');
}

/** Judge the Authorization header; returns the outcome and, when refused, the 401 to send. */
export function checkAuth(header: string | undefined, policy: KeyPolicy): { outcome: AuthOutcome; error?: ApiError } {
  const match = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) {
    return {
      outcome: 'missing',
      error: new ApiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        { code: 'invalid_api_key' },
      ),
    };
  }
  const key = match[1]!.trim();
  const accepted = typeof policy === 'function' ? policy(key) : policy.includes(key);
  if (accepted) return { outcome: 'accepted' };
  return {
    outcome: 'rejected',
    error: new ApiError(401, 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', {
      code: 'invalid_api_key',
    }),
  };
}

/** Headers that carry credentials and are therefore never recorded. */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'api-key', 'x-api-key', 'openai-api-key', 'proxy-authorization', 'cookie']);
