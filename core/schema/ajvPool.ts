// The ajv instances, one per supported draft, configured for untrusted schemas.
import { Ajv, type Options } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { re2RegExp } from './safeRegExp.ts';
import { linearUniqueItems } from './uniqueItems.ts';

export type Draft = 'draft-07' | '2019-09' | '2020-12';

/** An ajv instance and the strict-mode complaints it logged during the current compile. */
export interface AjvSlot {
  ajv: Ajv;
  /** Collects ajv's strict-mode log lines while `run` executes (ajv compiles synchronously). */
  collectStrictLog<T>(run: () => T): { result: T; log: string[] };
}

function createSlot(draft: Draft): AjvSlot {
  let sink: string[] | null = null;
  // Only strict-mode complaints are kept; ajv also logs whole generated functions on failures.
  const record = (first: unknown) => {
    if (sink && typeof first === 'string' && first.startsWith('strict mode: ')) sink.push(first);
  };
  const options: Options = {
    allErrors: true,
    ownProperties: true, // required: ["toString"] is missing from {} (prototype keys do not count)
    strict: 'log', // strict complaints become strict-keyword problems instead of exceptions
    logger: { log: record, warn: record, error: record },
    allowUnionTypes: true, // "type": ["string", "null"] is normal in tool schemas
    validateSchema: false, // the meta-schema is checked first by the caller, to report paths
    addUsedSchema: false, // untrusted `$id`s are never registered, so they cannot collide or leak
    loopEnum: 200, // big enums and required lists become loops instead of unrolled code
    loopRequired: 200,
    // regExp: linear-time patterns (threat 1). optimize: false compiles 2-3x faster (BFCL schemas:
    // ~0.8 ms instead of ~2 ms) and validation measured no slower; compiles are the cost on the
    // first sight of every distinct tool.
    code: { regExp: re2RegExp, optimize: false },
    // No loadSchema: ajv never fetches a `$ref` (threat 4).
  };
  const ajv = draft === '2020-12' ? new Ajv2020(options) : draft === '2019-09' ? new Ajv2019(options) : new Ajv(options);
  addFormats(ajv);
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword(linearUniqueItems);
  return {
    ajv,
    collectStrictLog<T>(run: () => T) {
      const log: string[] = [];
      sink = log;
      try {
        return { result: run(), log };
      } finally {
        sink = null;
      }
    },
  };
}

/**
 * Hands out ajv instances and replaces them after `compilesPerInstance` compiles: ajv keeps some
 * per-instance state for every schema it compiled (its shared scope of patterns and functions),
 * so a long session of distinct untrusted schemas would otherwise grow without bound.
 */
export class AjvPool {
  private readonly slots = new Map<Draft, { slot: AjvSlot; compiles: number }>();
  /** ajv instances this pool created (tests count them: each costs ~10-35 ms of CPU). */
  created = 0;

  constructor(private readonly compilesPerInstance = 1000) {}

  /** The instance to compile the next schema of this draft with. */
  take(draft: Draft): AjvSlot {
    let entry = this.slots.get(draft);
    if (!entry || entry.compiles >= this.compilesPerInstance) {
      entry = { slot: createSlot(draft), compiles: 0 };
      this.created++;
      this.slots.set(draft, entry);
    }
    entry.compiles++;
    return entry.slot;
  }
}
