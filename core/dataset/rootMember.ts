import { isJsonWhitespace } from '../text/jsonCharCodes.ts';

/** A span of a line's text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * Where the value of the root member `name` lies in a line, from parseLine's `rootKeys` (found
 * while the line was scanned anyway): text offsets, `jsonStart` being where the JSON starts (1
 * after a byte-order mark). Only a key written plainly counts (`"tools"`, not `"\u0074ools"`);
 * undefined when there is none.
 */
export function rootMemberSpan(text: string, jsonStart: number, rootKeys: readonly number[], name: string): TextSpan | undefined {
  for (let k = 0; k < rootKeys.length; k += 2) {
    const key = jsonStart + rootKeys[k];
    if (text.charCodeAt(key + name.length + 1) !== 34 /* " */ || !text.startsWith(name, key + 1)) continue;
    const start = skipWhitespace(text, jsonStart + rootKeys[k + 1] + 1);
    // The value ends before the comma ahead of the next key, or before the root's closing brace.
    let end = k + 2 < rootKeys.length ? jsonStart + rootKeys[k + 2] : text.length;
    end = skipWhitespaceBack(text, end);
    return { start, end: skipWhitespaceBack(text, end - 1) };
  }
  return undefined;
}

/**
 * Where the value of a root member whose colon is at `colon` lies when it is the last member:
 * up to the root's closing brace, outer whitespace aside (as rootMemberSpan reads the last
 * key's value). Undefined when the text does not end with a brace or the value is empty.
 */
export function lastMemberSpan(text: string, colon: number): TextSpan | undefined {
  const close = skipWhitespaceBack(text, text.length) - 1;
  if (text.charCodeAt(close) !== 125 /* } */) return undefined;
  const start = skipWhitespace(text, colon + 1);
  const end = skipWhitespaceBack(text, close);
  return start < end ? { start, end } : undefined;
}

function skipWhitespace(text: string, i: number): number {
  while (isJsonWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** The offset just past the last non-whitespace character before `end`. */
function skipWhitespaceBack(text: string, end: number): number {
  while (end > 0 && isJsonWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}
