// fastValid read off a call's arguments text, without building the value. JSON.parse of the
// generated bench file's arguments made an object per call whose key names are nearly all
// distinct (one tool each), so V8 grew a hidden class per key set; fastValid then read every
// schema keyword again from schema objects of as many shapes (megamorphic lookups). Here a
// schema is first turned into a TextPlan (one shape, its keywords read once), and the text is
// read against it. The answer is true only when JSON.parse(text) gives an object that fastValid
// passes; false means "parse it and validate as before", which also words every error. It says
// false for what it does not read itself (keys with escapes, more than 31 required names, nesting
// past MAX_DEPTH) and may say false for a valid text with a repeated key (each value must pass).
//
// Each reader takes the place to read at and returns the place after what it read, or FAIL.

import { codePoints, type Node } from './fastSubset.ts';

/** Deeper values are left to JSON.parse and fastValid (whose recursion catches a stack overflow). */
const MAX_DEPTH = 64;
/** Required names are kept as bits of a 32-bit mask. */
const MAX_REQUIRED = 31;
const FAIL = -1;

const STRING = 1, NUMBER = 2, INTEGER = 4, BOOLEAN = 8, NULL = 16, ARRAY = 32, OBJECT = 64, ANY = 127;
const TYPE_BITS: ReadonlyMap<string, number> = new Map([
  ['string', STRING], ['number', NUMBER], ['integer', INTEGER], ['boolean', BOOLEAN], ['null', NULL], ['array', ARRAY], ['object', OBJECT],
]);

/** A declared property: its plan, and its bit among the required names (0 when not required). */
interface Member {
  readonly plan: TextPlan;
  readonly bit: number;
}

/**
 * A subset schema's keywords as fastValid reads them, all of one shape. Absent bounds are NaN
 * (no comparison with NaN is true, so none refuses); `types` is ANY without `type` and 0 for the
 * schema `false`; `checks` is false when nothing is checked (`true`, `{}`, annotations only).
 */
export interface TextPlan {
  types: number;
  checks: boolean;
  choices: readonly unknown[] | undefined;
  hasConstant: boolean;
  constant: unknown;
  minLength: number;
  maxLength: number;
  minimum: number;
  maximum: number;
  exclusiveMinimum: number;
  exclusiveMaximum: number;
  members: Map<string, Member> | undefined;
  additional: TextPlan | undefined;
  /** The bits of all required names; -1 when there are too many to read here. */
  requiredBits: number;
  minProperties: number;
  maxProperties: number;
  items: TextPlan | undefined;
  minItems: number;
  maxItems: number;
}

const NO_PLAN: TextPlan = Object.freeze(emptyPlan(ANY, false));
const NEVER: TextPlan = Object.freeze(emptyPlan(0, true));

function emptyPlan(types: number, checks: boolean): TextPlan {
  return {
    types, checks, choices: undefined, hasConstant: false, constant: undefined, minLength: NaN, maxLength: NaN, minimum: NaN, maximum: NaN,
    exclusiveMinimum: NaN, exclusiveMaximum: NaN, members: undefined, additional: undefined, requiredBits: 0, minProperties: NaN,
    maxProperties: NaN, items: undefined, minItems: NaN, maxItems: NaN,
  };
}

/**
 * The plan of a subset schema (fastSubset's admits has checked its keywords' values). The schema's
 * own entries are read once: looking up absent keywords on schemas of thousands of shapes cost
 * ~100,000 instructions a schema (the lookups miss V8's caches).
 */
export function textPlanOf(schema: Node): TextPlan {
  if (typeof schema === 'boolean') return schema ? NO_PLAN : NEVER;
  const plan = emptyPlan(ANY, false);
  let properties: Record<string, Node> | undefined;
  let required: string[] | undefined;
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case 'type':
        plan.types = 0;
        if (typeof value === 'string') plan.types = TYPE_BITS.get(value) ?? 0;
        else for (const name of value as string[]) plan.types |= TYPE_BITS.get(name) ?? 0;
        break;
      case 'enum': plan.choices = value as unknown[]; break;
      case 'const': plan.hasConstant = true; plan.constant = value; break;
      case 'minLength': plan.minLength = value as number; break;
      case 'maxLength': plan.maxLength = value as number; break;
      case 'minimum': plan.minimum = value as number; break;
      case 'maximum': plan.maximum = value as number; break;
      case 'exclusiveMinimum': plan.exclusiveMinimum = value as number; break;
      case 'exclusiveMaximum': plan.exclusiveMaximum = value as number; break;
      case 'minProperties': plan.minProperties = value as number; break;
      case 'maxProperties': plan.maxProperties = value as number; break;
      case 'minItems': plan.minItems = value as number; break;
      case 'maxItems': plan.maxItems = value as number; break;
      case 'properties': properties = value as Record<string, Node>; break;
      case 'required': required = value as string[]; break;
      case 'additionalProperties': plan.additional = textPlanOf(value as Node); break;
      case 'items': plan.items = textPlanOf(value as Node); break;
      default: continue; // annotations, flags, default, examples, the one ignored keyword
    }
    plan.checks = true;
  }
  if (required !== undefined) plan.requiredBits = required.length > MAX_REQUIRED ? -1 : 2 ** required.length - 1;
  if (properties !== undefined) {
    plan.members = new Map();
    for (const [name, property] of Object.entries(properties)) {
      const index = required === undefined ? -1 : required.indexOf(name);
      plan.members.set(name, { plan: textPlanOf(property), bit: index === -1 || index >= MAX_REQUIRED ? 0 : 1 << index });
    }
  }
  return plan;
}

