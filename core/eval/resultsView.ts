// What the results viewer shows, computed without a DOM: chart geometry, breakdown
// tables, the filtered case list, a case's details and the argument diff. The webview
// only turns these strings and numbers into elements (with textContent), so everything
// that depends on the data is tested here.
import type { BarChart } from '../barChart.ts';
import type { ToolCall } from './metrics.ts';
import type { CaseRecord, ModelResults, ResultsFile } from './results.ts';
import { formatMs, formatRate, formatUsd } from './resultsExport.ts';
import type { MetricRates } from './score.ts';
import { plural } from '../text/plural.ts';

/** The four pass/fail metrics, as summary keys and as case score keys. */
export const METRICS = [
  { key: 'exact_match', score: 'exact', label: 'Exact' },
  { key: 'fuzzy_match', score: 'fuzzy', label: 'Fuzzy' },
  { key: 'functional_match', score: 'functional', label: 'Functional' },
  { key: 'structural_match', score: 'structural', label: 'Structural' },
] as const;

export type MetricKey = (typeof METRICS)[number]['key'];

function metric(key: MetricKey) {
  return METRICS.find((m) => m.key === key)!;
}

const BAR_HEIGHT = 18;
/** Distinct bar colours, one per model, repeating after this many (the stylesheet's series-0 .. series-7). */
export const SERIES_COLOURS = 8;
const BAR_GAP = 6;
const CHART_TOP = 4;

/** A chart of `metric` over the models; label and plot widths in SVG units. */
export function barChart(file: ResultsFile, key: MetricKey, plotWidth = 240, labelWidth = 180): BarChart {
  const x = (fraction: number) => labelWidth + Math.round(Math.max(0, Math.min(1, fraction)) * plotWidth * 10) / 10;
  const bars = file.models.map((m, i) => {
    const value = m.summary[key];
    const [lo, hi] = m.summary.ci[key];
    return {
      label: truncate(m.model, 28),
      value,
      text: `${formatRate(value)} (${formatRate(lo)}–${formatRate(hi)})`,
      x: labelWidth,
      y: CHART_TOP + i * (BAR_HEIGHT + BAR_GAP),
      width: x(value) - labelWidth,
      height: BAR_HEIGHT,
      error: { lo: x(lo), hi: x(hi) },
      series: i % SERIES_COLOURS,
    };
  });
  return {
    title: `${metric(key).label} match`,
    // Room after the plot for the widest text, "100.0% (100.0%–100.0%)".
    width: labelWidth + plotWidth + 150,
    height: CHART_TOP * 2 + Math.max(1, bars.length) * (BAR_HEIGHT + BAR_GAP),
    labelWidth,
    bars,
  };
}

/** `text` cut to `max` code points with an ellipsis. */
export function truncate(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max - 1).join('') + '…';
}

/** A breakdown table: rows (tools or categories) by models, cells `75.0% (4)`; `-` where a model has no such case. */
export interface Breakdown {
  header: string[];
  rows: string[][];
}

/** Per tool or per category, the rate of `metric` for each model. */
export function breakdown(file: ResultsFile, kind: 'tool' | 'category', key: MetricKey): Breakdown {
  const pick = (m: ModelResults): Record<string, MetricRates | undefined> => (kind === 'tool' ? m.summary.by_tool : m.summary.by_category);
  const keys = [...new Set(file.models.flatMap((m) => Object.keys(pick(m))))].sort();
  return {
    header: [kind === 'tool' ? 'Tool' : 'Category', ...file.models.map((m) => m.model)],
    rows: keys.map((k) => [
      k,
      ...file.models.map((m) => {
        const rates = pick(m)[k];
        return rates ? `${formatRate(rates[key])} (${rates.total})` : '-';
      }),
    ]),
  };
}

/** The case list's filter. */
export interface CaseFilter {
  /** Index into `models`. */
  model: number;
  /** The metric that decides pass or fail. */
  metric: MetricKey;
  failuresOnly: boolean;
  /** An expected tool name ('(no call)' for no-call cases); '' for all. */
  tool: string;
  /** A category; '' for all. */
  category: string;
  /** Case-insensitive text found in the line number, tool names, arguments, content, reason or error. */
  search: string;
}

/** One row of the case list. */
export interface CaseRow {
  /** Index into the model's `cases`. */
  index: number;
  line: number;
  turn: number;
  category: string;
  expected: string;
  predicted: string;
  pass: boolean;
  /** pass, fail (a wrong answer) or error (no answer: the request failed), shown apart. */
  outcome: 'pass' | 'fail' | 'error';
  similarity: string;
  note: string;
}

/** The names of calls, `a, b`; `(no call)` for none. */
export function callNames(calls: readonly ToolCall[] | undefined): string {
  return calls && calls.length > 0 ? calls.map((c) => c.name).join(', ') : '(no call)';
}

/** What the model answered, in a few words. */
export function predictedSummary(c: CaseRecord): string {
  if (c.error !== undefined) return '(request failed)';
  if (c.prediction === undefined) return '(no answer)';
  return callNames(c.prediction.tool_calls);
}

/** The choices of the tool and category filters for a model. */
export function filterChoices(file: ResultsFile, model: number): { tools: string[]; categories: string[] } {
  const m = file.models[model];
  if (!m) return { tools: [], categories: [] };
  return { tools: Object.keys(m.summary.by_tool), categories: Object.keys(m.summary.by_category) };
}

