// What the Dataset Report shows, as plain data: tables of text whose rows carry the lines
// they count, bar charts with their geometry, the status bar text and the launch cost
// sentence. Pure (no DOM, no vscode): the webview renders it with textContent, the host
// answers a row click from its own copy, tests check it with exact strings.
import type { BarChart } from '../barChart.ts';
import type { ReportModel, ReportTable } from './reportMessages.ts';
import { CATEGORIES } from './category.ts';
import { contentText, readExample } from './example.ts';
import type { DatasetStats, DatasetStatsSummary } from './datasetStats.ts';
import type { InsightSettings } from './reportSettings.ts';
import { plural } from '../text/plural.ts';

export const int = (n: number): string => n.toLocaleString('en-US');

/** `$12.35`; amounts under a cent with 4 decimals (`$0.0042`); null -> `unknown`. */
export function usd(n: number | null): string {
  if (n === null) return 'unknown';
  return n > 0 && n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}

const percent = (part: number, whole: number) => (whole === 0 ? '0.0%' : `${((100 * part) / whole).toFixed(1)}%`);
const counted = (n: number, word: string) => plural(n, word, int);

/** `3, 7, 12` with at most `max` shown and "+n more". */
export function linesText(lines: readonly number[], max = 6): string {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, max).join(', ');
  return lines.length > max ? `${shown} +${lines.length - max} more` : shown;
}

/** `text` cut to `max` code points with an ellipsis. */
export function truncate(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max - 1).join('') + '…';
}

/** A short preview of an example: its first user message (else the first content), whitespace collapsed. */
export function previewOf(lineText: string | undefined, max = 80): string {
  if (lineText === undefined) return '';
  const example = readExample({ index: 0, text: lineText });
  if (example === 'blank' || example === 'invalid') return '';
  const user = example.messages.find((m) => m.role === 'user' && contentText(m.content).trim() !== '');
  const any = user ?? example.messages.find((m) => contentText(m.content).trim() !== '');
  return any ? truncate(contentText(any.content).replace(/\s+/g, ' ').trim(), max) : '';
}

/** Histogram buckets of token counts: `count` equal widths rounded up to a 1-2-5 step. */
export function tokenBuckets(perExample: readonly { line: number; tokens: number }[], count = 8): { from: number; to: number; lines: number[] }[] {
  if (perExample.length === 0) return [];
  const max = Math.max(...perExample.map((e) => e.tokens));
  const min = Math.min(...perExample.map((e) => e.tokens));
  const raw = Math.max(1, (max - min + 1) / count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const width = [1, 2, 5, 10].map((m) => m * magnitude).find((w) => w >= raw)!;
  const start = Math.floor(min / width) * width;
  const n = Math.floor((max - start) / width) + 1;
  const buckets = Array.from({ length: n }, (_, i) => ({ from: start + i * width, to: start + (i + 1) * width - 1, lines: [] as number[] }));
  for (const e of perExample) buckets[Math.floor((e.tokens - start) / width)].lines.push(e.line);
  return buckets;
}

const BAR_HEIGHT = 16;
const BAR_GAP = 5;
const TOP = 4;

/** Horizontal bars (the results viewer's chart shape), longest bar = `plotWidth`. */
export function barChart(title: string, bars: { label: string; value: number; text: string }[], plotWidth = 260, labelWidth = 120): BarChart {
  const top = Math.max(1, ...bars.map((b) => b.value));
  return {
    title,
    width: labelWidth + plotWidth + 64,
    height: TOP * 2 + Math.max(1, bars.length) * (BAR_HEIGHT + BAR_GAP),
    labelWidth,
    bars: bars.map((b, i) => ({
      label: truncate(b.label, 18),
      value: b.value,
      text: b.text,
      x: labelWidth,
      y: TOP + i * (BAR_HEIGHT + BAR_GAP),
      width: Math.round((b.value / top) * plotWidth * 10) / 10,
      height: BAR_HEIGHT,
    })),
  };
}

/** The dropdown's models: the current one, the given extras, then every exact id of the price and limit tables. */
export function modelChoices(current: string, settings: Pick<InsightSettings, 'prices' | 'tokenLimits'>, extra: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const m of [current, ...extra, ...Object.keys(settings.prices), ...Object.keys(settings.tokenLimits)]) {
    if (typeof m === 'string' && m !== '' && !m.endsWith('*') && !out.includes(m)) out.push(m);
  }
  return out;
}

export interface ReportInput {
  stats: DatasetStats;
  title: string;
  models: string[];
  validation?: string | null;
  /** Text of a 1-based line of the dataset (for previews). */
  lineText(line: number): string | undefined;
}

