// Keys of whole examples for exact duplicates, within one run: equal JSON values get equal keys,
// different ones different keys (sha1 of a text that writes the value). exampleKey (duplicates.ts)
// writes canonical JSON, keys sorted, in JavaScript: ~10% of `toolcall stats` on the generated
// file. Here a value is written in key orders fixed per run instead: for each set of keys, the
// order it was first met in. Files keep one order per kind of object, so nearly every object is
// already in its order and a whole `messages` array is written by the engine's JSON.stringify;
// only an object in another order of a known key set is written key by key. The text still
// depends on the value alone (an order depends on the key set, which is the same for equal
// values), so the keys group exactly the lines canonical keys group. Keys of two runs differ.
import { hash } from 'node:crypto';
import { canonicalJsonOfParsed, canonicalKeyOfParsed } from '../schema/canonical.ts';
import { declarationsJson, type Example } from './example.ts';

/** Values nested deeper than this are written as canonical JSON (the writers here recurse). */
const MAX_DEPTH = 64;
/** Key sets whose order is held; past this many, new sets use sorted order (still one per set). */
const MAX_KEY_SETS = 10_000;
/** Key lists (in the order an object has them) whose verdict is held. */
const MAX_KEY_LISTS = 20_000;
const DIGEST_BYTES = 20;

const IN_ORDER = 0;
const REORDER = 1;
const TOO_DEEP = 2;
type Shape = typeof IN_ORDER | typeof REORDER | typeof TOO_DEEP;

interface KeyList {
  keys: string[];
  /** The order of its key set: the same array as `keys` when the list is in that order. */
  order: string[];
}

export class ExactKeys {
  /** Key lists met, by their first key. */
  private readonly lists = new Map<string, KeyList[]>();
  private listCount = 0;
  /** The order of each key set, by the set (its sorted keys as JSON). */
  private readonly orders = new Map<string, string[]>();
  private readonly digest = new Uint8Array(DIGEST_BYTES);

  /** The bounds are for tests; the defaults hold far more key sets than files have. */
  constructor(
    private readonly maxKeySets = MAX_KEY_SETS,
    private readonly maxKeyLists = MAX_KEY_LISTS,
  ) {}

  /**
   * The key of an example (a 20-byte sha1 digest, in an array the next call reuses): sha1 of the
   * JSON of [key, value, key, value...] of its top level in this run's order, each declarations
   * array as [its "#" + canonical key] (no other value there is an array, so the text still names
   * one value), the rest written in this run's orders.
   */
  key(example: Example): Uint8Array {
    const value = example.value;
    const keys = Object.keys(value);
    const shapes: Shape[] = [];
    let reorder = false;
    for (const k of keys) {
      const shape = isDeclarations(k, value[k]) ? IN_ORDER : this.shape(value[k], 1);
      if (shape === TOO_DEEP) return this.digestOf('C' + canonicalJsonOfParsed(value, knownDeclarations(example)));
      if (shape === REORDER) reorder = true;
      shapes.push(shape);
    }
    const order = this.orderOf(keys);
    // A fresh array: one held between calls would keep the last line's values alive into the old generation.
    const pairs = new Array<unknown>(2 * order.length);
    for (let i = 0; i < order.length; i++) {
      const k = order[i];
      const child = value[k];
      pairs[2 * i] = k;
      pairs[2 * i + 1] = isDeclarations(k, child) ? [declarationsText(example, k, child as unknown[])] : child;
    }
    // Nearly always one JSON.stringify, one flat string for sha1: building the text by parts made
    // a string per part and a copy of their concatenation for sha1, ~1 KB of garbage a line.
    if (!reorder) return this.digestOf(JSON.stringify(pairs));
    let out = '[';
    for (let i = 0; i < pairs.length; i += 2) {
      const k = pairs[i] as string;
      out += (i > 0 ? ',' : '') + JSON.stringify(k) + ',';
      out += shapes[keys.indexOf(k)] === REORDER ? this.write(pairs[i + 1]) : JSON.stringify(pairs[i + 1]);
    }
    return this.digestOf(out + ']');
  }

