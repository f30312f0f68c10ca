// Decoding a message body, with a way around the whole text for a big didOpen. vscode-jsonrpc
// decodes every body to one string and JSON-parses it: for a 50 MB document that is the body,
// its decoded string, the parsed text (both 100 MB when one character is above U+00FF) and the
// lines split from it, ~8x the document at the peak. Here the text of a big didOpen goes from
// the body's bytes to lines (`jsonStringLines`); the message carries a stand-in the document
// manager trades back for those lines (`takeOpenedLines`). Anything else is JSON.parse, as before.
import { isAscii } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { Message } from 'vscode-jsonrpc';
import { jsonStringLines, JsonStringLines, stringEnd } from './jsonTextLines.ts';
import type { SplitLines } from './lineDocument.ts';
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../core/text/jsonCharCodes.ts';

/** Bodies from this size are searched for a didOpen text (a smaller one costs little either way). */
export const BIG_BODY_BYTES = 1_000_000;

/** Stand-ins start with a NUL and this run's random id: no client text is one by chance. */
const STAND_IN = `\u0000toolcall-opened-lines:${randomUUID()}:`;
const opened = new Map<string, SplitLines>();
let nextStandIn = 0;

/** The message in `body` (UTF-8 JSON), as JSON.parse of its text would give it, but see above for a big didOpen (from `bigBytes`). */
export function decodeMessage(body: Buffer, bigBytes = BIG_BODY_BYTES): Message {
  // An ASCII body parses to a text one byte a character whose lines share it at no cost: JSON.parse
  // of the whole is then cheaper (generated 50 MB: 130-190 ms against ~330 ms as lines), and its
  // peak (body, decoded body, text: 3x) is gone once the text is split.
  if (body.length >= bigBytes && !isAscii(body)) {
    const message = decodeBigDidOpen(body);
    if (message !== undefined) return message;
  }
  return JSON.parse(body.toString('utf8')) as Message;
}

/**
 * The lines a decoded didOpen carried, when `text` is its stand-in (taken once: the entry goes).
 * Undefined for any other text.
 */
export function takeOpenedLines(text: string): SplitLines | undefined {
  if (!text.startsWith(STAND_IN)) return undefined;
  const lines = opened.get(text);
  opened.delete(text);
  return lines;
}

/** Stand-ins not yet taken (tests check that none is left behind). */
export function openedLinesWaiting(): number {
  return opened.size;
}

/** Where a client names the method: before the params (vscode-languageclient) or after them. */
const METHOD_NEAR_BYTES = 1024;
const DID_OPEN = Buffer.from('"textDocument/didOpen"');

function decodeBigDidOpen(body: Buffer): Message | undefined {
  // Walking a 50 MB didChange for a text it does not have would be wasted.
  const named = body.subarray(0, METHOD_NEAR_BYTES).includes(DID_OPEN) || body.subarray(Math.max(0, body.length - METHOD_NEAR_BYTES)).includes(DID_OPEN);
  if (!named) return undefined;
  const open = textStringAt(body);
  if (open === undefined) return undefined;
  return withLines(body, open, jsonStringLines(body, open));
}

/** The message of `body` with the text string opening at `open` traded for a stand-in of `found`'s lines; undefined when it is no didOpen. */
function withLines(body: Buffer, open: number, found: { split: SplitLines; close: number } | undefined): Message | undefined {
  if (found === undefined) return undefined;
  const standIn = `${STAND_IN}${nextStandIn++}`;
  let message: Message & { method?: unknown; params?: { textDocument?: { text?: unknown } } };
  try {
    message = JSON.parse(body.toString('utf8', 0, open) + JSON.stringify(standIn) + body.toString('utf8', found.close + 1)) as Message;
  } catch {
    return undefined;
  }
  // Only a didOpen's document is handed over as lines, and only when the stand-in is what it
  // says (a repeated key would have replaced it): anything else is parsed whole again.
  if (message.method !== 'textDocument/didOpen' || message.params?.textDocument?.text !== standIn) return undefined;
  opened.set(standIn, found.split);
  return message;
}

