// The identity of a case for resume: a hash of what the model is asked and what it is
// scored against. A results file keeps it per case, so a resumed run reuses an answer
// only for the very same case, not for whatever now sits at that line and turn.
import { createHash } from 'node:crypto';
import type { EvalCase } from './cases.ts';

/** 16 hex digits of the SHA-256 of the case's history, tools and expected calls. */
export function caseHash(c: Pick<EvalCase, 'history' | 'tools' | 'expected'>): string {
  return createHash('sha256').update(JSON.stringify([c.history, c.tools, c.expected])).digest('hex').slice(0, 16);
}
