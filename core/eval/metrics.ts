// The lesson's three per-call metrics (exact, fuzzy, functional) and the similarity
// they rest on, computed exactly as the Python scripts users already run.
import { asciiSequenceRatio, type SequenceMatcherOptions } from './difflib.ts';
import { tryParsePythonJson, type PyDict, type PyJson } from './pythonJson.ts';
import { DumpsBuffer, writePlainJsonDumps, writePythonJsonDumps } from './pythonJsonDumps.ts';
import { PLAIN_SAME, PLAIN_UNEQUAL, plainComparison, pythonEquals } from './pythonEquals.ts';
import { PairMemo } from './pairMemo.ts';
import { pythonValueOfParsed } from './tokenNumbers.ts';
import { CLOSE_BRACE, CLOSE_BRACKET, isJsonWhitespace, OPEN_BRACE, OPEN_BRACKET } from '../text/jsonCharCodes.ts';

/** One function call: its name and its arguments as the JSON string the API carries. */
export interface ToolCall {
  name: string;
  arguments: string;
}

/** Metrics of one predicted call against one expected call. */
export interface CallMetrics {
  /** Same name and arguments equal after parsing (Python ==, so 1 == 1.0). */
  exact: boolean;
  /** Same name and similarity > FUZZY_THRESHOLD. */
  fuzzy: boolean;
  /** Same name and similarity > FUNCTIONAL_THRESHOLD: the lesson gives a wrong name no credit at all. */
  functional: boolean;
  /**
   * difflib ratio of the canonical argument JSON, a = predicted, b = expected (difflib is not
   * symmetric), in [0, 1]. Computed whatever the names: an extra column, never a metric alone.
   */
  similarity: number;
  /** Set when arguments did not parse as JSON: then every metric is false and similarity 0. */
  unparseable?: 'expected' | 'predicted' | 'both';
}

/** Fuzzy match needs similarity strictly above this. */
export const FUZZY_THRESHOLD = 0.8;
/** Functional match needs similarity strictly above this. */
export const FUNCTIONAL_THRESHOLD = 0.5;

/** Options of scoring: difflib's autojunk (default true, as Python) and structural match's strict enums. */
export interface MetricsOptions extends SequenceMatcherOptions {
  /** Structural match fails a value outside the schema's enum (default false: it is only reported). */
  strictEnums?: boolean;
}

/** Parsed arguments. */
export class ParsedArguments {
  private python: PyJson | undefined;
  constructor(
    /** The arguments as given. */
    readonly text: string,
    /** JSON.parse's value when the text is plain (see plainFloats), which then stands for the Python value; else undefined. */
    readonly plain: unknown,
    python?: PyJson,
  ) {
    this.python = python;
  }

  /** The value as json.loads gives it (made from the plain value on first use). */
  get value(): PyJson {
    return (this.python ??= toPython(this.plain));
  }
}

/** Parses call arguments as Python's json.loads would; undefined when it would raise. */
export function parseArguments(text: string): ParsedArguments | undefined {
  // A text JSON.parse rejects costs it ~50,000-100,000 instructions (the SyntaxError and its stack
  // trace): a truncated call, the usual kind, is known to be rejected from its ends alone.
  if (neverCloses(text)) return parsedByPython(text);
  let parsed: unknown;
  try {
    // JSON.parse accepts a text only if json.loads does (NaN, Infinity, a BOM or a bad escape make
    // it throw: those texts are left to parsePythonJson); the two differ on numbers, keys and depth alone.
    parsed = JSON.parse(text);
  } catch {
    return parsedByPython(text);
  }
  const floats = plainFloats(parsed, 0);
  if (floats === 0 ? !FLOAT_LIKE.test(text) : floats > 0 && floats === floatTokens(text)) return new ParsedArguments(text, parsed);
  const value = pythonValueOfParsed(text, parsed);
  return value === undefined ? parsedByPython(text) : new ParsedArguments(text, undefined, value);
}

/**
 * Whether the text opens an object or an array (after JSON's whitespace, which is also
 * json.loads') and does not end with its closing bracket: no JSON text does, so JSON.parse would throw.
 */
