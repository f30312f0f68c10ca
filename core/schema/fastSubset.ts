// A validator for the plain keyword subset nearly every tool schema uses (type, properties,
// required, additionalProperties, enum, const, items, length and range limits, annotations),
// so a schema seen for the first time costs a walk of microseconds instead of an ajv compile of
// a millisecond or two. It only ever answers "valid": any doubt falls back to ajv, which reports
// the errors (with its exact messages and params).
//
// A schema is admitted only when ajv, as configured in ajvPool.ts, would report nothing about
// it: every value passes the meta-schema, every keyword is known, each type-specific keyword
// sits next to a `type` that includes its type (strictTypes), each `required` name is declared
// in `properties` (strictRequired), and nothing prepareSchema rewrites is present (`$schema`,
// refs, `pattern`, `format`, a `__proto__` property). Everything else compiles with ajv as before.
//
// One exception, `inFastSubsetIgnoring`: a single unknown keyword (BFCL's "optional": true), at any
// number of places. ajv's validation ignores it and its strict mode logs only "unknown keyword",
// which strictProblems turns into the schema's problems without ajv (schemaCache.ts).

import { isPlainObject as isPlain } from './schemaWalk.ts';

/** A subset schema, checked once: `true`/`false`, or an object with the admitted keywords. */
type Node = boolean | Record<string, unknown>;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const ANNOTATIONS = new Set(['title', 'description', '$comment']);
const FLAGS = new Set(['deprecated', 'readOnly', 'writeOnly']);
const COUNTS = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);
const BOUNDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);
/** The type a keyword applies to; ajv's strictTypes wants that type declared next to it. */
const KEYWORD_TYPE: Record<string, string> = {
  properties: 'object', required: 'object', additionalProperties: 'object', minProperties: 'object', maxProperties: 'object',
  items: 'array', minItems: 'array', maxItems: 'array',
  minLength: 'string', maxLength: 'string',
  minimum: 'number', maximum: 'number', exclusiveMinimum: 'number', exclusiveMaximum: 'number',
};
/**
 * Every keyword ajv knows, as ajvPool.ts configures its draft-07 instance (compared in
 * fastSubsetUnknownKeyword.test.ts): its strict mode logs any other key of a schema object.
 */
export const AJV_KEYWORDS: ReadonlySet<string> = new Set([
  '$async', '$comment', '$defs', '$id', '$ref', '$schema', '$vocabulary', 'additionalItems', 'additionalProperties', 'allOf',
  'anyOf', 'const', 'contains', 'contentEncoding', 'contentMediaType', 'contentSchema', 'default', 'definitions',
  'dependencies', 'deprecated', 'description', 'else', 'enum', 'examples', 'exclusiveMaximum', 'exclusiveMinimum',
  'format', 'formatExclusiveMaximum', 'formatExclusiveMinimum', 'formatMaximum', 'formatMinimum', 'id', 'if', 'items',
  'maxItems', 'maxLength', 'maxProperties', 'maximum', 'minItems', 'minLength', 'minProperties', 'minimum', 'multipleOf',
  'not', 'nullable', 'oneOf', 'pattern', 'patternProperties', 'properties', 'propertyNames', 'readOnly', 'required',
  'then', 'title', 'type', 'uniqueItems', 'writeOnly',
]);

/**
 * A key ajv would log as an unknown keyword and then ignore: not one it knows, a plain name (no
 * `$`, nothing prepareSchema rewrites), and not a name Object.prototype has (ajv looks keywords up
 * in a plain object, so it takes "constructor" for a known one).
 */
const ignorable = (key: string): boolean => /^[A-Za-z][A-Za-z0-9_]*$/.test(key) && !AJV_KEYWORDS.has(key) && !(key in Object.prototype);

/** Deeper subsets are left to ajv, so the recursive walks below stay shallow. */
const MAX_DEPTH = 32;

const isPrimitive = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** True when `schema` (a draft-07 schema without `$schema`) is in the subset; see the file comment. */
export function inFastSubset(schema: unknown): boolean {
  return isPlain(schema) && admits(schema, 0, undefined);
}

/**
 * The unknown keyword `schema` has ('' for none) when it is in the subset but for one unknown
 * keyword, at any number of places; undefined when it is not.
 */
export function inFastSubsetIgnoring(schema: unknown): string | undefined {
  const unknown = { key: '' };
  return isPlain(schema) && admits(schema, 0, unknown) ? unknown.key : undefined;
}

