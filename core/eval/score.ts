// Scores cases against predictions and aggregates the results.
import { hasPerfectMatching, maxWeightAssignment, perfectMatching } from './assignment.ts';
import type { Category, EvalCase } from './cases.ts';
import { compareParsed, parseArguments, type CallMetrics, type MetricsOptions, type ToolCall } from './metrics.ts';
import { caseKey, type Prediction } from './predictions.ts';
import { structuralMatch, type StructuralResult } from './structural.ts';

export { parsePredictions, caseKey, type Prediction } from './predictions.ts';

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

/** Fractions of cases passing each metric, in [0, 1]; 0 when there are no cases. */
export interface MetricRates {
  total: number;
  exact_match: number;
  fuzzy_match: number;
  functional_match: number;
  structural_match: number;
}

/** `summarize` output: overall rates, then per expected tool and per category. */
export interface Summary extends MetricRates {
  by_tool: Record<string, MetricRates>;
  by_category: Partial<Record<Category, MetricRates>>;
}

/** The `by_tool` key of cases where no call was expected. */
export const NO_CALL_KEY = '(no call)';

/**
 * Scores one case. Expected and predicted calls form unordered multisets: a case
 * passes a metric when the counts are equal and some one-to-one pairing passes it
 * on every pair (each metric pairs independently). A no-call case passes every
 * metric when the prediction has no calls. No prediction is a miss.
 */
export function scoreCase(c: EvalCase, prediction: Prediction | undefined, options: MetricsOptions = {}): CaseResult {
  const base = { line: c.line, turn: c.turn, category: c.category, expectedTools: c.expected.map((call) => call.name) };
  if (prediction === undefined) {
    return { ...base, predicted: false, exact: false, fuzzy: false, functional: false, structural: false, similarity: 0, reason: 'No prediction for this case.' };
  }
  const got = prediction.calls;
  if (c.expected.length === 0) {
    const pass = got.length === 0;
    return {
      ...base, predicted: true, exact: pass, fuzzy: pass, functional: pass, structural: pass, similarity: pass ? 1 : 0,
      ...(pass ? {} : { reason: `No call was expected, the model made ${got.length}.` }),
    };
  }
  const metrics = pairMetrics(c.expected, got, options);
  const n = c.expected.length;
  const sameCount = got.length === n;
  const all = (pick: (m: CallMetrics) => boolean): boolean => sameCount && hasPerfectMatching(n, (i, j) => pick(metrics[i][j]));
  const similarity = maxWeightAssignment(metrics.map((row) => row.map((m) => m.similarity)), got.length).total / Math.max(n, got.length);
  const structural = structuralOf(c, got, options);
  return {
    ...base,
    predicted: true,
    exact: all((m) => m.exact),
    fuzzy: all((m) => m.fuzzy),
    functional: all((m) => m.functional),
    structural: structural.pass,
    similarity,
    ...(structural.reason === undefined ? {} : { reason: structural.reason }),
  };
}

function pairMetrics(expected: ToolCall[], predicted: ToolCall[], options: MetricsOptions): CallMetrics[][] {
  const want = expected.map((call) => parseArguments(call.arguments));
  const got = predicted.map((call) => parseArguments(call.arguments));
  return expected.map((e, i) => predicted.map((p, j) => compareParsed(e.name, want[i], p.name, got[j], options)));
}

// Structural pass needs a perfect pairing of passing pairs; on failure, the reason of the
// best-looking pair explains it, on a pass the reasons (rules that let something through) of
// the pairs used. A call must name a tool the case declares (when it declares any: lines that
// take their tools from a shared tools file declare none).
function structuralOf(c: EvalCase, got: ToolCall[], options: MetricsOptions): { pass: boolean; reason?: string } {
  const n = c.expected.length;
  if (got.length !== n) return { pass: false, reason: `Expected ${n} call(s), the model made ${got.length}.` };
  const schemaOf = (name: string): unknown => c.tools.find((t) => t.function.name === name)?.function.parameters;
  const declared = (name: string): boolean => c.tools.length === 0 || c.tools.some((t) => t.function.name === name);
  const results = c.expected.map((e, i) =>
    got.map((p): StructuralResult =>
      declared(p.name)
        ? structuralMatch(e, p, schemaOf(e.name), c.acceptable?.[i], options)
        : { pass: false, reason: `Function '${p.name}' is not among the tools the case declares.` },
    ),
  );
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

/** Scores every case, looking predictions up by (line, turn). */
export function scoreCases(cases: EvalCase[], predictions: Map<string, Prediction>, options: MetricsOptions = {}): CaseResult[] {
  return cases.map((c) => scoreCase(c, predictions.get(caseKey(c.line, c.turn)), options));
}

/** Overall rates, plus per tool (a case counts once under each distinct expected tool name) and per category. */
export function summarize(results: CaseResult[]): Summary {
  const byTool = new Map<string, CaseResult[]>();
  const byCategory = new Map<Category, CaseResult[]>();
  for (const r of results) {
    const tools = r.expectedTools.length === 0 ? [NO_CALL_KEY] : [...new Set(r.expectedTools)];
    for (const tool of tools) push(byTool, tool, r);
    push(byCategory, r.category, r);
  }
  const sortedEntries = <K extends string>(m: Map<K, CaseResult[]>): [K, MetricRates][] =>
    [...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, rs]) => [k, rates(rs)]);
  return {
    ...rates(results),
    by_tool: Object.fromEntries(sortedEntries(byTool)),
    by_category: Object.fromEntries(sortedEntries(byCategory)),
  };
}

function push<K>(m: Map<K, CaseResult[]>, key: K, r: CaseResult): void {
  const list = m.get(key);
  if (list) list.push(r);
  else m.set(key, [r]);
}

function rates(results: CaseResult[]): MetricRates {
  const total = results.length;
  const rate = (pick: (r: CaseResult) => boolean): number => (total === 0 ? 0 : results.filter(pick).length / total);
  return {
    total,
    exact_match: rate((r) => r.exact),
    fuzzy_match: rate((r) => r.fuzzy),
    functional_match: rate((r) => r.functional),
    structural_match: rate((r) => r.structural),
  };
}
