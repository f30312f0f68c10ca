// Finds the value at a JSON path in a line's text by walking only toward it: values beside the
// path are skipped by their brackets and quotes, without building anything. Building a whole
// position tree (jsonc-parser's parseTree) of every line that had a finding was a third of
// `toolcall validate`'s time on real files, where most lines have one (non-standard schema types).
import type { JsonPath } from './jsonPath.ts';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../text/jsonCharCodes.ts';

/** A value's span in the text, and its key's span when it is an object member. */
export interface ValueSpan {
  offset: number;
  length: number;
  /** First character: '{', '[', '"', or that of a number or literal. */
  first: number;
  key?: { offset: number; length: number };
}

/** The value at `path` or its nearest ancestor that exists (`exact` false), as jsonc's findNodeAtLocation finds them. */
export interface PathHit {
  span: ValueSpan;
  exact: boolean;
}

/** Thrown inside the scan; the caller falls back to the tolerant parser. */
class NotPlainJson extends Error {}

/**
 * The value at `path` in `text` (valid JSON), or its nearest existing ancestor; the first of
 * duplicate keys, like jsonc-parser. Undefined when the text is not plain JSON where the walk
 * went (the caller then parses tolerantly) or nests deeper than `maxDepth` there.
 */
export function scanPath(text: string, path: JsonPath, maxDepth: number): PathHit | undefined {
  try {
    return walk(text, path, maxDepth);
  } catch (error) {
    if (error instanceof NotPlainJson) return undefined;
    throw error;
  }
}

function walk(text: string, path: JsonPath, maxDepth: number): PathHit {
  let pos = skipWhitespace(text, 0);
  let current: { offset: number; key?: { offset: number; length: number } } = { offset: pos };
  let depth = 0;
  let exact = true;
  for (const segment of path) {
    const c = text.charCodeAt(pos);
    let next: typeof current | undefined;
    if (typeof segment === 'string' && c === OPEN_BRACE) {
      if (++depth > maxDepth) throw new NotPlainJson();
      next = findMember(text, pos + 1, segment, depth, maxDepth);
    } else if (typeof segment === 'number' && c === OPEN_BRACKET) {
      if (++depth > maxDepth) throw new NotPlainJson();
      next = findElement(text, pos + 1, segment, depth, maxDepth);
    }
    if (!next) {
      exact = false;
      break;
    }
    current = next;
    pos = next.offset;
  }
  const end = skipValue(text, current.offset, depth, maxDepth);
  const span: ValueSpan = { offset: current.offset, length: end - current.offset, first: text.charCodeAt(current.offset) };
  if (current.key) span.key = current.key;
  return { span, exact };
}

function findMember(text: string, from: number, name: string, depth: number, maxDepth: number) {
  let pos = skipWhitespace(text, from);
  if (text.charCodeAt(pos) === CLOSE_BRACE) return undefined;
  for (;;) {
    if (text.charCodeAt(pos) !== QUOTE) throw new NotPlainJson();
    const keyEnd = stringEnd(text, pos);
    const key = { offset: pos, length: keyEnd - pos };
    pos = skipWhitespace(text, keyEnd);
    if (text.charCodeAt(pos) !== COLON) throw new NotPlainJson();
    pos = skipWhitespace(text, pos + 1);
    if (keyText(text, key.offset, keyEnd) === name) return { offset: pos, key };
    pos = skipWhitespace(text, skipValue(text, pos, depth, maxDepth));
    const c = text.charCodeAt(pos);
    if (c === CLOSE_BRACE) return undefined;
    if (c !== COMMA) throw new NotPlainJson();
    pos = skipWhitespace(text, pos + 1);
  }
}

function findElement(text: string, from: number, index: number, depth: number, maxDepth: number) {
  let pos = skipWhitespace(text, from);
  if (text.charCodeAt(pos) === CLOSE_BRACKET || index < 0) return undefined;
  for (let i = 0; ; i++) {
    if (i === index) return { offset: pos };
    pos = skipWhitespace(text, skipValue(text, pos, depth, maxDepth));
    const c = text.charCodeAt(pos);
    if (c === CLOSE_BRACKET) return undefined;
    if (c !== COMMA) throw new NotPlainJson();
    pos = skipWhitespace(text, pos + 1);
  }
}

/** A key's decoded text; JSON.parse only when it holds an escape. */
function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (raw.indexOf('\\') === -1) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    throw new NotPlainJson();
  }
}

/** Offset just past the string that starts (with its quote) at `start`. */
function stringEnd(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  for (;;) {
    if (quote === -1) throw new NotPlainJson();
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
}

/** Offset just past the value that starts at `start`; containers by bracket counting. */
function skipValue(text: string, start: number, depth: number, maxDepth: number): number {
  const c = text.charCodeAt(start);
  if (c === QUOTE) return stringEnd(text, start);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let level = 0;
    for (let i = start; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) i = stringEnd(text, i) - 1;
      else if (d === OPEN_BRACE || d === OPEN_BRACKET) {
        if (depth + ++level > maxDepth) throw new NotPlainJson();
      } else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        if (--level === 0) return i + 1;
      }
    }
    throw new NotPlainJson();
  }
  // A number or literal runs to the next delimiter.
  let i = start;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || d === 32 || d === 9 || d === 10 || d === 13) break;
    i++;
  }
  if (i === start) throw new NotPlainJson();
  return i;
}

function skipWhitespace(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return pos;
    pos++;
  }
}