  /**
   * sha1 of `text` in the one scratch array (valid until the next key). Taken as a 'binary' (latin1) string
   * (a byte per character), not a Buffer: a Buffer per line is an ArrayBuffer the collector must
   * sweep; 30,000 generated lines' keys hashed 53-102 -> 38-53 ms.
   */
  private digestOf(text: string): Uint8Array {
    const bytes = hash('sha1', text, 'binary');
    for (let i = 0; i < DIGEST_BYTES; i++) this.digest[i] = bytes.charCodeAt(i);
    return this.digest;
  }

  /** Whether every object in `value` has its keys in its set's order; TOO_DEEP past MAX_DEPTH. */
  private shape(value: unknown, depth: number): Shape {
    if (typeof value !== 'object' || value === null) return IN_ORDER;
    if (depth > MAX_DEPTH) return TOO_DEEP;
    let shape: Shape = IN_ORDER;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const s = this.shape(value[i], depth + 1);
        if (s === TOO_DEEP) return s;
        if (s === REORDER) shape = REORDER;
      }
      return shape;
    }
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length > 1 && this.orderOf(keys) !== keys) shape = REORDER;
    for (let i = 0; i < keys.length; i++) {
      const s = this.shape(object[keys[i]], depth + 1);
      if (s === TOO_DEEP) return s;
      if (s === REORDER) shape = REORDER;
    }
    return shape;
  }

  /** JSON of a value no deeper than MAX_DEPTH with each object's keys in its set's order. */
  private write(value: unknown): string {
    if (typeof value !== 'object' || value === null) return JSON.stringify(value);
    if (Array.isArray(value)) {
      let out = '[';
      for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + this.write(value[i]);
      return out + ']';
    }
    const object = value as Record<string, unknown>;
    const order = this.orderOf(Object.keys(object));
    let out = '{';
    for (let i = 0; i < order.length; i++) out += (i > 0 ? ',' : '') + JSON.stringify(order[i]) + ':' + this.write(object[order[i]]);
    return out + '}';
  }

  /**
   * The order of the key set of `keys`: `keys` itself (the same array) when it is in that order.
   * A set's order is the first list of it met, or, once MAX_KEY_SETS are held, its sorted keys.
   */
  private orderOf(keys: string[]): string[] {
    if (keys.length < 2) return keys;
    const known = this.lists.get(keys[0]);
    if (known) {
      for (const list of known) {
        if (sameList(list.keys, keys)) return list.order === list.keys ? keys : list.order;
      }
    }
    const sorted = [...keys].sort();
    const set = JSON.stringify(sorted);
    let order = this.orders.get(set);
    if (order === undefined) {
      order = this.orders.size < this.maxKeySets ? keys.slice() : sorted;
      if (order !== sorted) this.orders.set(set, order);
    }
    const inOrder = sameList(order, keys);
    if (this.listCount < this.maxKeyLists) {
      const held = keys.slice();
      const list = { keys: held, order: inOrder ? held : order };
      if (known) known.push(list);
      else this.lists.set(keys[0], [list]);
      this.listCount++;
    }
    return inOrder ? keys : order;
  }
}

function sameList(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isDeclarations(key: string, value: unknown): boolean {
  return (key === 'tools' || key === 'functions') && Array.isArray(value);
}

/** "#" + the declarations' canonical key, computed once per shared array (exampleKey's text for them). */
function declarationsText(example: Example, key: string, declarations: unknown[]): string {
  const shared = example.shared?.[key as 'tools' | 'functions'];
  return shared ? (shared.key ??= declarationsKey(declarations)) : declarationsKey(declarations);
}

function declarationsKey(declarations: unknown[]): string {
  return '#' + canonicalKeyOfParsed(declarations, declarationsJson(declarations));
}

function knownDeclarations(example: Example): Map<object, string> {
  const known = new Map<object, string>();
  for (const key of ['tools', 'functions'] as const) {
    const declarations = example.value[key];
    if (Array.isArray(declarations)) known.set(declarations, declarationsText(example, key, declarations));
  }
  return known;
}
