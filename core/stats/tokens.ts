// Tokens per example with the model's real encoding (gpt-tokenizer's pattern and ranks, counted
// by bpeRanks.ts as gpt-tokenizer counts). The encodings are megabytes of ranks: they are loaded
// only when statistics are asked for, so `toolcall validate` and the language server's
// validation never load them.
import { TextCache } from '../textCache.ts';
import { BpeRanks } from './bpeRanks.ts';
import { asciiPieceEnd, asciiPieceHash, O200K_PATTERN } from './asciiPieces.ts';
import { RecentPieces, pieceHash } from './recentPieces.ts';
import { RepeatGate } from './repeatGate.ts';
import { contentText, declarationsJson, isObject, type Example } from './example.ts';

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Counts the tokens of a text with one encoding. */
export interface TokenCounter {
  encoding: EncodingName;
  count(text: string): number;
  /**
   * `count`, told what kind of text it is (a TextKind): kinds whose texts rarely repeat skip the
   * cache (repeatGate.ts). Same counts.
   */
  countOfKind?(kind: TextKind, text: string): number;
}

/** The kinds of text in an example, for countOfKind. */
export const TextKind = {
  Role: 0,
  SystemContent: 1,
  UserContent: 2,
  AssistantContent: 3,
  OtherContent: 4,
  Name: 5,
  ToolCallId: 6,
  CallName: 7,
  Arguments: 8,
  Declarations: 9,
} as const;
export type TextKind = (typeof TextKind)[keyof typeof TextKind];
const TEXT_KINDS = 10;

/**
 * The encoding a model uses: `cl100k_base` for gpt-3.5*, gpt-4 (not 4o/4.1/4.5), babbage-002,
 * davinci-002 and the ada-002 embeddings; `o200k_base` for gpt-4o*, gpt-4.1*, gpt-4.5*, the
 * o-series and gpt-5*, and for any model this table does not know (the current families all
 * use it). A fine-tuned model id (`ft:BASE:org::id`) uses its base model's encoding.
 */
export function encodingForModel(model: string): EncodingName {
  const base = baseModel(model);
  if (/^gpt-3\.5/.test(base)) return 'cl100k_base';
  if (/^gpt-4(?![o.])/.test(base)) return 'cl100k_base';
  if (/^(babbage|davinci)-002/.test(base) || base === 'text-embedding-ada-002') return 'cl100k_base';
  return 'o200k_base';
}

/** `ft:gpt-4o-mini-2024-07-18:org::abc` -> `gpt-4o-mini-2024-07-18`; other ids unchanged. */
export function baseModel(model: string): string {
  return model.startsWith('ft:') ? model.slice(3).split(':')[0] : model;
}

type EncodingModule = typeof import('gpt-tokenizer/encoding/o200k_base');
const counters = new Map<EncodingName, TokenCounter>();

/**
 * The counter of an encoding, loaded on first use and kept for the process. A plain `require`
 * at call time: synchronous, and the bundle loads the encoding's file only then (the build's
 * packed o200k: ~15 ms to load, ~25 ms to fill its table; gpt-tokenizer's own module, which tests
 * and source runs load, ~0.3 s).
 */
export function tokenCounter(encoding: EncodingName): TokenCounter {
  let counter = counters.get(encoding);
  if (!counter) {
    const module: EncodingModule | BuiltEncoding = encoding === 'o200k_base' ? require('gpt-tokenizer/encoding/o200k_base') : require('gpt-tokenizer/encoding/cl100k_base');
    const count = piecewiseCount(module) ?? ('countTokens' in module ? module.countTokens : undefined);
    if (!count) throw new Error(`The ${encoding} ranks the build packed are not a table lookups by bytes can answer.`);
    counter = makeCounter(encoding, count);
    counters.set(encoding, counter);
  }
  return counter;
}

// Text such as "<|endoftext|>" inside data is ordinary text, not a special token (tiktoken's
// encode would raise; the service tokenizes user data as text).
const AS_TEXT = { disallowedSpecial: new Set<string>() };
// Tool declarations and system prompts repeat on every line: each distinct text is counted once.
// Bounded by characters of keys (see TextCache: long texts are held as their hash).
const CACHE_CHARS = 2_000_000;

