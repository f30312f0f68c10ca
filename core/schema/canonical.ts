// Canonical JSON text and keys. Schemas and data are untrusted, so both functions walk with an
// explicit stack (no recursion): a 10,000-deep value must not overflow the call stack.
import { hash } from 'node:crypto';
import { TextCache } from '../textCache.ts';

/** Marks the end of an object or array on the stack, so cycles can be detected by ancestry. */
class Leave {
  constructor(readonly container: object) {}
}

/**
 * JSON text of `value` with object keys sorted and no whitespace, so equal JSON values give equal text.
 * Values JSON cannot hold (undefined, functions) are written as null; a cycle is written as "[Circular]".
 * `known` gives the canonical text of some containers already (written as is, not walked).
 */
export function canonicalJson(value: unknown, known?: ReadonlyMap<object, string>): string {
  let out = '';
  const ancestors = new Set<object>();
  // Entries: a string is literal output; a Leave closes a container; anything else is a value to write.
  const stack: unknown[] = [];
  pushValue(stack, value);
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      out += item;
    } else if (item instanceof Leave) {
      ancestors.delete(item.container);
    } else if (typeof item === 'number') {
      out += JSON.stringify(item);
    } else if (typeof item === 'boolean') {
      out += item ? 'true' : 'false';
    } else if (typeof item === 'bigint') {
      out += item.toString();
    } else if (item === null || typeof item !== 'object') {
      out += 'null';
    } else if (known?.has(item)) {
      out += known.get(item);
    } else if (ancestors.has(item)) {
      out += '"[Circular]"';
    } else {
      ancestors.add(item);
      stack.push(new Leave(item));
      if (Array.isArray(item)) pushArray(stack, item);
      else pushObject(stack, item as Record<string, unknown>);
    }
  }
  return out;
}

// Strings are pushed already serialised (they are literal output), everything else as a value.
function pushValue(stack: unknown[], v: unknown): void {
  stack.push(typeof v === 'string' ? JSON.stringify(v) : v);
}

function pushArray(stack: unknown[], array: unknown[]): void {
  stack.push(']');
  for (let i = array.length - 1; i >= 0; i--) {
    pushValue(stack, array[i]);
    if (i > 0) stack.push(',');
  }
  stack.push('[');
}

function pushObject(stack: unknown[], object: Record<string, unknown>): void {
  const keys = Object.keys(object).sort();
  stack.push('}');
  for (let i = keys.length - 1; i >= 0; i--) {
    pushValue(stack, object[keys[i]]);
    stack.push((i > 0 ? ',' : '') + JSON.stringify(keys[i]) + ':');
  }
  stack.push('{');
}

// Values read by JSON.parse cannot be cyclic, and real ones are shallow: up to this depth their
// canonical text is written by plain recursion (no stack entries, no ancestor set: ~2x faster on
// dataset lines); anything deeper is handed to canonicalJson, so the call stack stays bounded.
const RECURSIVE_DEPTH = 64;

/** canonicalJson of a value that came from JSON.parse (no cycles): the same text, faster. */
export function canonicalJsonOfParsed(value: unknown, known?: ReadonlyMap<object, string>): string {
  return writeParsed(value, known, 0);
}

/** What JSON.stringify writes otherwise than as itself: control characters, quote, backslash, surrogates (a lone one is escaped). */
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * JSON.stringify(text), without its call into the runtime for the usual text that needs no
 * escape (~1,000 instructions a call, most of a new schema's canonical text on the generated file).
 */
const quoted = (text: string): string => (ESCAPED.test(text) ? JSON.stringify(text) : '"' + text + '"');

function writeParsed(value: unknown, known: ReadonlyMap<object, string> | undefined, depth: number): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return JSON.stringify(value);
  if (typeof value !== 'object' || value === null || depth >= RECURSIVE_DEPTH) return canonicalJson(value, known);
  const written = known?.get(value);
  if (written !== undefined) return written;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + writeParsed(value[i], known, depth + 1);
    return out + ']';
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += (i > 0 ? ',' : '') + quoted(keys[i]) + ':' + writeParsed(object[keys[i]], known, depth + 1);
  return out + '}';
}

/** Deterministic key for a JSON value: sha1 hex of its canonical JSON (keys sorted). Never recurses. */
export function canonicalKey(value: unknown, known?: ReadonlyMap<object, string>): string {
  return hash('sha1', canonicalJson(value, known), 'hex');
}

/** The key of a value whose canonical JSON (canonicalJson's text) is `json`: canonicalKey without the walk. */
export function keyOfCanonicalJson(json: string): string {
  return hash('sha1', json, 'hex');
}

/**
 * canonicalKey of a value without cycles (one JSON.parse made, or one a budget walk has bounded:
 * a cycle never ends such a walk), written by the faster writer: the same key.
 */
export function canonicalKeyOfAcyclic(value: unknown): string {
  return hash('sha1', canonicalJsonOfParsed(value), 'hex');
}

// Declarations repeat on every line of real files: their key is computed once per distinct JSON
// text (equal JSON.stringify text means an equal value, hence an equal canonical text).
const parsedKeys = new TextCache<string>(1_000_000);

/**
 * canonicalKey of a value that came from JSON.parse (no cycles, no undefined), memoised by its
 * JSON.stringify text, or by `json` when the caller has that text already.
 */
export function canonicalKeyOfParsed(value: unknown, json = JSON.stringify(value)): string {
  return parsedKeys.get(json, () => hash('sha1', canonicalJsonOfParsed(value), 'hex'));
}