/** The whole report. */
export function reportModel({ stats: s, title, models, validation = null, lineText }: ReportInput): ReportModel {
  const buckets = tokenBuckets(s.tokens.perExample);
  const tables = [overviewTable(s, lineText), costTable(s), histogramTable(buckets), categoriesTable(s), toolsTable(s), findingsTable(s, lineText), overlapTable(s, validation)];
  const tokenChart = barChart('Examples by token count', buckets.map((b) => ({ label: `${int(b.from)}–${int(b.to)}`, value: b.lines.length, text: int(b.lines.length) })));
  const categoryChart = barChart('Examples by category', CATEGORIES.map((cat) => ({ label: cat, value: s.categories[cat], text: `${int(s.categories[cat])} (${percent(s.categories[cat], s.examples)})` })));
  return {
    title,
    subtitle: `${counted(s.examples, 'example')}, ${int(s.tokens.total)} tokens, ${s.encoding}; estimated ${usd(s.cost.estimatedUsd)} to train ${s.model} for ${counted(s.cost.epochs, 'epoch')}`,
    model: s.model,
    models: models.includes(s.model) ? models : [s.model, ...models],
    validation,
    tables,
    tokenChart,
    categoryChart,
    hints: s.hints,
  };
}

/** Examples and tokens: counts, the token distribution, the limit and the longest example. */
function overviewTable(s: DatasetStats, lineText: ReportInput['lineText']): ReportTable {
  const t = s.tokens;
  const allLines = t.perExample.map((e) => e.line);
  const longest = t.perExample.reduce<{ line: number; tokens: number } | undefined>((best, e) => (!best || e.tokens > best.tokens ? e : best), undefined);
  const lineOf = (tokens: number) => t.perExample.filter((e) => e.tokens === tokens).map((e) => e.line);
  return {
    id: 'overview',
    title: 'Examples and tokens',
    header: ['Measure', 'Value', 'Lines'],
    numeric: [1],
    empty: 'No examples.',
    rows: [
      { cells: ['Examples', int(s.examples), linesText(allLines)], lines: allLines },
      ...(s.invalidLines.length ? [{ cells: ['Not examples (left out)', int(s.invalidLines.length), linesText(s.invalidLines)], lines: s.invalidLines }] : []),
      { cells: ['Tokens, total', int(t.total), ''], lines: allLines },
      { cells: ['Tokens, min', int(t.min), linesText(lineOf(t.min))], lines: s.examples ? lineOf(t.min) : [] },
      { cells: ['Tokens, p50', int(t.p50), linesText(lineOf(t.p50))], lines: s.examples ? lineOf(t.p50) : [] },
      { cells: ['Tokens, mean', t.mean.toFixed(1), ''], lines: [] },
      { cells: ['Tokens, p95', int(t.p95), linesText(lineOf(t.p95))], lines: s.examples ? lineOf(t.p95) : [] },
      { cells: ['Tokens, max', int(t.max), linesText(lineOf(t.max))], lines: s.examples ? lineOf(t.max) : [] },
      { cells: ['Token limit per example', t.limit === null ? 'unknown' : int(t.limit), ''], lines: [] },
      { cells: ['Over the limit', int(t.overLimit.length), linesText(t.overLimit.map((o) => o.line))], lines: t.overLimit.map((o) => o.line) },
      ...(longest ? [{ cells: ['Longest example', `${int(longest.tokens)} tokens: ${previewOf(lineText(longest.line))}`, String(longest.line)], lines: [longest.line] }] : []),
    ],
  };
}

/** What training would cost. */
function costTable(s: DatasetStats): ReportTable {
  const c = s.cost;
  return {
    id: 'cost',
    title: `Cost estimate (${s.model})`,
    header: ['Model', 'Epochs', 'Billed tokens', 'Price per 1M', 'Estimated USD'],
    numeric: [1, 2, 3, 4],
    empty: '',
    rows: [{ cells: [c.model, String(c.epochs), int(c.billedTokens), c.pricePerMillion === null ? 'unknown' : usd(c.pricePerMillion), usd(c.estimatedUsd)], lines: [] }],
  };
}

/** Examples per token bucket. */
function histogramTable(buckets: ReturnType<typeof tokenBuckets>): ReportTable {
  return {
    id: 'histogram',
    title: 'Tokens per example',
    header: ['Tokens', 'Examples', 'Lines'],
    numeric: [1],
    empty: 'No examples.',
    rows: buckets.map((b) => ({ cells: [`${int(b.from)}–${int(b.to)}`, int(b.lines.length), linesText(b.lines)], lines: b.lines })),
  };
}

/** Examples per category. */
function categoriesTable(s: DatasetStats): ReportTable {
  return {
    id: 'categories',
    title: 'Categories',
    header: ['Category', 'Examples', 'Share', 'Lines'],
    numeric: [1, 2],
    empty: '',
    rows: CATEGORIES.map((cat) => ({ cells: [cat, int(s.categories[cat]), percent(s.categories[cat], s.examples), s.categories[cat] === 0 ? 'missing' : linesText(s.categoryLines[cat])], lines: s.categoryLines[cat] })),
  };
}

