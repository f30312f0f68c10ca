// The lesson's three per-call metrics (exact, fuzzy, functional) and the similarity
// they rest on, computed exactly as the Python scripts users already run.
import { sequenceRatio, type SequenceMatcherOptions } from './difflib.ts';
import { parsePythonJson, pythonJsonDumps, type PyJson } from './pythonJson.ts';
import { pythonEquals } from './pythonEquals.ts';

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
  /** Similarity > FUNCTIONAL_THRESHOLD; the name is not compared (the notes define it on similarity alone). */
  functional: boolean;
  /** difflib ratio of the canonical argument JSON of both calls, in [0, 1]. */
  similarity: number;
  /** Set when arguments did not parse as JSON: then every metric is false and similarity 0. */
  unparseable?: 'expected' | 'predicted' | 'both';
}

/** Fuzzy match needs similarity strictly above this. */
export const FUZZY_THRESHOLD = 0.8;
/** Functional match needs similarity strictly above this. */
export const FUNCTIONAL_THRESHOLD = 0.5;

/** Options of the metrics: difflib's autojunk (default true, as Python). */
export type MetricsOptions = SequenceMatcherOptions;

/** Parsed arguments and their canonical text, or undefined when not JSON. */
export interface ParsedArguments {
  value: PyJson;
  /** `json.dumps(json.loads(arguments), sort_keys=True)`. */
  canonical: string;
}

/** Parses call arguments as Python's json.loads would; undefined when it would raise. */
export function parseArguments(text: string): ParsedArguments | undefined {
  let value: PyJson;
  try {
    value = parsePythonJson(text);
  } catch {
    return undefined;
  }
  return { value, canonical: pythonJsonDumps(value, { sortKeys: true }) };
}

/**
 * Compares a predicted call with the expected one. Arguments that do not parse
 * score nothing (every metric false, similarity 0): a call the API would reject
 * cannot be partly right, and the Python scripts would have raised instead.
 */
export function compareCalls(expected: ToolCall, predicted: ToolCall, options: MetricsOptions = {}): CallMetrics {
  return compareParsed(expected.name, parseArguments(expected.arguments), predicted.name, parseArguments(predicted.arguments), options);
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
  const similarity = sequenceRatio(expected.canonical, predicted.canonical, options);
  return {
    exact: sameName && pythonEquals(expected.value, predicted.value),
    fuzzy: sameName && similarity > FUZZY_THRESHOLD,
    functional: similarity > FUNCTIONAL_THRESHOLD,
    similarity,
  };
}