// Character codes of JSON's syntax.
const QUOTE = 0x22, BACKSLASH = 0x5c, SLASH = 0x2f, COMMA = 0x2c, COLON = 0x3a, MINUS = 0x2d, PLUS = 0x2b, DOT = 0x2e;
const ZERO = 0x30, NINE = 0x39, OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65, UPPER_E = 0x45, LOWER_U = 0x75, LOWER_T = 0x74, LOWER_F = 0x66, LOWER_N = 0x6e;

/** True when JSON.parse(`text`) is an object that fastValid passes for the plan's schema. */
export function fastValidText(plan: TextPlan, text: string): boolean {
  const start = skipWhitespace(text, 0);
  if (text.charCodeAt(start) !== OPEN_BRACE) return false;
  const end = readValue(text, start, plan, 0);
  return end !== FAIL && skipWhitespace(text, end) === text.length;
}

/** `at`, or past the whitespace there (kept small so that it is inlined). */
function skipWhitespace(text: string, at: number): number {
  return text.charCodeAt(at) > 0x20 ? at : skipSpaces(text, at);
}

function skipSpaces(text: string, at: number): number {
  let c = text.charCodeAt(at);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++at);
  return at;
}

/** Reads the value at `at`; a plan of undefined checks only the syntax. */
function readValue(text: string, at: number, plan: TextPlan | undefined, depth: number): number {
  if (depth > MAX_DEPTH) return FAIL;
  const checked = plan !== undefined && plan.checks ? plan : undefined;
  const c = text.charCodeAt(at);
  if (c === QUOTE) {
    const read = readString(text, at);
    if (read === FAIL) return FAIL;
    const end = read < FAIL ? ~read : read;
    return checked === undefined || stringValid(checked, text, at, end, read < FAIL) ? end : FAIL;
  }
  if (c === OPEN_BRACE) return checked === undefined || containerValid(checked, OBJECT) ? readObject(text, at, checked, depth) : FAIL;
  if (c === OPEN_BRACKET) return checked === undefined || containerValid(checked, ARRAY) ? readArray(text, at, checked, depth) : FAIL;
  if (c === MINUS || (c >= ZERO && c <= NINE)) {
    const end = readNumber(text, at);
    return end === FAIL || checked === undefined || numberValid(checked, Number(text.slice(at, end))) ? end : FAIL;
  }
  if (c === LOWER_T) return text.startsWith('true', at) && (checked === undefined || primitiveValid(checked, true, BOOLEAN)) ? at + 4 : FAIL;
  if (c === LOWER_F) return text.startsWith('false', at) && (checked === undefined || primitiveValid(checked, false, BOOLEAN)) ? at + 5 : FAIL;
  if (c === LOWER_N) return text.startsWith('null', at) && (checked === undefined || primitiveValid(checked, null, NULL)) ? at + 4 : FAIL;
  return FAIL;
}

/** An object or array passes `type`; `enum` and `const` hold only primitives (fastSubset's admits). */
const containerValid = (plan: TextPlan, type: number): boolean => (plan.types & type) !== 0 && plan.choices === undefined && !plan.hasConstant;

/** fastValid's `type`, `enum` and `const` for a string, boolean or null of type bit `type`. */
function primitiveValid(plan: TextPlan, value: unknown, type: number): boolean {
  if ((plan.types & type) === 0) return false;
  if (plan.choices !== undefined && !plan.choices.includes(value)) return false;
  return !plan.hasConstant || plan.constant === value;
}

/** fastValid of a number: finite for `number`, whole for `integer`, then enum, const and bounds. */
function numberValid(plan: TextPlan, value: number): boolean {
  if (plan.types !== ANY && !((plan.types & NUMBER) !== 0 && Number.isFinite(value)) && !((plan.types & INTEGER) !== 0 && Number.isInteger(value))) return false;
  if (plan.choices !== undefined && !plan.choices.includes(value)) return false;
  if (plan.hasConstant && plan.constant !== value) return false;
  return !(value < plan.minimum || value > plan.maximum || value <= plan.exclusiveMinimum || value >= plan.exclusiveMaximum);
}

