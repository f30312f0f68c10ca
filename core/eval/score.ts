// Scores cases against predictions and aggregates the results.
import { hasPerfectMatching, hasPerfectMatchingOfBit, maxWeightAssignment, perfectMatching } from './assignment.ts';
import type { Category, EvalCase, ToolDeclaration } from './cases.ts';
import { compareParsed, comparePasses, parseArguments, type CallMetrics, type MetricsOptions, type ParsedArguments, type ToolCall } from './metrics.ts';
import { caseKey, type Prediction } from './predictions.ts';
import { structuralMatchParsed, type StructuralResult } from './structural.ts';
import { RatesTally, type CasePasses, type Summary } from './summaryTally.ts';

export { parsePredictions, caseKey, type Prediction } from './predictions.ts';
export { NO_CALL_KEY, type MetricRates, type Summary } from './summaryTally.ts';

/** The outcome of one case. */
export interface CaseResult {
  line: number;
  turn: number;
  category: Category;
  /** Names of the expected calls (empty: no call expected). */
  expectedTools: string[];
  /** False when there was no prediction for the case (scored as a miss). */
  predicted: boolean;
  exact: boolean;
  fuzzy: boolean;
  functional: boolean;
  structural: boolean;
  /** Mean similarity over the best pairing, unmatched calls counting 0; 1 or 0 for a no-call case. */
  similarity: number;
  /** Why the structural check failed, when it did. */
  reason?: string;
}

/**
 * Scores one case. Expected and predicted calls form unordered multisets: a case
 * passes a metric when the counts are equal and some one-to-one pairing passes it
 * on every pair (each metric pairs independently). A no-call case passes every
 * metric when the prediction has no calls. No prediction is a miss.
 */
export function scoreCase(c: EvalCase, prediction: Prediction | undefined, options: MetricsOptions = {}): CaseResult {
  const expectedTools = c.expected.map((call) => call.name);
  if (prediction === undefined) {
    return { line: c.line, turn: c.turn, category: c.category, expectedTools, predicted: false, exact: false, fuzzy: false, functional: false, structural: false, similarity: 0, reason: NO_PREDICTION };
  }
  const got = prediction.calls;
  if (c.expected.length === 0) {
    const pass = got.length === 0;
    const result: CaseResult = { line: c.line, turn: c.turn, category: c.category, expectedTools, predicted: true, exact: pass, fuzzy: pass, functional: pass, structural: pass, similarity: pass ? 1 : 0 };
    if (!pass) result.reason = `No call was expected, the model made ${got.length}.`;
    return result;
  }
  const parsed = parseCalls(c.expected, got);
  const metrics = c.expected.map((e, i) => got.map((p, j) => compareParsed(e.name, parsed.want[i], p.name, parsed.got[j], options)));
  const n = c.expected.length;
  const sameCount = got.length === n;
  const all = (pick: (m: CallMetrics) => boolean): boolean => sameCount && hasPerfectMatching(n, (i, j) => pick(metrics[i][j]));
  // n pairs in order at 1.0 total n, the most any pairing can: the best pairing found is n ones
  // too (a ratio below 1 is at most 1 - 1/(len a + len b), far above rounding), and n / n is 1.
  const similarity = inOrder(n, got.length, (i) => metrics[i][i].similarity === 1)
    ? 1
    : maxWeightAssignment(metrics.map((row) => row.map((m) => m.similarity)), got.length).total / Math.max(n, got.length);
  const structural = structuralOf(c, got, parsed, options);
  const result: CaseResult = {
    line: c.line,
    turn: c.turn,
    category: c.category,
    expectedTools,
    predicted: true,
    exact: all((m) => m.exact),
    fuzzy: all((m) => m.fuzzy),
    functional: all((m) => m.functional),
    structural: structural.pass,
    similarity,
  };
  if (structural.reason !== undefined) result.reason = structural.reason;
  return result;
}

const NO_PREDICTION = 'No prediction for this case.';

