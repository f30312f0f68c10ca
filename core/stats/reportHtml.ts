// The Dataset Report webview's page: the shared shell (core/webviewHtml.ts) with its stylesheet.
import { webviewHtml, type WebviewShell } from '../webviewHtml.ts';

/** The page: CSP meta, the stylesheet and the script with the nonce, an empty root. */
export function reportWebviewHtml(shell: WebviewShell): string {
  return webviewHtml(shell, REPORT_CSS, 'Counting tokens…');
}

const REPORT_CSS = `
h2 { margin-top: 1.4em; }
tr.row-lines { cursor: pointer; }
tr.row-lines:hover td { background: var(--vscode-list-hoverBackground); }
tr.row-lines:focus-visible td { outline: 1px solid var(--vscode-focusBorder); }
ul.hints li { margin: 2px 0; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
`;