/** fastValid of the string from `start` (its opening quote) to `end` (past its closing quote). */
function stringValid(plan: TextPlan, text: string, start: number, end: number, escaped: boolean): boolean {
  if ((plan.types & STRING) === 0) return false;
  const lengths = !Number.isNaN(plan.minLength) || !Number.isNaN(plan.maxLength);
  if (plan.choices === undefined && !plan.hasConstant && !lengths) return true;
  const value = escaped ? (JSON.parse(text.slice(start, end)) as string) : text.slice(start + 1, end - 1);
  if (!primitiveValid(plan, value, STRING)) return false;
  if (!lengths) return true;
  const length = codePoints(value);
  return !(length < plan.minLength || length > plan.maxLength);
}

function readObject(text: string, at: number, plan: TextPlan | undefined, depth: number): number {
  if (plan !== undefined && plan.requiredBits === -1) return FAIL;
  // Distinct keys are counted only for the property counts; a repeated required name sets its bit again.
  const keys = plan !== undefined && !(Number.isNaN(plan.minProperties) && Number.isNaN(plan.maxProperties)) ? new Set<string>() : undefined;
  let requiredSeen = 0;
  at = skipWhitespace(text, at + 1);
  if (text.charCodeAt(at) === CLOSE_BRACE) at++;
  else {
    for (;;) {
      if (text.charCodeAt(at) !== QUOTE) return FAIL;
      const keyEnd = readString(text, at);
      if (keyEnd < 0) return FAIL; // an escaped key, or not a string
      let value: TextPlan | undefined;
      if (plan !== undefined) {
        const key = text.slice(at + 1, keyEnd - 1);
        keys?.add(key);
        const member = plan.members?.get(key);
        if (member !== undefined) {
          requiredSeen |= member.bit;
          value = member.plan;
        } else value = plan.additional;
      }
      at = skipWhitespace(text, keyEnd);
      if (text.charCodeAt(at) !== COLON) return FAIL;
      at = readValue(text, skipWhitespace(text, at + 1), value, depth + 1);
      if (at === FAIL) return FAIL;
      at = skipWhitespace(text, at);
      const next = text.charCodeAt(at++);
      if (next === CLOSE_BRACE) break;
      if (next !== COMMA) return FAIL;
      at = skipWhitespace(text, at);
    }
  }
  if (plan === undefined) return at;
  if (requiredSeen !== plan.requiredBits) return FAIL;
  return keys === undefined || !(keys.size < plan.minProperties || keys.size > plan.maxProperties) ? at : FAIL;
}

function readArray(text: string, at: number, plan: TextPlan | undefined, depth: number): number {
  const items = plan?.items;
  let count = 0;
  at = skipWhitespace(text, at + 1);
  if (text.charCodeAt(at) === CLOSE_BRACKET) at++;
  else {
    for (;;) {
      at = readValue(text, at, items, depth + 1);
      if (at === FAIL) return FAIL;
      count++;
      at = skipWhitespace(text, at);
      const next = text.charCodeAt(at++);
      if (next === CLOSE_BRACKET) break;
      if (next !== COMMA) return FAIL;
      at = skipWhitespace(text, at);
    }
  }
  return plan === undefined || !(count < plan.minItems || count > plan.maxItems) ? at : FAIL;
}

/**
 * Reads the string whose opening quote is at `at`: the place after its closing quote, or that
 * place's complement (~end, below FAIL) when the string has an escape; FAIL when JSON.parse would
 * refuse it (a raw control character, a bad escape, no closing quote).
 */
function readString(text: string, at: number): number {
  let escaped = false;
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return escaped ? ~(i + 1) : i + 1;
    if (c < 0x20) return FAIL;
    if (c === BACKSLASH) {
      escaped = true;
      const e = text.charCodeAt(++i);
      if (e === LOWER_U) {
        for (let k = 0; k < 4; k++) if (!isHexDigit(text.charCodeAt(++i))) return FAIL;
      } else if (!(e === QUOTE || e === BACKSLASH || e === SLASH || e === 0x62 || e === LOWER_F || e === LOWER_N || e === 0x72 || e === LOWER_T)) {
        return FAIL;
      }
    }
  }
  return FAIL;
}

const isDigit = (c: number) => c >= ZERO && c <= NINE;
const isHexDigit = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Reads the number at `at` by JSON's grammar. */
function readNumber(text: string, at: number): number {
  let c = text.charCodeAt(at);
  if (c === MINUS) c = text.charCodeAt(++at);
  if (c === ZERO) c = text.charCodeAt(++at);
  else if (isDigit(c)) while (isDigit((c = text.charCodeAt(++at))));
  else return FAIL;
  if (c === DOT) {
    if (!isDigit((c = text.charCodeAt(++at)))) return FAIL;
    while (isDigit((c = text.charCodeAt(++at))));
  }
  if (c === LOWER_E || c === UPPER_E) {
    c = text.charCodeAt(++at);
    if (c === PLUS || c === MINUS) c = text.charCodeAt(++at);
    if (!isDigit(c)) return FAIL;
    while (isDigit(text.charCodeAt(++at)));
  }
  return at;
}
