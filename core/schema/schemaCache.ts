// The entry point everything else uses: budget, then a bounded LRU of compiled schemas keyed by
// canonicalKey, so 10,000 lines declaring the same tool compile it once and memory stays flat.
// Schemas in the plain keyword subset (fastSubset.ts) are not compiled by ajv up front: they are
// checked by a small interpreter, and ajv compiles them only when that interpreter cannot say
// "valid", to produce ajv's own errors. Datasets with thousands of distinct tools spent most of
// their time in ajv.compile (1-2 ms each) for schemas whose calls were all valid.
import type { ArgumentError, CompiledParameters, SchemaProblem } from './types.ts';
import { canonicalKeyOfAcyclic, keyOfCanonicalJson } from './canonical.ts';
import { checkBudget, DEFAULT_BUDGET, type SchemaBudget } from './budget.ts';
import { compileParameters } from './compileParameters.ts';
import { AjvPool } from './ajvPool.ts';
import { isPlainObject } from './schemaWalk.ts';
import { fastValid, inFastSubsetIgnoring } from './fastSubset.ts';
import { planOf, planValid, type SubsetPlan } from './subsetPlan.ts';
import { strictProblems } from './strictProblems.ts';
import { flatErrors, isFlat } from './flatErrors.ts';

// Entries compiled by ajv hold its generated code (tens of KB); subset entries hold just the schema.
// 4,000 covers the bench dataset's 2,500 tools without eviction.
const DEFAULT_MAX_ENTRIES = 4000;

/**
 * A subset schema's calls are checked by its plan (subsetPlan.ts) from this check on, by fastValid
 * before: the real bench file checks most schemas once (its repeated calls are remembered), where
 * a plan would cost more than it saves; the generated file's ~100 calls a schema repay it.
 */
const PLAN_AT_CHECK = 2;

function refused(problem: SchemaProblem): CompiledParameters {
  return Object.freeze({ problems: Object.freeze([problem]) as SchemaProblem[], validate: null });
}

/** SchemaCache's key of a schema (`keyOf`): its canonical key, or why it is refused. */
export type SchemaKey = string | { readonly problem: SchemaProblem };

const refusal = (problem: SchemaProblem): SchemaKey => ({ problem });

/** Unexpected (a bug, or memory): reported on the schema rather than crashing the caller. */
function compilerBug(error: unknown): SchemaProblem {
  return {
    code: 'invalid-schema',
    message: `The schema could not be compiled (${error instanceof Error ? error.message : String(error)}); this is a bug in the schema compiler.`,
    path: [],
    fatal: true,
  };
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * One pool for every cache of the thread: a new ajv instance (with its formats) costs 10-35 ms of
 * CPU, and the server makes a cache per open document, so each document opened paid it again on
 * its first compile (277 ms of wall time at a load of 20). Compiles are synchronous, so sharing
 * the instances is safe; the pool still replaces each after its quota of compiles.
 */
export const sharedAjvPool = new AjvPool();

export class SchemaCache {
  private readonly entries = new Map<string, CompiledParameters>();
  private readonly maxEntries: number;
  private readonly budget: SchemaBudget;
  private readonly pool = sharedAjvPool;
  private compiles = 0;
  private hits = 0;
  private ajvCompiles = 0;

  constructor(options: { maxEntries?: number; budget?: Partial<SchemaBudget> } = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
  }

  /** compiles: cache misses that were compiled; hits: answers from the cache; size: entries held. */
  get stats(): { compiles: number; hits: number; size: number } {
    return { compiles: this.compiles, hits: this.hits, size: this.entries.size };
  }

  /** How many schemas ajv actually compiled (subset schemas only when a call was not plainly valid). */
  get ajvCompileCount(): number {
    return this.ajvCompiles;
  }

  /**
   * Compile (or fetch from cache by canonicalKey) a parameters schema. Never throws.
   * Over-budget schemas are refused before hashing and are not cached: the budget walk stops at
   * the first limit, so refusing again is cheap, while hashing a huge schema would not be.
   */
  compile(schema: unknown): CompiledParameters {
    return this.compileKeyed(schema, this.keyOf(schema));
  }

  /**
   * What `compile` looks `schema` up by: its canonical key, or why it is refused (not an object,
   * over budget). Never throws.
   * @param canonical canonicalJsonOfParsed(schema), when the caller has written it already.
   */
  keyOf(schema: unknown, canonical?: string): SchemaKey {
    try {
      if (!isPlainObject(schema) && typeof schema !== 'boolean') {
        return refusal({
          code: 'invalid-schema',
          message: `The parameters schema must be a JSON object (or true/false), not ${kindOf(schema)}.`,
          path: [],
          fatal: true,
        });
      }
      const overBudget = checkBudget(schema, this.budget);
      if (overBudget) return refusal(overBudget);
      // Within budget, so without cycles (a cycle would have run past its depth or value limit).
      return canonical === undefined ? canonicalKeyOfAcyclic(schema) : keyOfCanonicalJson(canonical);
    } catch (error) {
      return refusal(compilerBug(error));
    }
  }

  /** `compile` of `schema` whose `keyOf` is `key` (computed now, or kept from an equal schema). Never throws. */
  compileKeyed(schema: unknown, key: SchemaKey): CompiledParameters {
    if (typeof key !== 'string') return refused(key.problem);
    try {
      const cached = this.entries.get(key);
      if (cached) {
        this.hits++;
        // Re-insert to mark as most recently used (Map keeps insertion order).
        this.entries.delete(key);
        this.entries.set(key, cached);
        return cached;
      }
      this.compiles++;
      const ignored = inFastSubsetIgnoring(schema);
      const compiled = ignored === undefined ? this.ajvCompile(schema) : this.subsetParameters(schema as Record<string, unknown>, ignored);
      Object.freeze(compiled.problems);
      const frozen = Object.freeze(compiled);
      this.entries.set(key, frozen);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      return frozen;
    } catch (error) {
      return refused(compilerBug(error));
    }
  }

  private ajvCompile(schema: unknown): CompiledParameters {
    this.ajvCompiles++;
    return compileParameters(schema, this.pool);
  }

  /**
   * No problems but the unknown keyword's (`ignored`, '' for none: ajv would log it as its only
   * complaint); ajv compiles on the first call the subset check cannot pass, unless the schema
   * is flat (flatErrors.ts words ajv's errors then).
   */
  private subsetParameters(schema: Record<string, unknown>, ignored: string): CompiledParameters {
    let full: ((args: unknown) => ArgumentError[]) | null | undefined;
    let flat: boolean | undefined;
    let plan: SubsetPlan | undefined;
    let checks = 0;
    const validate = (args: unknown): ArgumentError[] => {
      try {
        if (plan === undefined && ++checks === PLAN_AT_CHECK) plan = planOf(schema);
        if (plan === undefined ? fastValid(schema, args) : planValid(plan, args)) return [];
      } catch {
        // a stack overflow on odd data: ajv's safe validation answers instead
      }
      if ((flat ??= isFlat(schema, ignored))) return flatErrors(schema, args);
      if (full === undefined) full = this.ajvCompile(schema).validate;
      return full ? full(args) : [];
    };
    return { problems: ignored === '' ? [] : strictProblems([`strict mode: unknown keyword: "${ignored}"`], schema), validate };
  }
}
