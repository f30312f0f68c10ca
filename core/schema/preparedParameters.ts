// A declaration's parameters schema as the SchemaCache compiles it: non-standard types mapped,
// draft-3 "required" flags lifted, then keyed (budget walk, canonical key). This ran once per
// declaration of every new tools JSON (the real bench file: 3,458 in its first 20,000 lines, ~25%
// of their CPU with the declaration's own key), so the walks that would change nothing are skipped
// after one cheap scan, and the key reuses the canonical text the caller wrote for the declaration.
import type { NonStandardType } from './types.ts';
import { normalizeTypes } from './normalizeTypes.ts';
import { liftRequiredFlags, type RequiredFlag } from './requiredFlags.ts';
import { STANDARD_TYPES } from './normalizeTypes.ts';
import { DEFAULT_BUDGET } from './budget.ts';
import type { SchemaCache, SchemaKey } from './schemaCache.ts';

/** One parameters schema prepared for the SchemaCache. */
export interface PreparedParameters {
  /** The schema to compile: types mapped, flags lifted (the declared object itself when neither changed it). */
  schema: unknown;
  nonStandard: NonStandardType[];
  flags: RequiredFlag[];
  /** `schemas.keyOf(schema)`. */
  key: SchemaKey;
}

/**
 * normalizeTypes, then liftRequiredFlags, then the SchemaCache's key of the result.
 * @param canonical canonicalJsonOfParsed(parameters), when the caller has it: the key of an
 * unchanged schema is then hashed from it instead of written again.
 */
export function prepareParameters(parameters: Record<string, unknown>, schemas: SchemaCache, canonical?: string): PreparedParameters {
  const { schema, nonStandard, flags } = standardizeSchema(parameters);
  return { schema, nonStandard, flags, key: schemas.keyOf(schema, schema === parameters ? canonical : undefined) };
}

/**
 * What normalizeTypes and then liftRequiredFlags give (the same schema object when neither
 * changes anything). Half the real file's schemas have no non-standard type and none has a
 * draft-3 flag: a scan of the value, cheaper than either walk, skips a walk that would find nothing.
 */
export function standardizeSchema(parameters: unknown): { schema: unknown; nonStandard: NonStandardType[]; flags: RequiredFlag[] } {
  const found = rewritesIn(parameters, 0);
  const { schema, nonStandard } = found & TYPES ? normalizeTypes(parameters) : { schema: parameters, nonStandard: [] };
  const lifted = found & FLAGS ? liftRequiredFlags(schema) : { schema, flags: [] };
  return { schema: lifted.schema, nonStandard, flags: lifted.flags };
}

/** A `type` normalizeTypes would map (a name or a union with a name outside JSON Schema's seven). */
const TYPES = 1;
/** A boolean `required` liftRequiredFlags would lift or drop. */
const FLAGS = 2;

/**
 * Which walks may change `value`: a superset of what they would find, since every object in the
 * value is looked at, schema position or not, with the same reads the walks make. Past the
 * budget's depth (the walks' own limit; also any cycle, which only code makes) both are run.
 */
function rewritesIn(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (depth > DEFAULT_BUDGET.maxDepth) return TYPES | FLAGS;
  let found = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && found !== (TYPES | FLAGS); i++) found |= rewritesIn(value[i], depth + 1);
    return found;
  }
  const object = value as Record<string, unknown>;
  if (typeof object.required === 'boolean') found |= FLAGS;
  if (Object.hasOwn(object, 'type') && mapsType(object.type)) found |= TYPES;
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length && found !== (TYPES | FLAGS); i++) found |= rewritesIn(object[keys[i]], depth + 1);
  return found;
}

/** Whether normalizeTypes rewrites a `type` of this value. */
function mapsType(type: unknown): boolean {
  if (typeof type === 'string') return !STANDARD_TYPES.has(type);
  return Array.isArray(type) && type.some((t) => typeof t === 'string' && !STANDARD_TYPES.has(t));
}
