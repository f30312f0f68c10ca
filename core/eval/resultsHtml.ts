// The results webview's page: the shared shell (core/webviewHtml.ts) with its stylesheet.
import { escapeHtml, webviewHtml, type WebviewShell } from '../webviewHtml.ts';

/** The page: CSP meta, the stylesheet and the script with the nonce, an empty root. */
export function resultsWebviewHtml(shell: WebviewShell): string {
  return webviewHtml(shell, RESULTS_CSS, 'Loading results…');
}

const RESULTS_CSS = `
h2 { margin-top: 1.6em; }
tr.selected td { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
tr.selected td.pass, tr.selected td.fail, tr.selected td.error { font-weight: bold; }
tr.case { cursor: pointer; }
tr.case:hover td { background: var(--vscode-list-hoverBackground); }
td.pass, tr.selected td.pass { color: var(--vscode-testing-iconPassed, #3a3); }
td.fail, tr.selected td.fail { color: var(--vscode-testing-iconFailed, #c33); }
td.error, tr.selected td.error { color: var(--vscode-editorWarning-foreground, #c80); }
tr.not-significant td { opacity: 0.7; } tr.not-significant td:last-child { font-style: italic; }
a.line { color: var(--vscode-textLink-foreground); cursor: pointer; text-decoration: underline; }
pre { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; word-break: break-word; margin: 0; }
.diff .add { background: var(--vscode-diffEditor-insertedLineBackground, #2a24); }
.diff .del { background: var(--vscode-diffEditor-removedLineBackground, #c334); }
.chart rect.series-1 { fill: var(--vscode-charts-orange, #d18616); } .chart rect.series-2 { fill: var(--vscode-charts-green, #89d185); }
.chart rect.series-3 { fill: var(--vscode-charts-purple, #b180d7); } .chart rect.series-4 { fill: var(--vscode-charts-red, #f14c4c); }
.chart rect.series-5 { fill: var(--vscode-charts-yellow, #cca700); } .chart rect.series-6 { fill: #4ec9b0; } .chart rect.series-7 { fill: #c586c0; }
.chart path.error-bar { stroke: var(--vscode-foreground); stroke-width: 1.5; fill: none; }
`;

/** A page with one sentence and no script, for a file that cannot be shown. */
export function errorWebviewHtml(message: string, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${escapeHtml(nonce)}'">
<style nonce="${escapeHtml(nonce)}">body { font-family: var(--vscode-font-family); color: var(--vscode-errorForeground); padding: 16px; }</style>
</head>
<body><p>${escapeHtml(message)}</p></body>
</html>
`;
}
