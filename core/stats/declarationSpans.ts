// Where a line's `tools` (or `functions`) array is in its text, found without parsing the line:
// real files repeat the same declarations (kilobytes) on every line, and an array whose text was
// seen before need not be parsed, serialised or hashed again (sharedDeclarations.ts). Only the
// usual layout is recognised, the array as the object's last value: `..."tools": [ ... ] }`.
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, isJsonWhitespace, OPEN_BRACKET } from '../text/jsonCharCodes.ts';

export type DeclarationsKey = 'tools' | 'functions';

/** The candidate text of a line's last top-level value when that is a `tools` or `functions` array: text[start, end). */
export interface DeclarationSpan {
  key: DeclarationsKey;
  start: number;
  end: number;
}

/**
 * The span from the `[` after the last `"tools":` (or `"functions":`) to the `]` before the
 * closing `}` of the line. A candidate only, found by looking at its ends: the caller proves it
 * (sharedDeclarations.ts): when the span parses alone as JSON and the line with the span replaced
 * by `0` parses too, the line is JSON and the span is its last value, of that key.
 */
export function lastDeclarationsSpan(text: string): DeclarationSpan | undefined {
  const end = declarationsEnd(text);
  return end === -1 ? undefined : lastDeclarationsSpanTo(text, end);
}

/** Where a candidate span of the line would end (after the `]` before the closing `}`), or -1 when the line does not end so. */
export function declarationsEnd(text: string): number {
  let last = text.length - 1;
  while (isJsonWhitespace(text.charCodeAt(last))) last--;
  if (text.charCodeAt(last) !== CLOSE_BRACE) return -1;
  last--;
  while (isJsonWhitespace(text.charCodeAt(last))) last--;
  return text.charCodeAt(last) === CLOSE_BRACKET ? last + 1 : -1;
}

/** lastDeclarationsSpan of a line whose declarationsEnd is `end`. */
export function lastDeclarationsSpanTo(text: string, end: number): DeclarationSpan | undefined {
  const last = end - 1;
  const tools = spanOf(text, 'tools', last + 1);
  // Of the two, the later: the other one's candidate would hold it. A `functions` span after the
  // tools span starts after its `[`: searched forward from there, not back over the whole line.
  const functions = tools === undefined ? spanOf(text, 'functions', last + 1) : lastSpanFrom(text, 'functions', last + 1, tools.start);
  return functions ?? tools;
}

function spanOf(text: string, key: DeclarationsKey, end: number): DeclarationSpan | undefined {
  // The last occurrence whose value is an array: a declaration may have a property of that name.
  for (let quoted = text.lastIndexOf(`"${key}"`, end); quoted > 0; quoted = text.lastIndexOf(`"${key}"`, quoted - 1)) {
    const span = spanAt(text, key, quoted, end);
    if (span) return span;
  }
  return undefined;
}

/** spanOf among the occurrences of the key at `from` or after. */
function lastSpanFrom(text: string, key: DeclarationsKey, end: number, from: number): DeclarationSpan | undefined {
  let last: DeclarationSpan | undefined;
  for (let quoted = text.indexOf(`"${key}"`, from); quoted !== -1 && quoted <= end; quoted = text.indexOf(`"${key}"`, quoted + 1)) {
    last = spanAt(text, key, quoted, end) ?? last;
  }
  return last;
}

/** The span of the key quoted at `quoted` when it is a key (not escaped, a colon after it) whose value starts with `[` before `end`. */
function spanAt(text: string, key: DeclarationsKey, quoted: number, end: number): DeclarationSpan | undefined {
  // An escaped quote would be inside a string, not a key.
  let backslashes = 0;
  while (text.charCodeAt(quoted - 1 - backslashes) === BACKSLASH) backslashes++;
  if (backslashes % 2 === 1) return undefined;
  let i = quoted + key.length + 2;
  while (isJsonWhitespace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== COLON) return undefined;
  i++;
  while (isJsonWhitespace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === OPEN_BRACKET && i < end ? { key, start: i, end } : undefined;
}

/**
 * Whether the array text starting at `start` is the value of the key `"key"` as spanAt reads one:
 * the key quoted before it (not escaped, not at the line's first character), a colon between,
 * JSON whitespace around the colon. For a known array text (KnownEndings, sharedDeclarations.ts)
 * that holds neither key name quoted, such a span is the one lastDeclarationsSpan finds.
 */
export function isKeyedSpan(text: string, key: DeclarationsKey, start: number): boolean {
  let i = start - 1;
  while (isJsonWhitespace(text.charCodeAt(i))) i--;
  if (text.charCodeAt(i) !== COLON) return false;
  i--;
  while (isJsonWhitespace(text.charCodeAt(i))) i--;
  const quoted = i + 1 - (key.length + 2);
  if (quoted <= 0 || !text.startsWith(key === 'tools' ? QUOTED_TOOLS : QUOTED_FUNCTIONS, quoted)) return false;
  let backslashes = 0;
  while (text.charCodeAt(quoted - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 0;
}

export const QUOTED_TOOLS = '"tools"';
export const QUOTED_FUNCTIONS = '"functions"';