export function neverCloses(text: string): boolean {
  // The common case first, in one read: the text ends with a closing bracket.
  const last = text.charCodeAt(text.length - 1);
  if (last === CLOSE_BRACE || last === CLOSE_BRACKET) return false;
  let start = 0;
  while (start < text.length && isJsonWhitespace(text.charCodeAt(start))) start++;
  const open = text.charCodeAt(start);
  if (open !== OPEN_BRACE && open !== OPEN_BRACKET) return false;
  let end = text.length - 1;
  while (end > start && isJsonWhitespace(text.charCodeAt(end))) end--;
  // `{` + 2 is `}` and `[` + 2 is `]`.
  return end === start || text.charCodeAt(end) !== open + 2;
}

function parsedByPython(text: string): ParsedArguments | undefined {
  let value: PyJson | undefined;
  try {
    // Only whether it parses matters here: no error message is built for a rejected text.
    value = tryParsePythonJson(text);
  } catch {
    return undefined;
  }
  return value === undefined ? undefined : new ParsedArguments(text, undefined, value);
}

// A plain text, whose JSON.parse value stands for the Python one (see ParsedArguments.plain):
// every number is a safe int or a float that is not integral (2.5, 1e-3, 1e400 read as Infinity),
// so that Number.isInteger tells Python's ints from its floats, and JSON.parse's double is
// float(token) (both round correctly); no key starts with a digit (JS objects would put
// integer-like keys first; dicts keep insertion order); nesting stays far below json.loads's
// recursion limit. A float token read as an integral double (1.0, 1e2, -0.0) would pass for an
// int: so the text's float tokens are counted (FLOAT_TOKEN: one match per token with a fraction
// or an exponent, plus any inside strings) and must be exactly the value's non-integral numbers,
// which leaves no float token integral, dropped by a repeated key, or in a string. With no
// float in the value, no digit may be followed by `.`, `e` or `E` anywhere (the same test).
const FLOAT_LIKE = /\d[.eE]/;
const FLOAT_TOKEN = /\d(?:\.\d+(?:[eE][+-]?\d+)?|[eE][+-]?\d+)/g;
const PLAIN_DEPTH = 200;

/** How many of the value's numbers are floats (see above), or -1 when the value is not plain. */
function plainFloats(v: unknown, depth: number): number {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 0 : Number.isInteger(v) ? -1 : 1;
  if (typeof v !== 'object' || v === null) return 0;
  if (depth >= PLAIN_DEPTH) return -1;
  let floats = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const more = plainFloats(v[i], depth + 1);
      if (more < 0) return -1;
      floats += more;
    }
    return floats;
  }
  // for..in: no array of keys per object (JSON.parse's objects inherit no enumerable key).
  for (const key in v) {
    const c = key.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) return -1;
    const more = plainFloats((v as Record<string, unknown>)[key], depth + 1);
    if (more < 0) return -1;
    floats += more;
  }
  return floats;
}

/** FLOAT_TOKEN's matches in the text. */
function floatTokens(text: string): number {
  FLOAT_TOKEN.lastIndex = 0;
  let count = 0;
  // test, not exec: no match array per token.
  while (FLOAT_TOKEN.test(text)) count++;
  return count;
}

// A plain value (plainFloats) in the PyJson model: ints as bigint, floats as numbers, objects as
// Maps in key order.
function toPython(v: unknown): PyJson {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) {
    const list: PyJson[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) list[i] = toPython(v[i]);
    return list;
  }
  const dict: PyDict = new Map();
  for (const key of Object.keys(v as object)) dict.set(key, toPython((v as Record<string, unknown>)[key]));
  return dict;
}

/**
 * Compares a predicted call with the expected one. Arguments that do not parse
 * score nothing (every metric false, similarity 0): a call the API would reject
 * cannot be partly right, and the Python scripts would have raised instead.
 */
export function compareCalls(expected: ToolCall, predicted: ToolCall, options: MetricsOptions = {}): CallMetrics {
  const parsed = parseArguments(expected.arguments);
  // The same text parses to the same value (pythonEquals compares values, never identities), so
  // a prediction that repeats the expected arguments, the common case, is parsed once.
  const other = predicted.arguments === expected.arguments ? parsed : parseArguments(predicted.arguments);
  return compareParsed(expected.name, parsed, predicted.name, other, options);
}