// BPE on one long pre-token is quadratic in gpt-tokenizer (80,000 letters take over 10 s), and
// a dataset may hold one (a DNA sequence, a run of punctuation or of newlines, a long unbroken
// CJK paragraph). Letter, punctuation and whitespace runs longer than this are counted in pieces: exact for ordinary text
// and compact JSON (never such runs), an upper bound (a token cannot span a cut) for those runs.
const MAX_RUN = 1_000;
const LONG_RUN = new RegExp(`[\\p{L}\\p{M}]{${MAX_RUN + 1},}|[^\\s\\p{L}\\p{N}]{${MAX_RUN + 1},}|\\s{${MAX_RUN + 1},}`, 'gu');

/** Characters of long runs counted exactly per text; past them the rest is extrapolated. */
const LONG_RUN_BUDGET = 20_000;

/**
 * Tokens of `text`, counting over-long letter, punctuation or whitespace runs in pieces of MAX_RUN. A text
 * with more than LONG_RUN_BUDGET characters in such runs (megabytes of one unbroken word) gets
 * the rest of them estimated at the rate of the part counted, so a count never takes seconds.
 */
function countBounded(text: string, countTokens: (text: string, options: typeof AS_TEXT) => number): number {
  // The run regex scans the whole text; a text no longer than one run cannot hold a long run.
  if (text.length <= MAX_RUN) return countTokens(text, AS_TEXT);
  LONG_RUN.lastIndex = 0;
  if (!LONG_RUN.test(text)) return countTokens(text, AS_TEXT);
  let total = 0;
  let from = 0;
  let runChars = 0;
  let runTokens = 0;
  let skipped = 0;
  LONG_RUN.lastIndex = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    if (match.index > from) total += countTokens(text.slice(from, match.index), AS_TEXT);
    for (let i = 0; i < match[0].length; i += MAX_RUN) {
      const piece = match[0].slice(i, i + MAX_RUN);
      if (runChars >= LONG_RUN_BUDGET) {
        skipped += piece.length;
        continue;
      }
      runChars += piece.length;
      runTokens += countTokens(piece, AS_TEXT);
    }
    from = match.index + match[0].length;
  }
  if (from < text.length) total += countTokens(text.slice(from), AS_TEXT);
  return total + runTokens + Math.ceil((skipped * runTokens) / runChars);
}

/** The pieces of gpt-tokenizer's encoder that countNative reads (version 4). */
interface EncoderCore {
  tokenSplitRegex: RegExp;
  bytePairRankDecoder: (string | number[])[];
}

/**
 * What the build writes for an encoding (scripts/build.mjs, ranks-packed) instead of
 * gpt-tokenizer's module: its split pattern and its ranks packed (bpeRanks.ts), base64.
 */
export interface BuiltEncoding {
  packedRanks: { pattern: string; flags: string; bytes: string; lengths: string; hidden: number[] };
}

/** The split pattern and the compact ranks of an encoding module (built, or gpt-tokenizer's own). */
function encodingParts(module: EncodingModule | BuiltEncoding): { pattern: RegExp; ranks: BpeRanks } | undefined {
  if ('packedRanks' in module) {
    const packed = module.packedRanks;
    const ranks = BpeRanks.fromPacked({ bytes: base64Bytes(packed.bytes), lengths: base64Bytes(packed.lengths), hidden: packed.hidden });
    return { pattern: new RegExp(packed.pattern, packed.flags), ranks };
  }
  const core = (module.default as unknown as { bytePairEncodingCoreProcessor?: Partial<EncoderCore> }).bytePairEncodingCoreProcessor;
  if (!core || !(core.tokenSplitRegex instanceof RegExp) || !Array.isArray(core.bytePairRankDecoder)) return undefined;
  const ranks = BpeRanks.fromRankDecoder(core.bytePairRankDecoder);
  return ranks && { pattern: core.tokenSplitRegex, ranks };
}

