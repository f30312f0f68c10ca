// The Dataset Report in the webview: receives the report by postMessage and renders its
// tables and charts. Every string goes in with textContent (el/renderBarChart); a row
// click posts only the table id and row index, the host looks the lines up itself.
import type { ReportHostToWebview, ReportModel, ReportTable, ReportWebviewToHost } from '../../../core/stats/reportMessages.ts';
import { renderBarChart } from '../shared/chart.ts';
import { el, select } from '../shared/dom.ts';

interface VsCodeApi {
  postMessage(message: ReportWebviewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const status = el('p', { className: 'status muted' });
status.setAttribute('role', 'status');

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as ReportHostToWebview;
  if (message?.type === 'report') render(message.report);
  else if (message?.type === 'status') status.textContent = message.text;
});

function button(text: string, onClick: () => void, id?: string): HTMLButtonElement {
  const b = el('button', { text });
  b.type = 'button';
  if (id) b.id = id;
  b.addEventListener('click', onClick);
  return b;
}

function table(t: ReportTable): HTMLElement {
  if (t.rows.length === 0) return el('p', { className: 'muted', text: t.empty, data: { testid: `${t.id}-empty` } });
  const node = el('table');
  node.id = t.id;
  const numeric = (i: number) => (t.numeric.includes(i) ? 'num' : '');
  node.append(el('thead', {}, [el('tr', {}, t.header.map((h, i) => el('th', { text: h, className: numeric(i) })))]));
  const body = el('tbody');
  t.rows.forEach((row, index) => {
    const tr = el('tr', {}, row.cells.map((cell, i) => el('td', { text: cell, className: numeric(i) })));
    if (row.lines.length > 0) {
      tr.className = 'row-lines';
      tr.tabIndex = 0;
      tr.title = `Select the ${row.lines.length === 1 ? 'line' : `${row.lines.length} lines`} this row counts`;
      const reveal = () => vscode.postMessage({ type: 'reveal', table: t.id, row: index });
      tr.addEventListener('click', reveal);
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') reveal();
      });
    }
    body.append(tr);
  });
  node.append(body);
  return node;
}

function section(t: ReportTable): HTMLElement {
  return el('section', { data: { testid: t.id } }, [el('h2', { text: t.title }), table(t)]);
}

function render(report: ReportModel): void {
  const byId = new Map(report.tables.map((t) => [t.id, t]));
  const modelPicker = select(report.models, report.model, (model) => {
    status.textContent = `Counting for ${model}…`;
    vscode.postMessage({ type: 'setModel', model });
  }, 'Model');
  const toolbar = el('div', { className: 'toolbar' }, [
    el('label', { text: 'Model ' }, [modelPicker]),
    button('Pick Validation File…', () => vscode.postMessage({ type: 'pickValidation' }), 'pick-validation'),
    report.validation ? button('Stop Comparing', () => vscode.postMessage({ type: 'clearValidation' })) : undefined,
  ]);
  const hints = el('section', { data: { testid: 'hints' } }, report.hints.length ? [el('h2', { text: 'Hints' }), el('ul', { className: 'hints' }, report.hints.map((h) => el('li', { text: h })))] : []);
  root.replaceChildren(
    el('h1', { text: report.title }),
    el('p', { className: 'muted', text: report.subtitle }),
    toolbar,
    status,
    hints,
    el('div', { className: 'columns' }, [section(byId.get('overview')!), el('div', {}, [section(byId.get('cost')!), el('h2', { text: 'Charts' }), el('div', { className: 'charts' }, [report.tokenChart, report.categoryChart].map((chart) => el('figure', { data: { testid: 'chart' } }, [el('figcaption', { text: chart.title }), renderBarChart(chart)])))])]),
    section(byId.get('histogram')!),
    section(byId.get('categories')!),
    section(byId.get('tools')!),
    section(byId.get('findings')!),
    section(byId.get('overlap')!),
  );
}

vscode.postMessage({ type: 'ready' });
