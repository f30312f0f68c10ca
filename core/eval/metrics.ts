// The lesson's three per-call metrics (exact, fuzzy, functional) and the similarity
// they rest on, computed exactly as the Python scripts users already run.
import { codeSequenceRatio, type SequenceMatcherOptions } from './difflib.ts';
import { tryParsePythonJson, type PyJson } from './pythonJson.ts';
import { isPlainCandidate, plainEquals, plainToPython, toPython, writePlainDumps, type PlainJson } from './plainJson.ts';
import { DumpsBuffer, writePythonJsonDumps } from './pythonJsonDumps.ts';
import { pythonEquals } from './pythonEquals.ts';
import { PairMemo } from './pairMemo.ts';

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

/**
 * Parsed arguments: the plain value JSON.parse gave when it reads the text exactly as json.loads
 * (plainJson.ts), else the Python value; the Python value of a plain text is made when asked for
 * (the structural check walks it, comparing a pair does not need it).
 */
export class ParsedArguments {
  private python: PyJson | undefined;

  constructor(
    /** The arguments as given. */
    readonly text: string,
    /** The value from JSON.parse, when the text is plain (readPlainJson); else undefined. */
    readonly plain: PlainJson | undefined,
    python: PyJson | undefined,
  ) {
    this.python = python;
  }

  /** The value as json.loads returns it. */
  get value(): PyJson {
    if (this.python === undefined) this.python = plainToPython(this.plain as PlainJson, this.text);
    return this.python;
  }
}

/** Parses call arguments as Python's json.loads would; undefined when it would raise. */
export function parseArguments(text: string): ParsedArguments | undefined {
  if (isPlainCandidate(text)) {
    let plain: PlainJson;
    try {
      plain = JSON.parse(text) as PlainJson;
    } catch {
      // JSON.parse rejected it: only json.loads's extensions (NaN, Infinity) can still parse.
      return pythonParsed(text);
    }
    return new ParsedArguments(text, plain, undefined);
  }
  const value = convertedJson(text);
  return value === undefined ? pythonParsed(text) : new ParsedArguments(text, undefined, value);
}

function pythonParsed(text: string): ParsedArguments | undefined {
  let value: PyJson | undefined;
  try {
    value = tryParsePythonJson(text);
  } catch {
    return undefined;
  }
  return value === undefined ? undefined : new ParsedArguments(text, undefined, value);
}

/**
 * Texts that are not plain but whose numbers are all ints (long texts, 16 digits in a string)
 * through the engine's JSON.parse, converted, or undefined to leave the text to parsePythonJson:
 * toPython gives up where the conversion could not be exact. JSON.parse accepting the text means
 * json.loads accepts it (see readPlainJson); no digit followed by `.`, `e` or `E` means no float.
 */
function convertedJson(text: string): PyJson | undefined {
  if (FLOAT_LIKE.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return toPython(parsed, 0);
}

const FLOAT_LIKE = /\d[.eE]/;

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
  // Equal texts have equal canonical texts, whose ratio is exactly 1.0 (sequenceRatio says why).
  const similarity = predicted.text === expected.text ? 1.0 : argumentsRatio(predicted, expected, options.autojunk ?? true);
  return {
    exact: sameName && argumentsEqual(expected, predicted),
    fuzzy: sameName && similarity > FUZZY_THRESHOLD,
    functional: sameName && similarity > FUNCTIONAL_THRESHOLD,
    similarity,
  };
}

// Python's == on the two values: on plain values when both are (no Python value is made).
function argumentsEqual(a: ParsedArguments, b: ParsedArguments): boolean {
  if (a.plain !== undefined && b.plain !== undefined) return plainEquals(a.plain, b.plain);
  return pythonEquals(a.value, b.value);
}

// The lesson's SequenceMatcher(None, dumps(pred_args), dumps(truth_args)).ratio(): predicted
// first. A function of the two argument texts (and autojunk), so a pair seen before is looked up:
// real eval sets repeat the same call and the same wrong prediction on many lines (the real bench
// set: 47,052 differing pairs, 9,045 distinct). Parses are not memoised: on distinct texts keeping
// them cost more (their values outlive the young generation) than parsing again.
function argumentsRatio(predicted: ParsedArguments, expected: ParsedArguments, autojunk: boolean): number {
  const memo = autojunk ? pairRatios : pairRatiosNoAutojunk;
  return memo.get(predicted.text, expected.text, () => {
    // `json.dumps(..., sort_keys=True)` of both, written as codes: the texts are never needed as strings.
    writeDumps(predicted, predictedDumps);
    writeDumps(expected, expectedDumps);
    const ratio = codeSequenceRatio(predictedDumps.codes, predictedDumps.length, expectedDumps.codes, expectedDumps.length, { autojunk });
    // Huge arguments must not keep their buffers for the life of the process.
    if (predictedDumps.codes.length > 1 << 16) predictedDumps = new DumpsBuffer();
    if (expectedDumps.codes.length > 1 << 16) expectedDumps = new DumpsBuffer();
    return ratio;
  });
}

function writeDumps(parsed: ParsedArguments, out: DumpsBuffer): void {
  if (parsed.plain !== undefined) writePlainDumps(parsed.plain, out);
  else writePythonJsonDumps(parsed.value, true, out);
}

let predictedDumps = new DumpsBuffer();
let expectedDumps = new DumpsBuffer();

const pairRatios = new PairMemo<number>(4096, 1 << 19);
const pairRatiosNoAutojunk = new PairMemo<number>(4096, 1 << 19);

/** Ratios answered by the memo without comparing again (a work counter for tests and the bench). */
export function ratioMemoHits(): number {
  return pairRatios.hits + pairRatiosNoAutojunk.hits;
}
