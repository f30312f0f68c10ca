// Paired comparisons of models scored on the same cases: per metric, the cases only one
// of the two passed and the exact McNemar p-value of that split.
import { casesNeeded, mcnemarExact } from './confidence.ts';
import { caseKey } from './predictions.ts';

/** What comparisons read of a case (a CaseRecord has it; declared here so results.ts can use this file). */
export interface ScoredCase {
  line: number;
  turn: number;
  error?: string;
  scores: Record<'exact' | 'fuzzy' | 'functional' | 'structural', boolean>;
}

/** What comparisons read of a model. */
export interface ScoredModel {
  model: string;
  dataset?: string;
  cases: readonly ScoredCase[];
}

/** The four pass/fail metrics: summary key and case score key. */
export const RATE_METRICS = [
  ['exact_match', 'exact'],
  ['fuzzy_match', 'fuzzy'],
  ['functional_match', 'functional'],
  ['structural_match', 'structural'],
] as const satisfies readonly (readonly [string, keyof ScoredCase['scores']])[];

/** A summary key of a pass/fail metric. */
export type RateMetric = (typeof RATE_METRICS)[number][0];

/** 95% Wilson intervals per metric, as [lo, hi] fractions. */
export type RateIntervals = Record<RateMetric, [number, number]>;

/** Model `a` against model `b` on one metric. */
export interface Comparison {
  a: string;
  b: string;
  metric: RateMetric;
  /** Cases both models answered (a case whose request failed in either is left out). */
  cases: number;
  /** Cases only a passed. */
  a_only: number;
  /** Cases only b passed. */
  b_only: number;
  /** Exact two-sided McNemar p-value; 1 when no case is discordant. */
  p_value: number;
  /** Roughly the paired cases needed to tell them apart at 0.05 if the split held; null when a_only = b_only. */
  cases_needed: number | null;
}

/**
 * Every pair of models (in file order) that share cases, on every metric. Models from
 * different eval sets (a merged view) are not compared: their line numbers mean different cases.
 */
export function pairedComparisons(models: readonly ScoredModel[]): Comparison[] {
  const out: Comparison[] = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      const a = models[i];
      const b = models[j];
      if (a.dataset !== b.dataset) continue;
      const pairs = pairCases(a.cases, b.cases);
      if (pairs.length === 0) continue;
      for (const [metric, score] of RATE_METRICS) {
        let aOnly = 0;
        let bOnly = 0;
        for (const [x, y] of pairs) {
          if (x.scores[score] && !y.scores[score]) aOnly++;
          else if (y.scores[score] && !x.scores[score]) bOnly++;
        }
        out.push({ a: a.model, b: b.model, metric, cases: pairs.length, a_only: aOnly, b_only: bOnly, p_value: mcnemarExact(aOnly, bOnly), cases_needed: casesNeeded(aOnly, bOnly, pairs.length) });
      }
    }
  }
  return out;
}

function pairCases(a: readonly ScoredCase[], b: readonly ScoredCase[]): [ScoredCase, ScoredCase][] {
  const byKey = new Map(b.filter((c) => c.error === undefined).map((c) => [caseKey(c.line, c.turn), c]));
  const pairs: [ScoredCase, ScoredCase][] = [];
  for (const x of a) {
    if (x.error !== undefined) continue;
    const y = byKey.get(caseKey(x.line, x.turn));
    if (y) pairs.push([x, y]);
  }
  return pairs;
}

/** Below this p-value a paired difference counts as significant. */
export const SIGNIFICANCE = 0.05;

/** True when the comparison tells the two models apart at SIGNIFICANCE. */
export function isSignificant(c: Comparison): boolean {
  return c.p_value < SIGNIFICANCE;
}

/** The verdict on a comparison, as the CLI and the viewer word it. */
export function verdictOf(c: Comparison): string {
  if (isSignificant(c)) return 'different';
  return c.cases_needed === null ? 'not significant' : `not significant (~${c.cases_needed} cases needed)`;
}
