// ajv's own errors for a call of a flat subset schema, without compiling it. A subset schema is
// checked by fastValid; a call it cannot pass compiled ajv (~1.5 ms, several on the first compiles
// of a process: ajv's own code is cold) just to word the errors. On the real bench file every such
// call was a property of the wrong type, or array items of the wrong type, on a flat schema.
//
// Flat: an object of named properties, each a plain type (or an array of a plain type) and nothing
// else that can fail; `required`; `additionalProperties` true or false. For those, ajv (allErrors,
// as ajvPool.ts configures it) reports, in this order: each missing required name (in the
// `required` order), each additional key (in the arguments' key order), then each property (in
// the `properties` order) whose value is not of its type, or each array item that is not.
// flatErrors.test.ts holds this to ajv on many schemas and calls.
import type { ArgumentError } from './types.ts';
import { hasType } from './fastSubset.ts';
import { isPlainObject as isPlain } from './schemaWalk.ts';

/** Keys of a schema object that never fail a value (annotations, defaults, examples, flags). */
const INERT = new Set(['title', 'description', '$comment', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly']);
const PLAIN_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
const ITEM_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/**
 * Whether `schema` (a subset schema: inFastSubsetIgnoring answered `ignored`) is flat. Anything
 * else (limits, enums, nested objects, unions, an additionalProperties schema) is left to ajv.
 */
export function isFlat(schema: Record<string, unknown>, ignored: string): boolean {
  if (schema.type !== 'object' || !isPlain(schema.properties)) return false;
  for (const key of Object.keys(schema)) {
    if (key === 'type' || key === 'properties' || INERT.has(key) || key === ignored) continue;
    if (key === 'required' && (schema.required as unknown[]).length < 200) continue; // ajv loops past 200: same order, left to ajv anyway
    if (key === 'additionalProperties' && typeof schema.additionalProperties === 'boolean') continue;
    return false;
  }
  const properties = schema.properties as Record<string, unknown>;
  return Object.keys(properties).every((name) => isLeaf(properties[name], ignored, PLAIN_TYPES));
}

/** A property schema: a plain type, or an array whose items have a plain type; no other check. */
function isLeaf(schema: unknown, ignored: string, types: ReadonlySet<string>): boolean {
  if (!isPlain(schema)) return false;
  for (const key of Object.keys(schema)) {
    if (INERT.has(key) || key === ignored) continue;
    if (key === 'type' && typeof schema.type === 'string' && types.has(schema.type)) continue;
    if (key === 'items' && schema.type === 'array' && isLeaf(schema.items, ignored, ITEM_TYPES) && typeof (schema.items as Record<string, unknown>).type === 'string') continue;
    return false;
  }
  return true;
}

/** ajv's errors for `data` against a flat schema (isFlat), as toArgumentErrors gives them. */
export function flatErrors(schema: Record<string, unknown>, data: unknown): ArgumentError[] {
  if (!hasType('object', data)) return [typeError([], 'object')];
  const object = data as Record<string, unknown>;
  const errors: ArgumentError[] = [];
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (!Object.hasOwn(object, name)) errors.push({ keyword: 'required', instancePath: [], params: { missingProperty: name }, message: `must have required property '${name}'` });
  }
  if (schema.additionalProperties === false) {
    for (const key of Object.keys(object)) {
      if (!Object.hasOwn(properties, key)) errors.push({ keyword: 'additionalProperties', instancePath: [], params: { additionalProperty: key }, message: 'must NOT have additional properties' });
    }
  }
  for (const name of Object.keys(properties)) {
    const property = properties[name];
    const type = property.type as string | undefined;
    if (type === undefined || !Object.hasOwn(object, name)) continue;
    const value = object[name];
    if (!hasType(type, value)) {
      errors.push(typeError([name], type));
    } else if (type === 'array' && property.items !== undefined) {
      const itemType = (property.items as Record<string, unknown>).type as string;
      const items = value as unknown[];
      for (let i = 0; i < items.length; i++) if (!hasType(itemType, items[i])) errors.push(typeError([name, i], itemType));
    }
  }
  return errors;
}

const typeError = (instancePath: ArgumentError['instancePath'], type: string): ArgumentError => ({ keyword: 'type', instancePath, params: { type }, message: `must be ${type}` });