/**
 * scoreCase's four passes alone, for a summary: no similarity (difflib runs only for calls with
 * the same name, the only ones fuzzy and functional credit, and no best pairing is searched by
 * similarity) and no result object per case. Written with loops and a table of bits, no function
 * made per case: scoring is one pass, where every function that gets hot is compiled by TurboFan,
 * and the closures and matrices of scoreCase's way cost more to compile than they ran.
 */
export function casePasses(c: EvalCase, prediction: Prediction | undefined, options: MetricsOptions = {}): CasePasses {
  if (prediction === undefined) return NO_PASS;
  const got = prediction.calls;
  const n = c.expected.length;
  if (n === 0) return got.length === 0 ? ALL_PASS : NO_PASS;
  // Every metric needs as many calls as expected, and so does the structural check.
  if (got.length !== n) return NO_PASS;
  if (n === 1) {
    // Every pass, the structural one too, needs the names equal: no parse for a wrong name.
    if (got[0]!.name !== c.expected[0]!.name) return NO_PASS;
    const want = parseArguments(c.expected[0]!.arguments);
    const have = got[0]!.arguments === c.expected[0]!.arguments ? want : parseArguments(got[0]!.arguments);
    return PASSES_OF_BITS[pairBits(c, 0, c.expected[0]!, want, got[0]!, have, options)]!;
  }
  const want = new Array<ParsedArguments | undefined>(n);
  for (let i = 0; i < n; i++) want[i] = parseArguments(c.expected[i]!.arguments);
  const have = new Array<ParsedArguments | undefined>(n);
  for (let j = 0; j < n; j++) have[j] = parsedLike(got[j]!.arguments, c.expected, want);
  const bits = new Array<number>(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) bits[i * n + j] = pairBits(c, i, c.expected[i]!, want[i], got[j]!, have[j], options);
  let passes = 0;
  for (let bit = STRUCTURAL; bit <= EXACT; bit <<= 1) if (hasPerfectMatchingOfBit(n, bits, bit)) passes |= bit;
  return PASSES_OF_BITS[passes]!;
}

// A pair's passes as bits, and the sixteen CasePasses they stand for (shared, so frozen).
const STRUCTURAL = 1;
const FUNCTIONAL = 2;
const FUZZY = 4;
const EXACT = 8;
const PASSES_OF_BITS: readonly CasePasses[] = Array.from({ length: 16 }, (_, bits) =>
  Object.freeze({ exact: (bits & EXACT) !== 0, fuzzy: (bits & FUZZY) !== 0, functional: (bits & FUNCTIONAL) !== 0, structural: (bits & STRUCTURAL) !== 0 }),
);
const NO_PASS = PASSES_OF_BITS[0]!;
const ALL_PASS = PASSES_OF_BITS[15]!;

/**
 * The passes of the predicted call `p` against the case's i-th expected call `e`, as bits:
 * comparePasses' three, and the pair's structural check (a case passes it when the pairs that
 * pass pair every call one to one, which is what structuralOf's pass comes to).
 */
function pairBits(c: EvalCase, i: number, e: ToolCall, want: ParsedArguments | undefined, p: ToolCall, have: ParsedArguments | undefined, options: MetricsOptions): number {
  const m = comparePasses(e.name, want, p.name, have, options);
  const bits = (m.exact ? EXACT : 0) | (m.fuzzy ? FUZZY : 0) | (m.functional ? FUNCTIONAL : 0);
  return structuralPair(c, i, e, want, p, have, options, false).pass ? bits | STRUCTURAL : bits;
}

/** The parse of a predicted call's arguments: an expected call's with the same text, else its own. */
function parsedLike(text: string, expected: readonly ToolCall[], want: readonly (ParsedArguments | undefined)[]): ParsedArguments | undefined {
  for (let i = 0; i < expected.length; i++) if (expected[i]!.arguments === text) return want[i];
  return parseArguments(text);
}

/** Whether as many calls were made as expected and each call in order passes against its own place. */
function inOrder(expected: number, made: number, passes: (i: number) => boolean): boolean {
  if (made !== expected) return false;
  for (let i = 0; i < expected; i++) if (!passes(i)) return false;
  return true;
}

