// The viewer's paired-comparison table for one metric: which differences between models
// are real at 0.05 and, for those that are not, roughly how many cases would tell.
import { isSignificant, pairedComparisons, verdictOf } from './comparisons.ts';
import type { ResultsFile } from './results.ts';
import { formatP } from './resultsExport.ts';
import type { MetricKey } from './resultsView.ts';

/** Rows of text, and per row whether the difference is not significant (marked in the view). */
export interface ComparisonTable {
  header: string[];
  rows: string[][];
  notSignificant: boolean[];
  /** One sentence under the table; empty when there are rows. */
  note: string;
}

/** Every pair of models of one eval set on `key`, in file order. */
export function comparisonTable(file: ResultsFile, key: MetricKey): ComparisonTable {
  const comparisons = pairedComparisons(file.models).filter((c) => c.metric === key);
  const note = comparisons.length > 0 ? '' : file.models.length < 2 ? 'Paired comparisons need two or more models.' : 'No two models were scored on the same cases of one eval set.';
  return {
    header: ['Model A', 'Model B', 'Cases', 'Only A passes', 'Only B passes', 'p (McNemar)', 'Verdict'],
    rows: comparisons.map((c) => [c.a, c.b, String(c.cases), String(c.a_only), String(c.b_only), formatP(c.p_value), verdictOf(c)]),
    notSignificant: comparisons.map((c) => !isSignificant(c)),
    note,
  };
}
