// The results viewer in the webview: receives the results by postMessage and renders
// the comparison table, bar charts, breakdowns, the filtered case list and a case's
// diff. Everything shown is text from core/eval/resultsView.ts, set with textContent.
import type { ResultsFile } from '../../../core/eval/results.ts';
import { COMPARISON_COLUMNS, comparisonRows } from '../../../core/eval/resultsExport.ts';
import type { HostToWebview, WebviewToHost } from '../../../core/eval/resultsMessages.ts';
import { barChart, breakdown, caseDetail, diffPrefix, filterCases, filterChoices, METRICS, subtitle, type CaseFilter, type MetricKey } from '../../../core/eval/resultsView.ts';
import { comparisonTable } from '../../../core/eval/comparisonView.ts';
import { renderBarChart } from '../shared/chart.ts';
import { el, select, textTable } from '../shared/dom.ts';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

let results: ResultsFile | undefined;
let title = '';
let filter: CaseFilter = { model: 0, metric: 'exact_match', failuresOnly: false, tool: '', category: '', search: '' };
let selected: number | undefined;
const casesSection = el('section', { className: 'cases' });
const breakdownSection = el('section');
const status = el('p', { className: 'status muted' });
status.setAttribute('role', 'status');

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as HostToWebview;
  if (message?.type === 'results') {
    results = message.results;
    title = message.title;
    if (filter.model >= results.models.length) filter = { ...filter, model: 0, tool: '', category: '' };
    selected = undefined;
    render();
  } else if (message?.type === 'exportDone') {
    status.textContent = message.text;
  }
});

function render(): void {
  if (!results) return;
  const file = results;
  if (file.models.length === 0) {
    root.replaceChildren(el('h1', { text: title }), el('p', { text: 'This results file has no models yet.' }));
    return;
  }
  const rows = comparisonRows(file);
  const toolbar = el('div', { className: 'toolbar' }, [
    button('Save Markdown…', () => vscode.postMessage({ type: 'export', format: 'markdown', destination: 'file' })),
    button('Copy Markdown', () => vscode.postMessage({ type: 'export', format: 'markdown', destination: 'clipboard' })),
    button('Save CSV…', () => vscode.postMessage({ type: 'export', format: 'csv', destination: 'file' })),
    button('Copy CSV', () => vscode.postMessage({ type: 'export', format: 'csv', destination: 'clipboard' })),
  ]);
  const charts = el('div', { className: 'charts' }, METRICS.map((m) => el('figure', {}, [el('figcaption', { text: `${m.label} match` }), renderBarChart(barChart(file, m.key))])));
  root.replaceChildren(
    el('h1', { text: title }),
    el('p', { className: 'muted', text: subtitle(file) }),
    el('h2', { text: 'Comparison' }),
    textTable(COMPARISON_COLUMNS, rows.map((r) => r.cells), (i) => i > 0, 'comparison'),
    toolbar,
    status,
    el('h2', { text: 'Charts' }),
    charts,
    breakdownSection,
    casesSection,
  );
  renderBreakdowns();
  renderCases();
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { text });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function metricSelect(): HTMLSelectElement {
  return select(METRICS.map((m) => [m.key, `${m.label} match`] as [string, string]), filter.metric, (v) => update({ metric: v as MetricKey }), 'Metric');
}

function renderBreakdowns(): void {
  const file = results!;
  const tools = breakdown(file, 'tool', filter.metric);
  const categories = breakdown(file, 'category', filter.metric);
  const paired = comparisonTable(file, filter.metric);
  const pairs = textTable(paired.header, paired.rows, (i) => i >= 2 && i <= 5, 'comparisons');
  // Differences that are not significant at 0.05 are marked, so a gap on few cases is not read as a win.
  pairs.querySelectorAll('tbody tr').forEach((tr, i) => {
    if (paired.notSignificant[i]) tr.classList.add('not-significant');
  });
  breakdownSection.replaceChildren(
    el('h2', { text: 'Breakdowns' }),
    el('div', { className: 'toolbar' }, [el('label', { text: 'Metric ' }, [metricSelect()])]),
    el('h3', { text: 'Paired comparisons (same cases, exact McNemar test)' }),
    paired.note ? el('p', { className: 'muted', text: paired.note }) : pairs,
    el('h3', { text: 'Per tool' }),
    textTable(tools.header, tools.rows, (i) => i > 0, 'by-tool'),
    el('h3', { text: 'Per category' }),
    textTable(categories.header, categories.rows, (i) => i > 0, 'by-category'),
  );
}