/** compareCalls on arguments already parsed (to parse each call once when comparing many pairs). */
export function compareParsed(
  expectedName: string,
  expected: ParsedArguments | undefined,
  predictedName: string,
  predicted: ParsedArguments | undefined,
  options: MetricsOptions = {},
): CallMetrics {
  if (expected === undefined || predicted === undefined) {
    const unparseable = expected === undefined && predicted === undefined ? 'both' : expected === undefined ? 'expected' : 'predicted';
    return { exact: false, fuzzy: false, functional: false, similarity: 0, unparseable };
  }
  const sameName = expectedName === predictedName;
  let equal: boolean;
  let similarity: number;
  if (expected.plain !== undefined && predicted.plain !== undefined) {
    const comparison = plainComparison(expected.plain, predicted.plain);
    equal = comparison !== PLAIN_UNEQUAL;
    // Values the same to their types have the same canonical text, whose ratio is exactly 1.0
    // (sequenceRatio says why): on the generated bench set, 45% of the differing texts.
    similarity = comparison === PLAIN_SAME ? 1.0 : argumentsRatio(predicted, expected, options.autojunk ?? true);
  } else {
    equal = sameName && pythonEquals(expected.value, predicted.value);
    // Equal texts have equal canonical texts.
    similarity = predicted.text === expected.text ? 1.0 : argumentsRatio(predicted, expected, options.autojunk ?? true);
  }
  return {
    exact: sameName && equal,
    fuzzy: sameName && similarity > FUZZY_THRESHOLD,
    functional: sameName && similarity > FUNCTIONAL_THRESHOLD,
    similarity,
  };
}

/** The three metrics of a call, without the similarity (a passes-only summary does not show it). */
export type CallPasses = Pick<CallMetrics, 'exact' | 'fuzzy' | 'functional'>;

const NO_PASSES: CallPasses = Object.freeze({ exact: false, fuzzy: false, functional: false });

/**
 * compareParsed's exact, fuzzy and functional. Each of the three needs the names to be equal, so
 * calls with different names (or arguments that do not parse) fail all three without the difflib
 * ratio, which compareParsed computes for the similarity column alone.
 */
export function comparePasses(
  expectedName: string,
  expected: ParsedArguments | undefined,
  predictedName: string,
  predicted: ParsedArguments | undefined,
  options: MetricsOptions = {},
): CallPasses {
  if (expectedName !== predictedName || expected === undefined || predicted === undefined) return NO_PASSES;
  return compareParsed(expectedName, expected, predictedName, predicted, options);
}

// The lesson's SequenceMatcher(None, dumps(pred_args), dumps(truth_args)).ratio(): predicted
// first. A function of the two argument texts (and autojunk), so a pair seen before is looked up:
// real eval sets repeat the same call and the same wrong prediction on many lines (the real bench
// set: 47,052 differing pairs, 9,045 distinct). Parses are not memoised: on distinct texts keeping
// them cost more (their values outlive the young generation) than parsing again.
function argumentsRatio(predicted: ParsedArguments, expected: ParsedArguments, autojunk: boolean): number {
  const memo = autojunk ? pairRatios : pairRatiosNoAutojunk;
  // find, then keep: no closure made per pair (get's compute would be one).
  const found = memo.find(predicted.text, expected.text);
  if (found !== undefined) return found.value;
  const ratio = dumpsRatio(predicted, expected, autojunk);
  memo.keep(predicted.text, expected.text, ratio);
  return ratio;
}

function dumpsRatio(predicted: ParsedArguments, expected: ParsedArguments, autojunk: boolean): number {
  // `json.dumps(..., sort_keys=True)` of both, written as codes: the texts are never needed as strings.
  if (predicted.plain !== undefined) writePlainJsonDumps(predicted.plain, predictedDumps);
  else writePythonJsonDumps(predicted.value, true, predictedDumps);
  if (expected.plain !== undefined) writePlainJsonDumps(expected.plain, expectedDumps);
  else writePythonJsonDumps(expected.value, true, expectedDumps);
  // ensure_ascii: the texts are ASCII.
  const ratio = asciiSequenceRatio(predictedDumps.codes, predictedDumps.length, expectedDumps.codes, expectedDumps.length, autojunk);
  // Huge arguments must not keep their buffers for the life of the process.
  if (predictedDumps.codes.length > 1 << 16) predictedDumps = new DumpsBuffer();
  if (expectedDumps.codes.length > 1 << 16) expectedDumps = new DumpsBuffer();
  return ratio;
}

let predictedDumps = new DumpsBuffer();
let expectedDumps = new DumpsBuffer();

const pairRatios = new PairMemo<number>(4096, 1 << 19);
const pairRatiosNoAutojunk = new PairMemo<number>(4096, 1 << 19);

/** Ratios answered by the memo without comparing again (a work counter for tests and the bench). */
export function ratioMemoHits(): number {
  return pairRatios.hits + pairRatiosNoAutojunk.hits;
}