/** @param unknown the one unknown keyword allowed (found so far: `key`), or undefined for none. */
function admits(schema: unknown, depth: number, unknown: { key: string } | undefined): boolean {
  if (typeof schema === 'boolean') return true;
  if (!isPlain(schema) || depth > MAX_DEPTH) return false;
  let types: string[] = [];
  if (Object.hasOwn(schema, 'type')) {
    const type = schema.type;
    if (typeof type === 'string') types = [type];
    else if (Array.isArray(type) && type.length > 0 && type.every((t) => typeof t === 'string')) types = type as string[];
    else return false;
    if (!types.every((t) => TYPES.has(t)) || new Set(types).size !== types.length) return false;
  }
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    const needs = KEYWORD_TYPE[key];
    if (needs !== undefined && !types.includes(needs) && !(needs === 'number' && types.includes('integer'))) return false;
    if (key === 'type' || key === 'default') continue;
    if (ANNOTATIONS.has(key)) {
      if (typeof value !== 'string') return false;
    } else if (FLAGS.has(key)) {
      if (typeof value !== 'boolean') return false;
    } else if (COUNTS.has(key)) {
      if (!isCount(value)) return false;
    } else if (BOUNDS.has(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
    } else if (key === 'examples') {
      if (!Array.isArray(value)) return false;
    } else if (key === 'enum') {
      if (!Array.isArray(value) || value.length === 0 || !value.every(isPrimitive) || new Set(value).size !== value.length) return false;
    } else if (key === 'const') {
      if (!isPrimitive(value)) return false;
    } else if (key === 'properties') {
      if (!isPlain(value) || Object.hasOwn(value, '__proto__')) return false;
      for (const name of Object.keys(value)) if (!admits(value[name], depth + 1, unknown)) return false;
    } else if (key === 'required') {
      const properties = schema.properties;
      if (!Array.isArray(value) || new Set(value).size !== value.length) return false;
      if (!value.every((name) => typeof name === 'string' && isPlain(properties) && Object.hasOwn(properties, name))) return false;
    } else if (key === 'additionalProperties' || key === 'items') {
      if (!admits(value, depth + 1, unknown)) return false; // `items` as an array (a tuple) is not admitted
    } else if (unknown !== undefined && (unknown.key === '' || unknown.key === key) && ignorable(key)) {
      unknown.key = key;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * True when `data` is valid for a subset schema; false means "ask ajv" (it may still be valid).
 * Follows ajv's semantics: integers and numbers are finite, lengths count code points, and only
 * own properties count.
 */
export function fastValid(schema: Node, data: unknown): boolean {
  if (schema === true) return true;
  if (schema === false) return false;
  if (Object.hasOwn(schema, 'type')) {
    const type = schema.type;
    if (typeof type === 'string' ? !hasType(type, data) : !(type as string[]).some((t) => hasType(t, data))) return false;
  }
  if (Object.hasOwn(schema, 'enum') && !(schema.enum as unknown[]).includes(data)) return false;
  if (Object.hasOwn(schema, 'const') && schema.const !== data) return false;
  if (typeof data === 'string') {
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      const length = codePoints(data);
      if (length < ((schema.minLength as number | undefined) ?? 0) || length > ((schema.maxLength as number | undefined) ?? Infinity)) return false;
    }
  } else if (typeof data === 'number') {
    if (schema.minimum !== undefined && data < (schema.minimum as number)) return false;
    if (schema.maximum !== undefined && data > (schema.maximum as number)) return false;
    if (schema.exclusiveMinimum !== undefined && data <= (schema.exclusiveMinimum as number)) return false;
    if (schema.exclusiveMaximum !== undefined && data >= (schema.exclusiveMaximum as number)) return false;
  } else if (Array.isArray(data)) {
    if (schema.minItems !== undefined && data.length < (schema.minItems as number)) return false;
    if (schema.maxItems !== undefined && data.length > (schema.maxItems as number)) return false;
    if (schema.items !== undefined) {
      for (const item of data) if (!fastValid(schema.items as Node, item)) return false;
    }
  } else if (data !== null && typeof data === 'object') {
    return objectValid(schema, data as Record<string, unknown>);
  }
  return true;
}

function objectValid(schema: Record<string, unknown>, data: Record<string, unknown>): boolean {
  const properties = schema.properties as Record<string, Node> | undefined;
  const required = schema.required as string[] | undefined;
  if (required) for (const name of required) if (!Object.hasOwn(data, name)) return false;
  const additional = schema.additionalProperties as Node | undefined;
  const keys = Object.keys(data);
  if (schema.minProperties !== undefined && keys.length < (schema.minProperties as number)) return false;
  if (schema.maxProperties !== undefined && keys.length > (schema.maxProperties as number)) return false;
  for (const key of keys) {
    const declared = properties !== undefined && Object.hasOwn(properties, key) ? properties[key] : undefined;
    const sub = declared ?? additional;
    if (sub !== undefined && !fastValid(sub, data[key])) return false;
  }
  return true;
}

/** ajv's type check of `data` against one type name (strictNumbers: numbers are finite). */
export function hasType(type: string, data: unknown): boolean {
  switch (type) {
    case 'string': return typeof data === 'string';
    case 'number': return typeof data === 'number' && Number.isFinite(data);
    case 'integer': return Number.isInteger(data);
    case 'boolean': return typeof data === 'boolean';
    case 'null': return data === null;
    case 'array': return Array.isArray(data);
    case 'object': return typeof data === 'object' && data !== null && !Array.isArray(data);
    default: return false;
  }
}

/** ajv's ucs2length: a surrogate pair counts once. */
export function codePoints(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    length++;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return length;
}