function base64Bytes(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/**
 * gpt-tokenizer's count (countNative with no special tokens allowed, which is how AS_TEXT counts)
 * by its own loop over the same pieces: the split pattern run sticky with `test` (no match array,
 * no iterator result), each piece's count looked up where it lies in the text (recentPieces.ts),
 * and a new piece counted in place by the compact ranks (bpeRanks.ts: gpt-tokenizer's lookups and
 * merge, step for step). Same pieces, same counts (tests compare with countTokens; exported for
 * them); undefined when the module's inside is not what this expects.
 */
export function piecewiseCount(module: EncodingModule | BuiltEncoding): ((text: string) => number) | undefined {
  const parts = encodingParts(module);
  if (!parts) return undefined;
  const { ranks } = parts;
  const flags = parts.pattern.flags.replace(/[gy]/g, '');
  const sticky = new RegExp(parts.pattern.source, flags + 'y');
  const global = new RegExp(parts.pattern.source, flags + 'g');
  const recent = new RecentPieces();
  // The loop matchAll makes (what gpt-tokenizer runs), for a pattern that would skip text or match empty text.
  const searching = (text: string) => {
    let count = 0;
    global.lastIndex = 0;
    for (let match = global.exec(text); match !== null; match = global.exec(text)) {
      if (match[0] === '') global.lastIndex++;
      else count += ranks.pieceTokens(text, match.index, match.index + match[0].length);
    }
    return count;
  };
  const scanned = parts.pattern.source === O200K_PATTERN && /u/.test(parts.pattern.flags);
  return (text) => {
    let count = 0;
    let start = 0;
    while (start < text.length) {
      let end = scanned ? asciiPieceEnd(text, start) : -1;
      let hash = asciiPieceHash;
      if (end === -1) {
        // o200k's and cl100k's patterns match at every position (a character is a letter, a digit, a
        // space or something else, and each has an alternative), so their pieces follow one another.
        sticky.lastIndex = start;
        if (!sticky.test(text) || sticky.lastIndex === start) return searching(text);
        end = sticky.lastIndex;
        hash = pieceHash(text, start, end);
      }
      let tokens = recent.find(text, start, end, hash);
      if (tokens === -1) {
        tokens = ranks.pieceTokens(text, start, end);
        recent.add(text, start, end, hash, tokens);
      }
      count += tokens;
      start = end;
    }
    return count;
  };
}

function makeCounter(encoding: EncodingName, rawCount: (text: string, options: typeof AS_TEXT) => number): TokenCounter {
  const countTokens = (text: string) => countBounded(text, rawCount);
  const cache = new TextCache<number>(CACHE_CHARS);
  const gate = new RepeatGate(TEXT_KINDS);
  return {
    encoding,
    count: (text) => cache.get(text, countTokens),
    countOfKind(kind, text) {
      if (!gate.shouldLookUp(kind, text)) return countTokens(text);
      let count = cache.lookup(text);
      gate.record(kind, text, count !== undefined);
      if (count === undefined) cache.set(text, (count = countTokens(text)));
      return count;
    },
  };
}

/** Tokens the cookbook adds: 3 per message, 1 per `name`, 3 per example (the reply's priming). */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const TOKENS_PER_EXAMPLE = 3;

/**
 * Tokens of one example, the cookbook's estimate extended to tool calling. Counted:
 * - 3 per example, and per message 3 + the role + the content text (a string, or the `text`
 *   parts of an array joined) + the `name` and 1 more when there is a name;
 * - per tool call (`tool_calls[]` and legacy `function_call`): the function name and the
 *   `arguments` string (a non-string value as its compact JSON); call ids and `type` are
 *   not counted; `tool_call_id` of a tool message is counted;
 * - the `tools` array (and legacy `functions`) as compact JSON text in the line's key order,
 *   once per example.
 * Not counted: `weight`, `parallel_tool_calls`, other keys. The service renders tools and
 * calls in its own internal format, so this is an estimate, as close as the public recipe allows.
 */
export function countExampleTokens(example: Example, counter: TokenCounter): number {
  const count = counter.countOfKind ? (kind: TextKind, text: string) => counter.countOfKind!(kind, text) : (_kind: TextKind, text: string) => counter.count(text);
  let total = TOKENS_PER_EXAMPLE;
  for (const message of example.messages) {
    total += TOKENS_PER_MESSAGE;
    if (typeof message.role === 'string') total += count(TextKind.Role, message.role);
    const content = contentText(message.content);
    if (content) total += count(contentKind(message.role), content);
    if (typeof message.name === 'string') total += count(TextKind.Name, message.name) + TOKENS_PER_NAME;
    if (typeof message.tool_call_id === 'string') total += count(TextKind.ToolCallId, message.tool_call_id);
    // `tool_calls` then a legacy `function_call`, without an array of both per message.
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) if (isObject(call)) total += callTokens(call.function, count);
    }
    total += callTokens(message.function_call, count);
  }
  for (const key of ['tools', 'functions'] as const) {
    const declarations = example.value[key];
    if (!Array.isArray(declarations) || declarations.length === 0) continue;
    const shared = example.shared?.[key];
    if (shared === undefined) total += count(TextKind.Declarations, declarationsJson(declarations));
    else {
      // Counted once per shared array and counter: no serialising or hashing it again per line.
      if (shared.tokens?.counter !== counter) shared.tokens = { counter, count: count(TextKind.Declarations, declarationsJson(declarations)) };
      total += shared.tokens.count;
    }
  }
  return total;
}

