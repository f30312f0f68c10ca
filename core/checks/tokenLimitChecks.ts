// TC209: an example over the model's per-example token limit (the service truncates it).
// Shared by the language server's diagnostics and `toolcall validate --model`: the option is
// plain data, so worker threads that rebuild a validator from its options run it too.
//
// Cheap by construction: the tokens of an example are at most the UTF-8 bytes of its line
// plus a small constant (every BPE token covers at least one byte of text that appears,
// unescaped or escaped, in the line; the per-message overheads are paid for by the JSON
// syntax of each message), and the UTF-8 bytes are at most 3 per UTF-16 unit. So a line
// with 3 * length + SLACK <= limit is never scanned, one with bytes + SLACK <= limit is never
// parsed or tokenized; only the few long lines are.
import type { Finding } from './findings.ts';
import { readExample } from '../stats/example.ts';
import { countExampleTokens, encodingForModel, tokenCounter, type TokenCounter, type TokenLimitOption } from '../stats/tokens.ts';

/** Tokens an example may count beyond its line's UTF-8 bytes (the per-example 3, the first message's 3 not covered by `{}`, names). */
export const TOKEN_SLACK = 16;

/** UTF-8 length of a string, without allocating (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Whether a line is too short to be over `limit`, decided without tokenizing. */
export function cannotExceed(text: string, limit: number): boolean {
  if (text.length * 3 + TOKEN_SLACK <= limit) return true;
  return utf8Length(text) + TOKEN_SLACK <= limit;
}

const int = (n: number) => n.toLocaleString('en-US');

/** The TC209 sentence. */
export function tokenLimitMessage(tokens: number, option: TokenLimitOption): string {
  return `Example has ${int(tokens)} tokens, ${int(tokens - option.limit)} over the ${int(option.limit)} limit of ${option.model}; it will be truncated.`;
}

/**
 * The TC209 finding for a line, or undefined. `counter` defaults to the model's encoding
 * (loaded on first use, i.e. on the first long line). Lines that are not examples are the
 * other rules' business.
 */
export function tokenLimitFinding(text: string, option: TokenLimitOption, counter?: TokenCounter): Finding | undefined {
  if (!(option.limit > 0) || cannotExceed(text, option.limit)) return undefined;
  const example = readExample({ index: 0, text });
  if (example === 'blank' || example === 'invalid') return undefined;
  const tokens = countExampleTokens(example, counter ?? tokenCounter(encodingForModel(option.model)));
  return overLimit(tokens, option);
}

function overLimit(tokens: number, option: TokenLimitOption): Finding | undefined {
  if (tokens <= option.limit) return undefined;
  return { code: 'TC209', message: tokenLimitMessage(tokens, option), target: { path: [] }, data: { tokens, limit: option.limit, model: option.model } };
}

/**
 * TC209 counted another way: `exampleTokens` gives the tokens of a parsed line (an open model's
 * chat template rendering and tokenizer, core/render/templateTokens.ts). A template adds text
 * the line does not hold, so the byte bound above does not apply: every example is counted.
 */
export function countedTokenLimitFinding(text: string, option: TokenLimitOption, exampleTokens: (value: unknown) => number): Finding | undefined {
  if (!(option.limit > 0)) return undefined;
  const example = readExample({ index: 0, text });
  if (example === 'blank' || example === 'invalid') return undefined;
  return overLimit(exampleTokens(example.value), option);
}
