// The results webview's page: the shared shell (core/webviewHtml.ts) with its stylesheet.
import { escapeHtml, webviewHtml, type WebviewShell } from '../webviewHtml.ts';

/** The page: CSP meta, the stylesheet and the script with the nonce, an empty root. */
export function resultsWebviewHtml(shell: WebviewShell): string {
  return webviewHtml(shell, RESULTS_CSS, 'Loading results…');
}

const RESULTS_CSS = `
h2 { margin-top: 1.6em; }
tr.selected td { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
tr.case { cursor: pointer; }
tr.case:hover td { background: var(--vscode-list-hoverBackground); }
.pass { color: var(--vscode-testing-iconPassed, #3a3); } .fail { color: var(--vscode-testing-iconFailed, #c33); }
a.line { color: var(--vscode-textLink-foreground); cursor: pointer; text-decoration: underline; }
pre { font-family: var(--vscode-editor-font-family); white-space: pre-wrap; word-break: break-word; margin: 0; }
.diff .add { background: var(--vscode-diffEditor-insertedLineBackground, #2a24); }
.diff .del { background: var(--vscode-diffEditor-removedLineBackground, #c334); }
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
