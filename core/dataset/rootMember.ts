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

const isWhitespace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function skipWhitespace(text: string, i: number): number {
  while (isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** The offset just past the last non-whitespace character before `end`. */
function skipWhitespaceBack(text: string, end: number): number {
  while (end > 0 && isWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}
