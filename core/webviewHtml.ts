// The HTML shell every webview of the extension uses. No data goes in it: data arrives by
// postMessage. Scripts and styles run only with this page's nonce (CSP `default-src 'none'`),
// so text that ends up in the page by mistake still cannot run.
import { randomBytes } from 'node:crypto';

/** A fresh nonce for one page (24 random bytes, base64). */
export function makeNonce(): string {
  return randomBytes(24).toString('base64');
}

/** What a shell needs: a fresh nonce (from crypto), the webview's cspSource and the bundle URI. */
export interface WebviewShell {
  nonce: string;
  cspSource: string;
  scriptUri: string;
  title: string;
}

/** The Content-Security-Policy of the page. */
export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [`default-src 'none'`, `img-src ${cspSource}`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
}

/** `&<>"'` as entities, for the few attribute values and the title. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What every page shares (theme colours, tables, toolbars, charts); a page's own `css` follows. */
const BASE_CSS = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 32px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 3px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
button, select, input { font: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, #8886); padding: 2px 6px; }
button { cursor: pointer; background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.chart text { fill: var(--vscode-foreground); font-size: 11px; }
.chart rect.bar { fill: var(--vscode-charts-blue, #3794ff); }
.muted { opacity: 0.75; }
.status { min-height: 1.2em; }
`;

/** The page: CSP meta, the shared and the page's stylesheet and the script with the nonce, an empty root saying `loading`. */
export function webviewHtml(shell: WebviewShell, css: string, loading: string): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(shell.nonce)) throw new Error('The nonce must be at least 16 base64 characters.');
  const nonce = shell.nonce;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce, shell.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(shell.title)}</title>
<style nonce="${nonce}">${BASE_CSS}${css}</style>
</head>
<body>
<main id="root" aria-live="polite"><p>${escapeHtml(loading)}</p></main>
<script nonce="${nonce}" src="${escapeHtml(shell.scriptUri)}"></script>
</body>
</html>
`;
}
