/** What one pass over a JSON text found (see scanJsonText). */
export interface JsonTextScan {
  /** Nesting depth at the end (0 for a complete text). */
  depth: number;
  /** Offset of the bracket that passed the limit; -1 when none did. */
  offset: number;
  /** Object members: one per ':' outside strings. */
  members: number;
  /** Deepest nesting reached (up to the limit + 1). */
  maxDepth: number;
}

/** What a text adds to a scan (see scanJsonText) when read from depth 0. */
export interface TextCounts {
  members: number;
  maxDepth: number;
}

/**
 * Asked at each root member's colon (with `topLevel`): when the rest of the text is that
 * member's value, whose counts are known, then the root's closing brace, those counts, and the
 * scan stops there; undefined to read on.
 */
export interface KnownTail<T extends TextCounts> {
  at(text: string, key: number, colon: number): T | undefined;
}

/**
 * One pass over a JSON text, without recursion (recursive parsers and walkers overflow the stack
 * near 5,000 levels): its nesting depth, stopping once `limit` is passed at the offset of the
 * bracket that crossed it, and its number of object members (one per ':' outside strings).
 * Strings are skipped by searching for their closing quote (indexOf), not character by
 * character: on dataset lines, mostly string text, that made the pass 2.5x faster.
 *
 * @param topLevel when given, receives for each ':' at depth 1 the offset of the string before
 *   it and the offset of the ':' (for a valid object: each root member's key and colon).
 * @param tail when given (with topLevel), the last root member's value is not read when `tail`
 *   knows its counts: the result is the same (a valid JSON value's strings close inside it and
 *   its colons sit deeper than the root), and the counts are returned as `tail`.
 */
export function scanJsonText<T extends TextCounts = TextCounts>(text: string, limit: number, topLevel?: number[], tail?: KnownTail<T>): JsonTextScan & { tail?: T } {
  let depth = 0;
  let maxDepth = 0;
  let members = 0;
  let lastString = -1;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      lastString = i;
      i = closingQuote(text, i);
    } else if (c === 58 /* : */) {
      members++;
      if (depth === 1 && topLevel) {
        topLevel.push(lastString, i);
        const known = tail?.at(text, lastString, i);
        // Past the limit inside the value: read on, to stop where the reading would.
        if (known && 1 + known.maxDepth <= limit) return { depth: 0, offset: -1, members: members + known.members, maxDepth: Math.max(maxDepth, 1 + known.maxDepth), tail: known };
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return { depth, offset: i, members, maxDepth: depth };
      if (depth > maxDepth) maxDepth = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return { depth: Math.max(depth, 0), offset: -1, members, maxDepth };
}

/**
 * Offset of the quote closing the string opened at `open`, or the text's length when it is
 * unterminated. A quote is escaped when an odd run of backslashes precedes it: the same as
 * reading the string forward, each backslash taking the character after it.
 */
function closingQuote(text: string, open: number): number {
  for (let quote = text.indexOf('"', open + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92 /* \ */) backslashes++;
    if ((backslashes & 1) === 0) return quote;
  }
  return text.length;
}

/** Nesting depth of a JSON text (see scanJsonText), and where it passed `limit` (-1: it did not). */
export function measureDepth(text: string, limit: number): { depth: number; offset: number } {
  const { depth, offset } = scanJsonText(text, limit);
  return { depth, offset };
}

/** Deeper than this, a line is refused: no real training example comes close. */
export const MAX_DEPTH = 256;

/**
 * Deeper than this, a line that IS valid JSON is refused too: the rules' walkers are not built
 * for it. Between MAX_DEPTH and this, the rules run and say something more precise (a schema
 * over the nesting budget, content of the wrong shape).
 */
export const MAX_VALID_DEPTH = 2048;