/** Tokens of one call's function (`{ name, arguments }`): its name and its arguments as text; 0 when it is not an object. */
function callTokens(fn: unknown, count: (kind: TextKind, text: string) => number): number {
  if (!isObject(fn)) return 0;
  let total = 0;
  if (typeof fn.name === 'string') total += count(TextKind.CallName, fn.name);
  const args = fn.arguments;
  if (args !== undefined) total += count(TextKind.Arguments, typeof args === 'string' ? args : JSON.stringify(args));
  return total;
}

function contentKind(role: unknown): TextKind {
  if (role === 'system' || role === 'developer') return TextKind.SystemContent;
  if (role === 'user') return TextKind.UserContent;
  if (role === 'assistant') return TextKind.AssistantContent;
  return TextKind.OtherContent;
}

/** The model whose limit applies and that limit (tokens per example): what TC209 checks. */
export interface TokenLimitOption {
  model: string;
  limit: number;
  /** Text per example counted in full, and the sample counted past it (tokenBudget.ts; defaults there, smaller in tests). */
  budget?: { exactChars: number; sampleChars: number };
}

/**
 * Most tokens per training example, by model; longer examples are truncated by the service.
 * Sources: OpenAI's fine-tuning guide (gpt-4o-mini-2024-07-18 and gpt-4o-2024-08-06: 65,536;
 * gpt-3.5-turbo-1106/0125: 16,385; gpt-3.5-turbo-0613: 4,096; gpt-4.1 family: 65,536), as
 * collected in the project's notes (formats-and-apis.md). Keys ending in `*` match by prefix.
 * Overridable: callers merge their own table (a setting, `--limit`).
 */
export const DEFAULT_TOKEN_LIMITS: Readonly<Record<string, number>> = {
  'gpt-4o-mini-2024-07-18': 65_536,
  'gpt-4o-2024-08-06': 65_536,
  'gpt-3.5-turbo-0125': 16_385,
  'gpt-3.5-turbo-1106': 16_385,
  'gpt-3.5-turbo-0613': 4_096,
  'gpt-4.1*': 65_536,
};

/** Looks a model up in a table of exact ids and `prefix*` keys (longest prefix wins); fine-tuned ids by their base. */
export function lookupModel<T>(table: Readonly<Record<string, T>>, model: string): T | undefined {
  for (const id of [model, baseModel(model)]) {
    if (Object.hasOwn(table, id)) return table[id];
  }
  const base = baseModel(model);
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (key.endsWith('*') && base.startsWith(key.slice(0, -1)) && (!best || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : table[best];
}
