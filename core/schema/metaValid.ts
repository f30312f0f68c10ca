// Schemas the draft-07 meta-schema is known to accept, without ajv. The meta-schema check
// (ajv.validateSchema) compiles draft-07's meta-schema on its first use: ~30 ms of CPU, most of
// the first ajv compile of a run, for tool schemas that are nearly always plain. A schema this
// answers true for passes the meta-schema; false means "not known": ajv checks it as before.
import { isPlainObject } from './schemaWalk.ts';

type Rule = (value: unknown) => boolean;

const SIMPLE_TYPES = new Set(['array', 'boolean', 'integer', 'null', 'number', 'object', 'string']);

const isString: Rule = (value) => typeof value === 'string';
const isNumber: Rule = (value) => Number.isFinite(value);
const isBoolean: Rule = (value) => typeof value === 'boolean';
const isCount: Rule = (value) => Number.isInteger(value) && (value as number) >= 0;
const anything: Rule = () => true;
const isSchema: Rule = (value) => typeof value === 'boolean' || (isPlainObject(value) && schemaValid(value));
const isSchemaList: Rule = (value) => Array.isArray(value) && value.length > 0 && value.every(isSchema);
const isSchemaMap: Rule = (value) => isPlainObject(value) && Object.values(value).every(isSchema);
const isSimpleType: Rule = (value) => typeof value === 'string' && SIMPLE_TYPES.has(value);

/** Distinct strings (the meta-schema's stringArray). */
const isStringArray: Rule = (value) => Array.isArray(value) && value.every(isString) && new Set(value).size === value.length;

/** The meta-schema's `enum`, for enums of distinct JSON scalars only (deep equality is ajv's). */
const isScalarEnum: Rule = (value) => {
  if (!Array.isArray(value) || value.length === 0) return false;
  const seen = new Set<unknown>();
  for (const item of value) {
    if (item !== null && typeof item === 'object') return false;
    seen.add(item);
  }
  return seen.size === value.length;
};

/**
 * Each draft-07 keyword this knows, with what the meta-schema requires of its value. The
 * meta-schema's other keywords (`$ref`, `pattern`, `dependencies`...) are not known here: a schema
 * using one goes to ajv. Keywords the meta-schema does not name take any value.
 */
const RULES = new Map<string, Rule>([
  ['type', (value) => isSimpleType(value) || (Array.isArray(value) && value.length > 0 && value.every(isSimpleType) && new Set(value).size === value.length)],
  ['properties', isSchemaMap],
  ['definitions', isSchemaMap],
  ['items', (value) => isSchema(value) || isSchemaList(value)],
  ['additionalItems', isSchema],
  ['additionalProperties', isSchema],
  ['contains', isSchema],
  ['propertyNames', isSchema],
  ['not', isSchema],
  ['if', isSchema],
  ['then', isSchema],
  ['else', isSchema],
  ['allOf', isSchemaList],
  ['anyOf', isSchemaList],
  ['oneOf', isSchemaList],
  ['required', isStringArray],
  ['enum', isScalarEnum],
  ['const', anything],
  ['default', anything],
  ['examples', Array.isArray],
  ['title', isString],
  ['description', isString],
  ['$comment', isString],
  ['format', isString],
  ['contentMediaType', isString],
  ['contentEncoding', isString],
  ['readOnly', isBoolean],
  ['uniqueItems', isBoolean],
  ['maximum', isNumber],
  ['minimum', isNumber],
  ['exclusiveMaximum', isNumber],
  ['exclusiveMinimum', isNumber],
  ['multipleOf', (value) => isNumber(value) && (value as number) > 0],
  ['maxLength', isCount],
  ['minLength', isCount],
  ['maxItems', isCount],
  ['minItems', isCount],
  ['maxProperties', isCount],
  ['minProperties', isCount],
]);

/** Keywords of the draft-07 meta-schema that RULES leaves to ajv. */
const LEFT_TO_AJV = new Set(['$id', '$schema', '$ref', 'pattern', 'patternProperties', 'dependencies']);

function schemaValid(schema: Record<string, unknown>): boolean {
  for (const key of Object.keys(schema)) {
    const rule = RULES.get(key);
    if (rule ? !rule(schema[key]) : LEFT_TO_AJV.has(key)) return false;
  }
  return true;
}

/** True when the draft-07 meta-schema accepts `schema` (a JSON value, within the budget); false when not known. */
export function knownDraft07Valid(schema: unknown): boolean {
  try {
    return isSchema(schema);
  } catch {
    return false; // too deep for the stack: ajv decides
  }
}
