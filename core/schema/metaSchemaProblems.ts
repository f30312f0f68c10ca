// Turns ajv's meta-schema errors (the schema checked against the JSON Schema meta-schema) into
// one `invalid-schema` problem per location, worded for the keyword that is wrong.
import type { ErrorObject } from 'ajv';
import type { JsonPath, SchemaProblem } from './types.ts';
import { pointerToPath } from './jsonPointer.ts';
import { SCHEMA_LIST_KEYWORDS, SCHEMA_MAP_KEYWORDS, SINGLE_SCHEMA_KEYWORDS } from './schemaWalk.ts';

const NON_NEGATIVE_INTEGER = 'must be a non-negative integer';
const NUMBER = 'must be a number';
const SCHEMA = 'must be a schema (an object, or true/false)';
const SCHEMA_LIST = 'must be a non-empty array of schemas';
const SCHEMA_MAP = 'must be an object mapping names to schemas';

/** What the meta-schema expects of each common keyword. */
const EXPECTED: Record<string, string> = {
  type: 'must be one of "string", "number", "integer", "boolean", "object", "array", "null", or an array of them',
  properties: 'must be an object mapping each property name to its schema',
  required: 'must be an array of distinct property names (strings)',
  enum: 'must be a non-empty array of the allowed values',
  items: 'must be a schema (an object, or true/false) or an array of schemas',
  additionalProperties: SCHEMA, additionalItems: SCHEMA, not: SCHEMA, contains: SCHEMA,
  propertyNames: SCHEMA, if: SCHEMA, then: SCHEMA, else: SCHEMA,
  allOf: SCHEMA_LIST, anyOf: SCHEMA_LIST, oneOf: SCHEMA_LIST,
  patternProperties: 'must be an object mapping valid regular expressions to schemas',
  definitions: SCHEMA_MAP, $defs: SCHEMA_MAP, dependentSchemas: SCHEMA_MAP,
  pattern: 'must be a valid regular expression (ECMAScript syntax)',
  format: 'must be a string naming a format',
  minimum: NUMBER, maximum: NUMBER, exclusiveMinimum: NUMBER, exclusiveMaximum: NUMBER,
  multipleOf: 'must be a number greater than 0',
  minLength: NON_NEGATIVE_INTEGER, maxLength: NON_NEGATIVE_INTEGER, minItems: NON_NEGATIVE_INTEGER,
  maxItems: NON_NEGATIVE_INTEGER, minProperties: NON_NEGATIVE_INTEGER, maxProperties: NON_NEGATIVE_INTEGER,
  uniqueItems: 'must be true or false',
  description: 'must be a string', title: 'must be a string',
  $ref: 'must be a string (a URI reference such as "#/$defs/name")',
};

/**
 * The keyword a meta-schema error is about, found by following the path through schema positions
 * (so a property named "type" is not mistaken for the keyword). `entry`: the error is about one
 * schema inside a keyword's map or list (`properties.a`, `anyOf[2]`).
 */
function keywordOf(path: JsonPath): { keyword: string | null; entry: boolean } {
  let keyword: string | null = null;
  let entry = false;
  let position: 'schema' | 'container' | 'value' = 'schema';
  for (let i = 0; i < path.length && position !== 'value'; i++) {
    if (position === 'container') {
      position = 'schema';
      entry = true;
      continue;
    }
    entry = false;
    keyword = String(path[i]);
    const inList = SCHEMA_LIST_KEYWORDS.includes(keyword) && typeof path[i + 1] === 'number';
    if (SCHEMA_MAP_KEYWORDS.includes(keyword) || inList) position = 'container';
    else if (!SINGLE_SCHEMA_KEYWORDS.includes(keyword) && keyword !== 'items') position = 'value';
  }
  return { keyword, entry };
}

function messageFor(path: JsonPath, errors: ErrorObject[]): string {
  const { keyword, entry } = keywordOf(path);
  if (keyword === null) return 'The schema must be a JSON object (or true/false) built from JSON Schema keywords.';
  if (entry) return `Each entry of "${keyword}" must be a schema (an object, or true/false).`;
  if (Object.hasOwn(EXPECTED, keyword)) return `"${keyword}" ${EXPECTED[keyword]}.`;
  // Unlisted keyword: use the most specific ajv message (combinator errors like anyOf say least).
  const specific = errors.find((e) => !['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword)) ?? errors[0];
  return `"${keyword}" ${specific.message ?? 'is invalid'}, as the JSON Schema meta-schema requires.`;
}

/** One fatal problem per schema location that fails the meta-schema. */
export function metaSchemaProblems(errors: readonly ErrorObject[], schema: unknown): SchemaProblem[] {
  const byPointer = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const group = byPointer.get(error.instancePath);
    if (group) group.push(error);
    else byPointer.set(error.instancePath, [error]);
  }
  const problems: SchemaProblem[] = [];
  for (const [pointer, group] of byPointer) {
    const path = pointerToPath(pointer, schema);
    problems.push({ code: 'invalid-schema', message: messageFor(path, group), path, fatal: true });
  }
  return problems;
}
