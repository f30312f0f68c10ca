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

/** The page: CSP meta, the stylesheet and the script with the nonce, an empty root saying `loading`. */
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
<style nonce="${nonce}">${css}</style>
</head>
<body>
<main id="root" aria-live="polite"><p>${escapeHtml(loading)}</p></main>
<script nonce="${nonce}" src="${escapeHtml(shell.scriptUri)}"></script>
</body>
</html>
`;
}
