// fastValid (fastSubset.ts) reads a schema's keywords, mostly absent ones (minLength, maximum,
// ...), from schema objects of thousands of shapes at the same few sites: each read is a
// megamorphic lookup, ~4,700 instructions a call on the generated bench file. A plan reads each
// keyword once into one object shape, so a call's check reads that shape: the same answer, at
// ~2,500 instructions.

import { isPlainObject } from './schemaWalk.ts';
import { codePoints } from './fastSubset.ts';

// Type bits of a value (typeBits) and of a schema's `type` (a set of names).
const STRING = 1;
const NUMBER = 2;
const INTEGER = 4;
const BOOLEAN = 8;
const NULL = 16;
const ARRAY = 32;
const OBJECT = 64;
const TYPE_BITS: Record<string, number> = { string: STRING, number: NUMBER, integer: INTEGER, boolean: BOOLEAN, null: NULL, array: ARRAY, object: OBJECT };

/** A keyword's number, or NaN when absent: every comparison with NaN is false, as an absent bound passes. */
const numberOr = (value: unknown): number => (typeof value === 'number' ? value : NaN);

/** One subset schema object, its keywords read once (one object shape for every plan). */
export interface SubsetPlan {
  /** The `type` names as bits; 0 without `type`. */
  readonly types: number;
  readonly enumValues: readonly unknown[] | undefined;
  readonly hasConst: boolean;
  readonly constValue: unknown;
  /** Whether minLength or maxLength is given (the code points are then counted). */
  readonly hasLength: boolean;
  readonly minLength: number;
  readonly maxLength: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly exclusiveMinimum: number;
  readonly exclusiveMaximum: number;
  readonly minItems: number;
  readonly maxItems: number;
  readonly items: SubsetPlan | undefined;
  readonly required: readonly string[] | undefined;
  /** Whether minProperties or maxProperties is given (the keys are then counted). */
  readonly countsProperties: boolean;
  readonly minProperties: number;
  readonly maxProperties: number;
  readonly properties: Map<string, SubsetPlan> | undefined;
  readonly additional: SubsetPlan | undefined;
}

/** The plan of a subset schema object (inFastSubset admits it, or it is a subschema of one). */
function objectPlan(schema: Record<string, unknown>): SubsetPlan {
  const type = schema.type;
  let types = 0;
  if (typeof type === 'string') types = TYPE_BITS[type];
  else if (Array.isArray(type)) for (const name of type) types |= TYPE_BITS[name as string];
  const properties = schema.properties;
  let declared: Map<string, SubsetPlan> | undefined;
  if (isPlainObject(properties)) {
    declared = new Map();
    for (const name of Object.keys(properties)) declared.set(name, planOf(properties[name]));
  }
  return {
    types,
    enumValues: Object.hasOwn(schema, 'enum') ? (schema.enum as unknown[]) : undefined,
    hasConst: Object.hasOwn(schema, 'const'),
    constValue: schema.const,
    hasLength: schema.minLength !== undefined || schema.maxLength !== undefined,
    minLength: numberOr(schema.minLength),
    maxLength: numberOr(schema.maxLength),
    minimum: numberOr(schema.minimum),
    maximum: numberOr(schema.maximum),
    exclusiveMinimum: numberOr(schema.exclusiveMinimum),
    exclusiveMaximum: numberOr(schema.exclusiveMaximum),
    minItems: numberOr(schema.minItems),
    maxItems: numberOr(schema.maxItems),
    items: schema.items === undefined ? undefined : planOf(schema.items),
    required: schema.required as string[] | undefined,
    countsProperties: schema.minProperties !== undefined || schema.maxProperties !== undefined,
    minProperties: numberOr(schema.minProperties),
    maxProperties: numberOr(schema.maxProperties),
    properties: declared,
    additional: schema.additionalProperties === undefined ? undefined : planOf(schema.additionalProperties),
  };
}

/** The plans of the boolean schemas (`true` passes everything, `false` nothing). */
const ACCEPT_ALL = objectPlan({});
const REJECT_ALL = objectPlan({});

/** The plan of a subset schema (inFastSubset admits it, or it is a subschema of one). */
export function planOf(schema: unknown): SubsetPlan {
  if (schema === true) return ACCEPT_ALL;
  if (schema === false) return REJECT_ALL;
  return objectPlan(schema as Record<string, unknown>);
}

/** fastValid(schema, data) for the plan of `schema`: the same answer. */
export function planValid(plan: SubsetPlan, data: unknown): boolean {
  if (plan === ACCEPT_ALL) return true;
  if (plan === REJECT_ALL) return false;
  if (plan.types !== 0 && (plan.types & typeBits(data)) === 0) return false;
  if (plan.enumValues !== undefined && !plan.enumValues.includes(data)) return false;
  if (plan.hasConst && plan.constValue !== data) return false;
  if (typeof data === 'string') {
    if (plan.hasLength) {
      const length = codePoints(data);
      if (length < plan.minLength || length > plan.maxLength) return false;
    }
  } else if (typeof data === 'number') {
    if (data < plan.minimum || data > plan.maximum || data <= plan.exclusiveMinimum || data >= plan.exclusiveMaximum) return false;
  } else if (Array.isArray(data)) {
    if (data.length < plan.minItems || data.length > plan.maxItems) return false;
    const items = plan.items;
    if (items !== undefined) for (const item of data) if (!planValid(items, item)) return false;
  } else if (data !== null && typeof data === 'object') {
    return objectValid(plan, data as Record<string, unknown>);
  }
  return true;
}

function objectValid(plan: SubsetPlan, data: Record<string, unknown>): boolean {
  const required = plan.required;
  if (required !== undefined) for (const name of required) if (!Object.hasOwn(data, name)) return false;
  if (plan.countsProperties) {
    const count = Object.keys(data).length;
    if (count < plan.minProperties || count > plan.maxProperties) return false;
  }
  const properties = plan.properties;
  const additional = plan.additional;
  if (properties === undefined && additional === undefined) return true;
  // for...in reads the keys from the shape's enum cache and each value by its index; Object.keys
  // and data[key] cost ~3.5x as much (a megamorphic lookup per key). JSON values inherit no
  // enumerable key, so it visits exactly the own keys.
  for (const key in data) {
    const sub = properties?.get(key) ?? additional;
    if (sub !== undefined && !planValid(sub, data[key])) return false;
  }
  return true;
}

/** The type bits `data` has: as fastSubset's hasType answers (numbers only when finite). */
function typeBits(data: unknown): number {
  switch (typeof data) {
    case 'string': return STRING;
    case 'number': return Number.isFinite(data) ? (Number.isInteger(data) ? NUMBER | INTEGER : NUMBER) : 0;
    case 'boolean': return BOOLEAN;
    case 'object': return data === null ? NULL : Array.isArray(data) ? ARRAY : OBJECT;
    default: return 0;
  }
}