/** Each call's arguments parsed once: a predicted call repeating an expected call's text, the common case, shares its parse. */
interface ParsedCalls {
  want: (ParsedArguments | undefined)[];
  got: (ParsedArguments | undefined)[];
}

function parseCalls(expected: ToolCall[], predicted: ToolCall[]): ParsedCalls {
  const want = expected.map((call) => parseArguments(call.arguments));
  const got = predicted.map((call) => {
    const same = expected.findIndex((e) => e.arguments === call.arguments);
    return same >= 0 ? want[same] : parseArguments(call.arguments);
  });
  return { want, got };
}

// Structural pass needs a perfect pairing of passing pairs; on failure, the reason of the
// best-looking pair explains it, on a pass the reasons (rules that let something through) of
// the pairs used. A call must name a tool the case declares (when it declares any: lines that
// take their tools from a shared tools file declare none).
function structuralOf(c: EvalCase, got: ToolCall[], parsed: ParsedCalls, options: MetricsOptions): { pass: boolean; reason?: string } {
  const n = c.expected.length;
  if (got.length !== n) return { pass: false, reason: `Expected ${n} call(s), the model made ${got.length}.` };
  const results = c.expected.map((e, i) => got.map((p, j) => structuralPair(c, i, e, parsed.want[i], p, parsed.got[j], options)));
  // Calls passing in order, and no passing pair with a note: every pairing gives the same pass.
  if (inOrder(n, n, (i) => results[i][i].pass) && results.every((row) => row.every((r) => !r.pass || r.reason === undefined))) return { pass: true };
  const pairing = perfectMatching(n, (i, j) => results[i][j].pass);
  if (pairing !== undefined) {
    const notes = pairing.flatMap((j, i) => results[i][j].reason ?? []);
    return notes.length === 0 ? { pass: true } : { pass: true, reason: notes.join(' ') };
  }
  for (let i = 0; i < n; i++) {
    if (results[i].some((r) => r.pass)) continue;
    const sameName = got.findIndex((p) => p.name === c.expected[i].name);
    return { pass: false, reason: results[i][sameName >= 0 ? sameName : 0].reason };
  }
  return { pass: false, reason: 'The calls cannot all be paired with a matching expected call.' };
}

/**
 * The structural check of the predicted call `p` against the case's i-th expected call `e`; a
 * call must name a declared tool. `explain` false: the pass alone (no reason is written).
 */
function structuralPair(c: EvalCase, i: number, e: ToolCall, want: ParsedArguments | undefined, p: ToolCall, have: ParsedArguments | undefined, options: MetricsOptions, explain = true): StructuralResult {
  const declared = toolNamed(c.tools, e.name);
  // The expected call's tool is the predicted call's when the names are equal, the usual case.
  if (c.tools.length !== 0 && (p.name === e.name ? declared : toolNamed(c.tools, p.name)) === undefined) return { pass: false, reason: `Function '${p.name}' is not among the tools the case declares.` };
  return structuralMatchParsed(e, p, declared?.function.parameters, c.acceptable?.[i], options, want, have, explain);
}

/** The first tool declared with `name`. */
function toolNamed(tools: readonly ToolDeclaration[], name: string): ToolDeclaration | undefined {
  for (let k = 0; k < tools.length; k++) if (tools[k]!.function.name === name) return tools[k];
  return undefined;
}

/** Scores every case, looking predictions up by (line, turn). */
export function scoreCases(cases: EvalCase[], predictions: Map<string, Prediction>, options: MetricsOptions = {}): CaseResult[] {
  return cases.map((c) => scoreCase(c, predictions.get(caseKey(c.line, c.turn)), options));
}

/** Overall rates, plus per tool (a case counts once under each distinct expected tool name) and per category. */
export function summarize(results: readonly CaseResult[]): Summary {
  const tally = new RatesTally();
  for (const r of results) tally.add(r.category, r.expectedTools, r);
  return tally.summary();
}