/** A didOpen's text is looked for in this many first bytes while the body arrives. */
const LOCATE_WITHIN_BYTES = 64 * 1024;

/**
 * A body decoded as it arrives (the reader tells it how much is in): when it starts as a
 * didOpen (vscode-languageclient names the method first), its text's lines are decoded while
 * the rest is still coming, which takes that work (~150-200 ms for 50 MB of real data) off the
 * time to the first answer. `finish` gives what `decodeMessage` gives.
 */
export class BodyDecoder {
  private lines: JsonStringLines | undefined;
  private open = -1;
  private off: boolean;

  constructor(
    private readonly body: Buffer,
    private readonly bigBytes = BIG_BODY_BYTES,
    /**
     * Told once, with the body's size, when the body turns out to be a didOpen of a big text
     * (still arriving); may answer a test that holds the decoding back while it is true (it
     * catches up on the next bytes, or at the end).
     */
    private readonly onDidOpen?: (bytes: number) => (() => boolean) | void,
  ) {
    this.off = body.length < bigBytes;
  }

  private hold: (() => boolean) | undefined;

  /** The first `filled` bytes of the body are in. Never throws: `finish` then decodes the whole body. */
  progress(filled: number): void {
    if (this.off || this.hold?.()) return;
    try {
      this.advance(filled);
    } catch {
      this.off = true;
    }
  }

  private advance(filled: number): void {
    if (this.lines === undefined) {
      if (!this.body.subarray(0, Math.min(filled, METHOD_NEAR_BYTES)).includes(DID_OPEN)) {
        if (filled >= METHOD_NEAR_BYTES) this.off = true;
        return;
      }
      const open = textStringAt(this.body.subarray(0, filled));
      if (open === undefined) {
        if (filled >= LOCATE_WITHIN_BYTES) this.off = true;
        return;
      }
      this.open = open;
      this.lines = new JsonStringLines(this.body, open);
      this.hold = this.onDidOpen?.(this.body.length) ?? undefined;
      if (this.hold?.()) return;
    }
    if (!this.lines.advance(filled)) this.off = true;
  }

  /** The message, once the whole body is in. */
  finish(): Message {
    this.hold = undefined;
    if (this.lines === undefined) this.progress(this.body.length);
    if (!this.off && this.lines !== undefined) {
      const message = withLines(this.body, this.open, this.lines.finish());
      if (message !== undefined) return message;
    }
    return decodeMessage(this.body, this.bigBytes);
  }
}

/**
 * Where the string value of `params.textDocument.text` opens in the JSON `body` (the index of
 * its quote), walking the structure without decoding it; undefined when there is none or the
 * walk finds something that is not JSON (JSON.parse of the whole then says what).
 */
function textStringAt(body: Buffer): number | undefined {
  const keys: (string | undefined)[] = [];
  const inObject: boolean[] = [];
  let expectKey = false;
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      inObject.push(c === OPEN_BRACE);
      keys.push(undefined);
      expectKey = c === OPEN_BRACE;
      i++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      inObject.pop();
      keys.pop();
      expectKey = false;
      i++;
    } else if (c === COMMA) {
      expectKey = inObject.at(-1) === true;
      i++;
    } else if (c === COLON) {
      expectKey = false;
      i++;
    } else if (c === QUOTE) {
      if (!expectKey && keys.length === 3 && inObject.every(Boolean) && keys[0] === 'params' && keys[1] === 'textDocument' && keys[2] === 'text') return i;
      const close = stringEnd(body, i + 1);
      if (close === -1) return undefined;
      if (expectKey) {
        try {
          keys[keys.length - 1] = JSON.parse(body.toString('utf8', i, close + 1)) as string;
        } catch {
          return undefined;
        }
      }
      i = close + 1;
    } else {
      i++;
    }
  }
  return undefined;
}
