// The Dataset Report webview's page: the shared shell (core/webviewHtml.ts) with its stylesheet.
import { webviewHtml, type WebviewShell } from '../webviewHtml.ts';

/** The page: CSP meta, the stylesheet and the script with the nonce, an empty root. */
export function reportWebviewHtml(shell: WebviewShell): string {
  return webviewHtml(shell, REPORT_CSS, 'Counting tokens…');
}

const REPORT_CSS = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 32px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.4em; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 3px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.row-lines { cursor: pointer; }
tr.row-lines:hover td { background: var(--vscode-list-hoverBackground); }
tr.row-lines:focus-visible td { outline: 1px solid var(--vscode-focusBorder); }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
button, select { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, #8886); padding: 2px 6px; }
button { cursor: pointer; background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.chart text { fill: var(--vscode-foreground); font-size: 11px; }
.chart rect.bar { fill: var(--vscode-charts-blue, #3794ff); }
ul.hints li { margin: 2px 0; }
.muted { opacity: 0.75; }
.status { min-height: 1.2em; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
`;