function haystack(c: CaseRecord): string {
  const calls = (list: readonly ToolCall[] | undefined) => (list ?? []).map((x) => `${x.name} ${x.arguments}`).join(' ');
  return [String(c.line), c.category, calls(c.expected), calls(c.prediction?.tool_calls), c.prediction?.content ?? '', c.reason ?? '', c.error ?? ''].join('\n').toLowerCase();
}

/** The cases of the filtered model that pass the filter, in eval-set order. */
export function filterCases(file: ResultsFile, filter: CaseFilter): CaseRow[] {
  const m = file.models[filter.model];
  if (!m) return [];
  const score = metric(filter.metric).score;
  const needle = filter.search.trim().toLowerCase();
  const rows: CaseRow[] = [];
  m.cases.forEach((c, index) => {
    const pass = c.scores[score];
    if (filter.failuresOnly && pass) return;
    if (filter.category && c.category !== filter.category) return;
    if (filter.tool) {
      const tools = c.expected.length === 0 ? ['(no call)'] : c.expected.map((x) => x.name);
      if (!tools.includes(filter.tool)) return;
    }
    if (needle && !haystack(c).includes(needle)) return;
    rows.push({
      index,
      line: c.line,
      turn: c.turn,
      category: c.category,
      expected: callNames(c.expected),
      predicted: predictedSummary(c),
      pass,
      outcome: c.error !== undefined ? 'error' : pass ? 'pass' : 'fail',
      similarity: c.scores.similarity.toFixed(3),
      note: c.error ?? c.reason ?? '',
    });
  });
  return rows;
}

/** One line of a diff. */
export interface DiffLine {
  kind: 'same' | 'del' | 'add';
  text: string;
}

/** Everything the detail pane shows for a case, as text. */
export interface CaseDetail {
  title: string;
  facts: [string, string][];
  expected: string;
  predicted: string;
  diff: DiffLine[];
  /** The model's text answer, shown as text (never as HTML). */
  content: string | null;
}

/** The detail of case `index` of model `model`; undefined when out of range. */
export function caseDetail(file: ResultsFile, model: number, index: number): CaseDetail | undefined {
  const c = file.models[model]?.cases[index];
  if (!c) return undefined;
  const expected = formatCalls(c.expected);
  const predicted = c.prediction ? formatCalls(c.prediction.tool_calls ?? []) : '';
  const facts: [string, string][] = [
    ['Category', c.category],
    ['Scores', METRICS.map((m) => `${m.label} ${c.scores[m.score] ? 'pass' : 'fail'}`).join(', ')],
    ['Argument similarity (names not compared)', c.scores.similarity.toFixed(3)],
    ['Latency', c.latencyMs === null ? '-' : `${formatMs(c.latencyMs)} ms`],
    ['Tokens', c.usage ? `${c.usage.prompt_tokens} in, ${c.usage.completion_tokens} out` : '-'],
    ['Cost', formatUsd(c.costUsd)],
  ];
  if (c.attempts !== undefined && c.attempts > 1) facts.push(['Attempts', String(c.attempts)]);
  if (c.reason) facts.push(['Why', c.reason]);
  if (c.error) facts.push(['Error', c.error]);
  return {
    title: `Line ${c.line}, turn ${c.turn}`,
    facts,
    expected,
    predicted,
    diff: c.prediction ? diffLines(expected, predicted) : expected.split('\n').map((text) => ({ kind: 'del' as const, text })),
    content: c.prediction?.content ?? null,
  };
}

/** Calls as text: `name` then the arguments pretty-printed with sorted keys; unparseable arguments as given. Sorted, so parallel calls line up. */
export function formatCalls(calls: readonly ToolCall[]): string {
  if (calls.length === 0) return '(no call)';
  return calls
    .map((c) => `${c.name} ${prettyArguments(c.arguments)}`)
    .sort()
    .join('\n');
}

/** Arguments as indented JSON with sorted keys; the raw text when it is not JSON. */
export function prettyArguments(text: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)), null, 2);
  } catch {
    return text;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) Object.defineProperty(out, k, { value: sortKeys((value as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Most lines per side the diff aligns; longer texts show as removed then added (the LCS table is quadratic). */
export const MAX_DIFF_LINES = 2000;

/** A line diff of `a` (expected) against `b` (predicted) by longest common subsequence. */
export function diffLines(a: string, b: string): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length > MAX_DIFF_LINES || y.length > MAX_DIFF_LINES) {
    return [...x.map((text) => ({ kind: 'del' as const, text })), ...y.map((text) => ({ kind: 'add' as const, text }))];
  }
  const n = x.length;
  const m = y.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = x[i] === y[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      out.push({ kind: 'same', text: x[i++] });
      j++;
    } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) out.push({ kind: 'del', text: x[i++] });
    else out.push({ kind: 'add', text: y[j++] });
  }
  while (i < n) out.push({ kind: 'del', text: x[i++] });
  while (j < m) out.push({ kind: 'add', text: y[j++] });
  return out;
}

/** The prefix of a diff line: two spaces, `- ` or `+ `. */
export function diffPrefix(kind: DiffLine['kind']): string {
  return kind === 'same' ? '  ' : kind === 'del' ? '- ' : '+ ';
}

/** The line under the title: dataset, model count, date in the viewer's local time (`timeZone` for tests). */
export function subtitle(file: ResultsFile, locale?: string, timeZone?: string): string {
  const n = file.models.length;
  return `Eval set ${file.dataset || '-'} · ${plural(n, 'model')} · ${localDate(file.createdAt, locale, timeZone)}`;
}

/** An ISO date as local date and time ("Jan 2, 2025, 1:00 AM" in en-US); the text as given when it is no date. */
export function localDate(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return iso || 'no date';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(date);
}
