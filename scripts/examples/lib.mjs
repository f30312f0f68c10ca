// Shared helpers for the example-dataset generator and checker.
import { createHash } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Deterministic, random-looking `call_` + 24 alphanumerics from a seed string. */
export function callId(seed) {
  const bytes = createHash('sha256').update(seed).digest();
  let s = '';
  for (let i = 0; i < 24; i++) s += ALNUM[bytes[i] % ALNUM.length];
  return 'call_' + s;
}

/** Deterministic hex token (for fake email message ids). */
export function hexToken(seed, n = 16) {
  return createHash('sha256').update(seed).digest('hex').slice(0, n);
}

/**
 * The arithmetic the `calculate` tool accepts: digits, decimal points, + - * / ^ and
 * parentheses. Returns the rounded number, or throws.
 */
export function evaluate(expression, precision = 2) {
  if (!/^[0-9+\-*/^(). ]+$/.test(expression)) throw new Error('unsupported characters: ' + expression);
  if (expression.includes('**')) throw new Error('** not allowed: ' + expression);
  // eslint-disable-next-line no-new-func
  const value = Function(`"use strict"; return (${expression.replace(/\^/g, '**')});`)();
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('not a finite number: ' + expression);
  const f = 10 ** precision;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}