function update(change: Partial<CaseFilter>): void {
  const metricChanged = change.metric !== undefined && change.metric !== filter.metric;
  filter = { ...filter, ...change };
  if (change.model !== undefined) {
    filter.tool = '';
    filter.category = '';
    selected = undefined;
  }
  if (metricChanged) renderBreakdowns();
  renderCases();
}

// The filter bar is built once per model change so the search box keeps focus while typing.
let filterBar: HTMLElement | undefined;
let filterBarKey = '';

function renderCases(): void {
  const file = results!;
  const key = `${filter.model}|${filter.metric}|${filter.tool}|${filter.category}|${file.models.length}`;
  if (!filterBar || filterBarKey !== key) {
    filterBarKey = key;
    const choices = filterChoices(file, filter.model);
    const failures = el('input');
    failures.type = 'checkbox';
    failures.checked = filter.failuresOnly;
    failures.addEventListener('change', () => update({ failuresOnly: failures.checked }));
    const search = el('input');
    search.type = 'search';
    search.placeholder = 'Search line, tool, arguments, text';
    search.value = filter.search;
    search.setAttribute('aria-label', 'Search cases');
    search.addEventListener('input', () => update({ search: search.value }));
    filterBar = el('div', { className: 'toolbar' }, [
      select(file.models.map((m, i) => [String(i), m.model] as [string, string]), String(filter.model), (v) => update({ model: Number(v) }), 'Model'),
      metricSelect(),
      el('label', { text: 'Failures only ' }, [failures]),
      select([['', 'All tools'], ...choices.tools.map((t) => [t, t] as [string, string])], filter.tool, (v) => update({ tool: v }), 'Tool'),
      select([['', 'All categories'], ...choices.categories.map((c) => [c, c] as [string, string])], filter.category, (v) => update({ category: v }), 'Category'),
      search,
    ]);
  }
  const rows = filterCases(file, filter);
  const table = el('table', { data: { testid: 'cases' } });
  table.id = 'cases';
  table.append(el('thead', {}, [el('tr', {}, ['Line', 'Turn', 'Category', 'Expected', 'Predicted', 'Result', 'Arg. similarity', 'Note'].map((h) => el('th', { text: h })))]));
  const body = el('tbody');
  for (const row of rows) {
    const link = el('a', { className: 'line', text: String(row.line), title: 'Open this line of the eval set' });
    link.tabIndex = 0;
    const open = (event: Event) => {
      event.stopPropagation();
      vscode.postMessage({ type: 'openCase', model: filter.model, line: row.line });
    };
    link.addEventListener('click', open);
    link.addEventListener('keydown', (e) => (e.key === 'Enter' ? open(e) : undefined));
    const tr = el('tr', { className: `case${row.index === selected ? ' selected' : ''}` }, [
      el('td', { className: 'num' }, [link]),
      el('td', { className: 'num', text: String(row.turn) }),
      el('td', { text: row.category }),
      el('td', { text: row.expected }),
      el('td', { text: row.predicted }),
      el('td', { className: row.outcome, text: row.outcome }),
      el('td', { className: 'num', text: row.similarity }),
      el('td', { text: row.note }),
    ]);
    tr.addEventListener('click', () => {
      selected = row.index;
      renderCases();
      casesSection.querySelector('[data-testid="detail"]')?.scrollIntoView({ block: 'nearest' });
    });
    body.append(tr);
  }
  table.append(body);
  const count = el('p', { className: 'muted', text: `${rows.length} of ${file.models[filter.model]?.cases.length ?? 0} cases` });
  casesSection.replaceChildren(el('h2', { text: 'Cases' }), filterBar, count, table, renderDetail());
}

function renderDetail(): HTMLElement {
  const detail = selected === undefined ? undefined : caseDetail(results!, filter.model, selected);
  if (!detail) return el('p', { className: 'muted', text: 'Select a case to see its calls.' });
  const facts = el('table', {}, [el('tbody', {}, detail.facts.map(([k, v]) => el('tr', {}, [el('th', { text: k }), el('td', { text: v })])))]);
  const diff = el('pre', { className: 'diff' }, detail.diff.map((d) => el('div', { className: d.kind, text: diffPrefix(d.kind) + d.text })));
  const section = el('section', { className: 'detail', data: { testid: 'detail' } }, [
    el('h3', { text: detail.title }),
    facts,
    el('h4', { text: 'Expected (-) vs predicted (+) calls' }),
    diff,
  ]);
  if (detail.content !== null && detail.content !== '') section.append(el('h4', { text: 'Model text' }), el('pre', { className: 'content', text: detail.content }));
  return section;
}

vscode.postMessage({ type: 'ready' });