/** Per tool: examples, calls, categories, declarations. */
function toolsTable(s: DatasetStats): ReportTable {
  return {
    id: 'tools',
    title: 'Tools',
    header: ['Tool', 'Examples', 'Calls', ...CATEGORIES.map((cat) => `${cat} (ex/calls)`), 'Declared in', 'Note'],
    numeric: [1, 2, 3, 4, 5, 6, 7],
    empty: 'No tools declared or called.',
    rows: Object.entries(s.tools).map(([name, tool]) => {
      const single = s.singleCategoryTools.find((x) => x.name === name);
      const note = tool.calls === 0 ? 'never called' : single && s.categories[single.category] < s.examples ? `only in ${single.category}` : '';
      return {
        cells: [name, int(tool.examples), int(tool.calls), ...CATEGORIES.map((cat) => `${tool.byCategory[cat].examples}/${tool.byCategory[cat].calls}`), int(tool.declaredIn), note],
        lines: tool.lines,
      };
    }),
  };
}

/** What to fix: over-limit examples, weights, duplicates, drift, unused and single-category tools. */
function findingsTable(s: DatasetStats, lineText: ReportInput['lineText']): ReportTable {
  const t = s.tokens;
  return {
    id: 'findings',
    title: 'Findings',
    header: ['Finding', 'Detail', 'Lines'],
    numeric: [],
    empty: 'Nothing to fix: no over-limit, weight, duplicate or drift findings.',
    rows: [
      ...t.overLimit.map((o) => ({ cells: ['Over the token limit', `${int(o.tokens)} tokens, ${int(o.over)} over ${int(o.limit)}`, String(o.line)], lines: [o.line] })),
      ...(s.weightWarnings.length ? [{ cells: ['Failed call at weight 1', 'Error-recovery example whose failed call still trains (set "weight": 0 on that turn)', linesText(s.weightWarnings)], lines: s.weightWarnings }] : []),
      ...s.duplicates.map((g) => ({ cells: ['Exact duplicates', `${int(g.lines.length)} identical lines: ${previewOf(lineText(g.lines[0]), 60)}`, linesText(g.lines)], lines: g.lines })),
      ...s.nearDuplicates.map((g) => ({ cells: ['Near duplicates', `Jaccard ≥ ${g.similarity.toFixed(2)}: ${previewOf(lineText(g.lines[0]), 60)}`, linesText(g.lines)], lines: g.lines })),
      ...Object.entries(s.declarationDrift).map(([name, variants]) => ({
        cells: ['Declaration drift', `"${name}" declared ${variants.length} ways (${variants.map((v, i) => `#${i + 1}: ${v.lines.length}`).join(', ')})`, linesText(variants.map((v) => v.lines[0]))],
        lines: variants.map((v) => v.lines[0]),
      })),
      ...s.unusedTools.map((name) => ({ cells: ['Unused tool', `"${name}" is declared but never called`, ''], lines: [] as number[] })),
      ...s.singleCategoryTools.filter((x) => s.categories[x.category] < s.examples).map((x) => ({ cells: ['Single-category tool', `"${x.name}" is only called in ${x.category} examples`, linesText(s.tools[x.name]?.lines ?? [])], lines: s.tools[x.name]?.lines ?? [] })),
    ],
  };
}

/** Validation examples that repeat training examples. */
function overlapTable(s: DatasetStats, validation: string | null): ReportTable {
  const o = s.overlap;
  return {
    id: 'overlap',
    title: validation ? `Overlap with ${validation}` : 'Overlap with a validation file',
    header: ['Validation line', 'Kind', 'Training lines'],
    numeric: [0],
    empty: o ? `No validation example repeats a training example (${counted(o.validationExamples, 'example')} compared).` : 'Pick a validation file to compare.',
    rows: o ? [...o.exact.map((e) => ({ cells: [String(e.validation), 'exact', linesText(e.train)], lines: e.train })), ...o.near.map((e) => ({ cells: [String(e.validation), `near (Jaccard ${e.similarity.toFixed(2)})`, String(e.train)], lines: [e.train] }))].sort((a, b) => Number(a.cells[0]) - Number(b.cells[0])) : [],
  };
}

/** The lines a row counts, from the host's own model; undefined when there is no such row. */
export function rowLines(model: ReportModel, table: string, row: number): number[] | undefined {
  return model.tables.find((t) => t.id === table)?.rows[row]?.lines;
}

/** `$(graph) 12 examples · 3,456 tokens · ~$0.03`. */
export function insightsStatusText(s: DatasetStatsSummary): string {
  return `$(graph) ${counted(s.examples, 'example')} · ${int(s.tokens)} tokens · ~${usd(s.estimatedUsd)}`;
}

export function insightsTooltip(s: DatasetStatsSummary): string {
  const over = s.overLimit ? ` ${counted(s.overLimit, 'example')} over the token limit will be truncated.` : '';
  return `${costSentence(s)}${over} Click for the Dataset Report.`;
}

/** One sentence for the launch confirmation: what the job will bill. */
export function costSentence(s: DatasetStatsSummary): string {
  const price = s.estimatedUsd === null ? `no price is known for ${s.model}` : `about ${usd(s.estimatedUsd)}`;
  return `Estimated cost: ${counted(s.examples, 'example')}, ${int(s.tokens)} tokens x ${counted(s.epochs, 'epoch')} = ${int(s.billedTokens)} billed tokens on ${s.model}, ${price}.`;
}
