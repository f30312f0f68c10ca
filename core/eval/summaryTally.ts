// A model's summary kept as counts while its cases go by, so a summary needs no list of cases:
// streamed offline scoring adds each case as it is scored and keeps nothing else. The one home
// of how the rates, breakdowns, intervals, latency and cost of a model are computed.
import type { Category } from '../stats/category.ts';
import { RATE_METRICS, type RateIntervals } from './comparisons.ts';
import { wilsonInterval } from './confidence.ts';

/** Fractions of cases passing each metric, in [0, 1]; 0 when there are no cases. */
export interface MetricRates {
  total: number;
  exact_match: number;
  fuzzy_match: number;
  functional_match: number;
  structural_match: number;
}

/** Overall rates, then per expected tool and per category. */
export interface Summary extends MetricRates {
  by_tool: Record<string, MetricRates>;
  by_category: Partial<Record<Category, MetricRates>>;
}

/** Summary of one model: the metric rates (fractions), breakdowns, latency and cost. */
export interface ModelSummary extends Summary {
  /** 95% Wilson score interval of each overall rate. */
  ci: RateIntervals;
  /** Cases whose request failed after every retry (counted as misses). */
  errors: number;
  /** Nearest-rank percentiles of case latency in ms; null without latencies. */
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  prompt_tokens: number;
  completion_tokens: number;
  /** USD over all cases; null when some answered case has no known price. */
  cost_usd: number | null;
  /** cost_usd / cases answered * 1000; null when unknown or nothing was answered. */
  cost_per_1k_cases: number | null;
}

/** The `by_tool` key of cases where no call was expected. */
export const NO_CALL_KEY = '(no call)';

/** The pass/fail outcome of a case on the four metrics. */
export interface CasePasses {
  exact: boolean;
  fuzzy: boolean;
  functional: boolean;
  structural: boolean;
}

/** What the model summary reads of a case (a CaseRecord has it). */
export interface TalliedCase {
  category: Category;
  expected: readonly { name: string }[];
  scores: CasePasses;
  /** Present when the model answered. */
  prediction?: unknown;
  error?: string;
  latencyMs: number | null;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
  costUsd: number | null;
}

/** Counts of cases and of passes per metric. */
class RateCounts {
  total = 0;
  exact = 0;
  fuzzy = 0;
  functional = 0;
  structural = 0;

  add(p: CasePasses): void {
    this.total++;
    if (p.exact) this.exact++;
    if (p.fuzzy) this.fuzzy++;
    if (p.functional) this.functional++;
    if (p.structural) this.structural++;
  }

  rates(): MetricRates {
    const total = this.total;
    const rate = (passes: number): number => (total === 0 ? 0 : passes / total);
    return {
      total,
      exact_match: rate(this.exact),
      fuzzy_match: rate(this.fuzzy),
      functional_match: rate(this.functional),
      structural_match: rate(this.structural),
    };
  }
}

/** Rates overall, per tool (a case counts once under each distinct expected tool name) and per category. */
export class RatesTally {
  private readonly overall = new RateCounts();
  private readonly byTool = new Map<string, RateCounts>();
  private readonly byCategory = new Map<Category, RateCounts>();

  /** Adds one case: its category, the names of its expected calls (repeats allowed) and its passes. */
  add(category: Category, expectedTools: readonly string[], passes: CasePasses): void {
    this.overall.add(passes);
    if (expectedTools.length === 0) countIn(this.byTool, NO_CALL_KEY).add(passes);
    else if (expectedTools.length === 1) countIn(this.byTool, expectedTools[0]).add(passes);
    else for (const tool of new Set(expectedTools)) countIn(this.byTool, tool).add(passes);
    countIn(this.byCategory, category).add(passes);
  }

  /** Adds one case by its expected calls: as `add` with their names, with no array of them for one call or none. */
  addCalls(category: Category, expected: readonly { name: string }[], passes: CasePasses): void {
    if (expected.length > 1) return this.add(category, expected.map((call) => call.name), passes);
    this.overall.add(passes);
    countIn(this.byTool, expected.length === 0 ? NO_CALL_KEY : expected[0].name).add(passes);
    countIn(this.byCategory, category).add(passes);
  }

  /** How many cases were added. */
  get total(): number {
    return this.overall.total;
  }

  summary(): Summary {
    return {
      ...this.overall.rates(),
      by_tool: Object.fromEntries(sortedRates(this.byTool)),
      by_category: Object.fromEntries(sortedRates(this.byCategory)),
    };
  }

  /** 95% Wilson intervals of the overall rates. */
  intervals(): RateIntervals {
    const counts = this.overall;
    return Object.fromEntries(RATE_METRICS.map(([key, score]) => [key, wilsonInterval(counts[score], counts.total)])) as RateIntervals;
  }
}

/** A model's summary from its cases, added one at a time. */
export class ModelTally {
  private readonly rates = new RatesTally();
  private errors = 0;
  private readonly latencies: number[] = [];
  private prompt = 0;
  private completion = 0;
  private cost: number | null = 0;
  private answered = 0;
  private offline = true;

  add(c: TalliedCase): void {
    this.rates.addCalls(c.category, c.expected, c.scores);
    if (c.error !== undefined) this.errors++;
    if (typeof c.latencyMs === 'number') this.latencies.push(c.latencyMs);
    if (c.usage) {
      this.prompt += c.usage.prompt_tokens;
      this.completion += c.usage.completion_tokens;
    }
    if (c.usage !== null) this.offline = false;
    if (c.prediction === undefined && c.usage === null) return; // nothing was billed
    this.answered += 1;
    if (c.usage !== null && c.costUsd === null) this.cost = null;
    else if (this.cost !== null && c.costUsd !== null) this.cost += c.costUsd;
  }

  /**
   * Adds a case scored offline, as `add` would with no request behind it (no error, latency,
   * usage or cost): no object per case for the tally to read.
   */
  addOffline(category: Category, expected: readonly { name: string }[], passes: CasePasses, answered: boolean): void {
    this.rates.addCalls(category, expected, passes);
    if (answered) this.answered += 1;
  }

  /** How many cases were added. */
  get total(): number {
    return this.rates.total;
  }

  summary(): ModelSummary {
    const costUsd = this.offline ? null : this.cost;
    return {
      ...this.rates.summary(),
      ci: this.rates.intervals(),
      errors: this.errors,
      latency_p50_ms: percentile(this.latencies, 50),
      latency_p95_ms: percentile(this.latencies, 95),
      prompt_tokens: this.prompt,
      completion_tokens: this.completion,
      cost_usd: costUsd,
      cost_per_1k_cases: costUsd === null || this.answered === 0 ? null : (costUsd / this.answered) * 1000,
    };
  }
}

/** Nearest-rank percentile (the smallest value with at least p% of values at or below it); null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function countIn<K>(m: Map<K, RateCounts>, key: K): RateCounts {
  let counts = m.get(key);
  if (counts === undefined) m.set(key, (counts = new RateCounts()));
  return counts;
}

function sortedRates<K extends string>(m: Map<K, RateCounts>): [K, MetricRates][] {
  return [...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, counts]) => [k, counts.rates()]);
}
