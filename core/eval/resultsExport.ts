// The comparison table (one row per model) as data, and as Markdown, CSV and aligned
// text. Shared by the CLI, the viewer and its export, so all show the same numbers.
import { pairedComparisons, RATE_METRICS, verdictOf } from './comparisons.ts';
import type { ModelSummary, ResultsFile, SummarizedModels } from './results.ts';
import { printableField } from '../text/printable.ts';

/** The columns of the comparison table, in order. */
export const COMPARISON_COLUMNS = ['Model', 'Cases', 'Exact', 'Fuzzy', 'Functional', 'Structural', 'p50 ms', 'p95 ms', 'Cost / 1k cases'] as const;

/** One model's row: raw values (for CSV and charts) and display text. */
export interface ComparisonRow {
  model: string;
  values: {
    total: number;
    exact_match: number;
    fuzzy_match: number;
    functional_match: number;
    structural_match: number;
    latency_p50_ms: number | null;
    latency_p95_ms: number | null;
    cost_per_1k_cases: number | null;
    /** Cases whose request failed (counted in total as misses, shown apart from wrong answers). */
    errors: number;
  };
  /** Display text per column of COMPARISON_COLUMNS. */
  cells: string[];
}

/** `83.3%` (one decimal). */
export function formatRate(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** `$0.0123` (4 decimals under a dollar, else 2); `-` when unknown. */
export function formatUsd(usd: number | null): string {
  if (usd === null) return '-';
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** Whole milliseconds; `-` when unknown. */
export function formatMs(ms: number | null): string {
  return ms === null ? '-' : String(Math.round(ms));
}

/** A row from a summary. */
export function comparisonRow(model: string, s: ModelSummary): ComparisonRow {
  const values = {
    total: s.total,
    exact_match: s.exact_match,
    fuzzy_match: s.fuzzy_match,
    functional_match: s.functional_match,
    structural_match: s.structural_match,
    latency_p50_ms: s.latency_p50_ms,
    latency_p95_ms: s.latency_p95_ms,
    cost_per_1k_cases: s.cost_per_1k_cases,
    errors: s.errors,
  };
  return {
    model,
    values,
    cells: [
      model,
      s.errors > 0 ? `${s.total} (${s.errors} errored)` : String(s.total),
      formatRate(s.exact_match),
      formatRate(s.fuzzy_match),
      formatRate(s.functional_match),
      formatRate(s.structural_match),
      formatMs(s.latency_p50_ms),
      formatMs(s.latency_p95_ms),
      formatUsd(s.cost_per_1k_cases),
    ],
  };
}

/** One row per model, in file order. */
export function comparisonRows(file: SummarizedModels): ComparisonRow[] {
  return file.models.map((m) => comparisonRow(m.model, m.summary));
}

/** A Markdown cell: pipes and backslashes escaped, line breaks as spaces. */
function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
}

/** The comparison table as a GitHub Markdown table (numbers right-aligned), final newline. */
export function toMarkdown(file: ResultsFile): string {
  const rows = comparisonRows(file);
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const align = COMPARISON_COLUMNS.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(COMPARISON_COLUMNS), line(align), ...rows.map((r) => line(r.cells))].join('\n') + '\n';
}

/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe, since model names come from files anyone can write.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// 12 significant digits: drops float noise (0.18000000000000002) and keeps every real digit.
const clean = (v: string | number | null) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v);

/** The comparison table as CSV with raw numbers (fractions, ms, USD), CRLF line ends as RFC 4180 says. */
export function toCsv(file: ResultsFile): string {
  const header = ['model', 'total', 'exact_match', 'fuzzy_match', 'functional_match', 'structural_match', 'latency_p50_ms', 'latency_p95_ms', 'cost_per_1k_cases_usd', 'errors'];
  const rows = comparisonRows(file).map((r) => {
    const v = r.values;
    return [r.model, v.total, v.exact_match, v.fuzzy_match, v.functional_match, v.structural_match, v.latency_p50_ms, v.latency_p95_ms, v.cost_per_1k_cases, v.errors].map(clean);
  });
  return [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The comparison table as aligned plain text for a terminal (no trailing spaces), final newline. */
export function toTextTable(file: SummarizedModels): string {
  const table = [[...COMPARISON_COLUMNS], ...comparisonRows(file).map((r) => r.cells.map((c) => printableField(c.replace(/[\r\n\t]/g, ' '))))];
  const widths = COMPARISON_COLUMNS.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return table.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}

/** A p-value as text: 4 decimals, or `< 0.0001`. */
export function formatP(p: number): string {
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

/** The 95% intervals of each model, then the paired comparisons, as aligned text after the table. */
export function toConfidenceText(file: SummarizedModels): string {
  const labels = COMPARISON_COLUMNS.slice(2, 6);
  const intervals = [
    ['Model', ...labels],
    ...file.models.map((m) => [m.model, ...RATE_METRICS.map(([key]) => m.summary.ci[key].map(formatRate).join(' - '))]),
  ];
  let text = '95% intervals (Wilson score)\n' + alignRows(intervals);
  const comparisons = pairedComparisons(file.models);
  if (comparisons.length > 0) {
    const rows = [['A', 'B', 'Metric', 'Cases', 'A only', 'B only', 'p (McNemar)', 'Verdict']];
    for (const c of comparisons) {
      const label = labels[RATE_METRICS.findIndex(([key]) => key === c.metric)];
      rows.push([c.a, c.b, label, String(c.cases), String(c.a_only), String(c.b_only), formatP(c.p_value), verdictOf(c)]);
    }
    text += '\nPaired comparisons (same cases, exact McNemar test)\n' + alignRows(rows, 3);
  }
  return text;
}

// Columns before `textColumns` are left-aligned, the rest right-aligned, except the last (text).
function alignRows(rows: string[][], textColumns = 1): string {
  // Terminal text: names from the data never drive the terminal (threat 17).
  const clean = rows.map((row) => row.map((c) => printableField(c.replace(/[\r\n\t]/g, ' '))));
  const widths = clean[0].map((_, i) => Math.max(...clean.map((row) => row[i].length)));
  const last = widths.length - 1;
  return clean.map((row) => row.map((cell, i) => (i < textColumns || (i === last && textColumns > 1) ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd()).join('\n') + '\n';
}
