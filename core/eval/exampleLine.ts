// An eval line parsed with its tools list read once per distinct text. Lines repeat the same
// tools on every example while their messages differ: the tools are 43% (generated) and 61%
// (real) of the bench eval sets' text, in 962 and 2,119 distinct lists over ~21,700 lines, and
// JSON.parse built them again, to be thrown away, on every line.
import { parseObjectLine } from './jsonObjectLine.ts';
import { detachedCopy } from '../text/detachedCopy.ts';

/**
 * A bounded memo of the parsed tools of lines, by their text. Looked up by length, then compared
 * with `===` (a memory compare): hashing each line's ~1 KB of tools text to look it up in a Map
 * cost as much as the parse it saved. It fills up to `maxChars` characters of text and then keeps
 * what it holds: the bench sets cycle through their lists (real: 2,119 lists, 1.9 MB), where
 * any memo that turns its entries over misses nearly always once the cycle outgrows it, while
 * one that keeps the first 1 MB answers half the lines. When more lines in a row have missed than
 * four times the lists it holds, the file has moved on to other tools (a file sorted by source):
 * it starts again empty. The values are shared by every line with the same text: callers must
 * not change them.
 */
export class ToolsMemo {
  private byLength = new Map<number, unknown[]>();
  private chars = 0;
  private entries = 0;
  private missesInARow = 0;
  /** The values it holds or held, and those of them a caller found valid. */
  private readonly held = new WeakSet<object>();
  private readonly checked = new WeakSet<object>();
  /** Lines whose tools were found in the memo (a work counter for tests and the bench). */
  hits = 0;

  constructor(
    /** Characters of text held at most; a longer text is never kept. */
    private readonly maxChars = 1 << 20,
  ) {}

  /** The parsed value of `text`: remembered, or JSON.parse(text) (which may throw). */
  parse(text: string): unknown {
    const bucket = this.byLength.get(text.length);
    if (bucket !== undefined) {
      for (let k = 0; k < bucket.length; k += 2) {
        if (bucket[k] === text) {
          this.hits++;
          this.missesInARow = 0;
          return bucket[k + 1];
        }
      }
    }
    const value: unknown = JSON.parse(text);
    if (++this.missesInARow > 4 * this.entries && this.chars + text.length > this.maxChars) this.clear();
    if (this.chars + text.length <= this.maxChars) this.keep(text, value);
    return value;
  }

  /** Whether `value` passed the caller's checks while the memo held it (see markChecked). */
  isChecked(value: object): boolean {
    return this.checked.has(value);
  }

  /**
   * Records that `value` passed the caller's checks, if it is a value the memo holds: every line
   * sharing it then need not check it again (the values are never changed). Other values are not
   * recorded, so a set of every line's lists does not grow.
   */
  markChecked(value: object): void {
    if (this.held.has(value)) this.checked.add(value);
  }

  private keep(text: string, value: unknown): void {
    // A slice of the line would keep the whole line alive: keep a copy of the text alone.
    const own = detachedCopy(text);
    const bucket = this.byLength.get(text.length);
    if (bucket === undefined) this.byLength.set(text.length, [own, value]);
    else bucket.push(own, value);
    if (typeof value === 'object' && value !== null) this.held.add(value);
    this.chars += text.length;
    this.entries++;
    this.missesInARow = 0;
  }

  private clear(): void {
    this.byLength = new Map();
    this.chars = 0;
    this.entries = 0;
    this.missesInARow = 0;
  }
}

/**
 * The line as a JSON object, as parseObjectLine gives it (same value, same key order, same
 * errors), but when its last member is `"tools": T` (any JSON whitespace around the separators),
 * T is looked up in `tools`, so the array may be shared with other lines.
 *
 * Exact by construction. The line is H `, "tools": T}` where H is `{` and the other members;
 * if `H}` parses as an object with members and T parses as a JSON text (a value with whitespace
 * around it, which is what may stand between a member's separators), the line is a valid
 * derivation of that object with one more member, and JSON's grammar gives each text one parse.
 * JSON.parse keeps a repeated key at its first place with its last value, as the assignment
 * does. Any other form, or an H or T that does not parse, is parsed whole, so errors are
 * JSON.parse's own. H is parsed from a copy (the concatenation), not from a slice of the line:
 * parsing a slice kept twice as many young objects alive at each scavenge (real eval bench set,
 * 3.3 against 6.7 MB promoted), and peak RSS rose with them.
 */
export function parseExampleLine(text: string, tools: ToolsMemo): Record<string, unknown> {
  const split = splitLastTools(text);
  if (split !== undefined) {
    let head: Record<string, unknown>;
    let list: unknown;
    try {
      head = parseHead(text, split.comma);
      list = tools.parse(text.slice(split.toolsStart, text.length - 1));
    } catch {
      return parseObjectLine(text);
    }
    head.tools = list;
    return head;
  }
  return parseObjectLine(text);
}

/**
 * H} parsed, H being `text` up to `end`. When H is `{"messages":V` and V ends with `]` (the form
 * of nearly every line: the messages array, alone), V is parsed from a slice of the line, with no
 * copy: if V parses as a JSON text, H} is the object with the one member "messages" and V's value.
 * Any other H, or a V that does not parse (`[...], "acceptable": [...]`), is parsed from a copy
 * with the `}` added. A V ending otherwise (`[...], "parallel_tool_calls": false`) goes there first,
 * so that it is not parsed twice.
 */
function parseHead(text: string, end: number): Record<string, unknown> {
  if (text.startsWith(MESSAGES_MEMBER) && text.charCodeAt(skipSpace(text, end - 1, -1)) === CLOSE_BRACKET) {
    try {
      return { messages: JSON.parse(text.slice(MESSAGES_MEMBER.length, end)) as unknown };
    } catch {
      // Not one JSON text: H has other members, or does not parse (then the copy throws too).
    }
  }
  return JSON.parse(text.slice(0, end) + '}') as Record<string, unknown>;
}

const MESSAGES_MEMBER = '{"messages":';
const TOOLS_KEY = '"tools"';
const OPEN_BRACE = 0x7b;
const COMMA = 0x2c;
const COLON = 0x3a;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Where `, "tools": T}` starts (its comma) and where T starts, for a line `{...}` that has
 * something before it, or undefined for another form.
 */
function splitLastTools(text: string): { comma: number; toolsStart: number } | undefined {
  if (text.charCodeAt(0) !== OPEN_BRACE || text.charCodeAt(text.length - 1) !== CLOSE_BRACE) return undefined;
  const key = text.indexOf(TOOLS_KEY, 1);
  if (key < 0) return undefined;
  const comma = skipSpace(text, key - 1, -1);
  const colon = skipSpace(text, key + TOOLS_KEY.length, 1);
  if (text.charCodeAt(comma) !== COMMA || text.charCodeAt(colon) !== COLON || skipSpace(text, 1, 1) >= comma) return undefined;
  return { comma, toolsStart: skipSpace(text, colon + 1, 1) };
}

/** The first index from `at`, stepping by `step`, that is not JSON whitespace. */
function skipSpace(text: string, at: number, step: 1 | -1): number {
  for (;;) {
    const c = text.charCodeAt(at);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return at;
    at += step;
  }
}
