// The layer rules of ARCHITECTURE.md as data: which imports each part of the product may not
// make. `layerViolations` names every import that breaks one, with its file and line.
import type { ImportEdge } from './importGraph.ts';

/** A rule: files it applies to, and what makes one of their imports forbidden (the reason). */
interface LayerRule {
  applies(file: string): boolean;
  /** The reason the import is forbidden, or undefined when it is allowed. */
  forbids(edge: ImportEdge): string | undefined;
}

const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);
const isEditorApi = (s: string) => s === 'vscode' || s.startsWith('vscode/');
const isLanguageClient = (s: string) => s.startsWith('vscode-languageclient');
const isLanguageServer = (s: string) => /^vscode-languageserver(-protocol)?(\/|$)/.test(s);
const isOpenAI = (s: string) => s === 'openai' || s.startsWith('openai/');
const into = (edge: ImportEdge, dir: string) => edge.to?.startsWith(`${dir}/`) === true;

/** The one core file that declares the custom LSP messages, and so imports the protocol types. */
export const PROTOCOL_FILE = 'core/protocol.ts';

export const LAYER_RULES: readonly LayerRule[] = [
  {
    applies: under('core'),
    forbids: (e) =>
      isEditorApi(e.specifier) ? 'core never imports vscode (editor wiring lives in client/)'
      : isLanguageClient(e.specifier) ? 'core never imports the language client'
      : isLanguageServer(e.specifier) && e.from !== PROTOCOL_FILE ? `core imports the LSP packages only in ${PROTOCOL_FILE}`
      : into(e, 'server') || into(e, 'client') || into(e, 'cli') ? 'core never imports server/, client/ or cli/ (they import core)'
      : undefined,
  },
  {
    applies: under('server'),
    forbids: (e) =>
      isEditorApi(e.specifier) || isLanguageClient(e.specifier) ? 'the server never imports vscode or the language client (it runs outside the editor)'
      : into(e, 'client') || into(e, 'cli') ? 'the server never imports client/ or cli/'
      : undefined,
  },
  {
    applies: (f) => under('client')(f) && !under('client/webview')(f),
    forbids: (e) =>
      into(e, 'server') || into(e, 'cli') ? `the client talks to the server only through ${PROTOCOL_FILE}`
      : isLanguageServer(e.specifier) ? `the client uses the protocol only through ${PROTOCOL_FILE} and vscode-languageclient`
      : undefined,
  },
  {
    applies: under('client/webview'),
    forbids: (e) =>
      isEditorApi(e.specifier) || isLanguageClient(e.specifier) || isLanguageServer(e.specifier) || e.specifier.startsWith('node:') ? 'a webview runs in the browser: no vscode, LSP or Node modules'
      : e.to !== undefined && !under('client/webview')(e.to) && !under('core')(e.to) ? 'a webview imports only webview files and core/'
      : undefined,
  },
  {
    applies: under('cli'),
    forbids: (e) =>
      isEditorApi(e.specifier) || isLanguageClient(e.specifier) || isLanguageServer(e.specifier) ? 'the CLI never imports vscode or the LSP packages'
      : into(e, 'server') || into(e, 'client') ? 'the CLI is a thin adapter over core: no server/ or client/'
      : undefined,
  },
  {
    applies: (f) => under('test/unit')(f) || under('test/lsp')(f),
    forbids: (e) =>
      isEditorApi(e.specifier) ? 'unit and LSP tests run without VS Code: editor flows are tested in test/integration'
      : under('test/unit')(e.from) && e.to === 'test/lsp/stdioClient.ts' ? 'a test that starts the server bundle lives in test/lsp/'
      : undefined,
  },
  {
    applies: (f) => ['core', 'server', 'client', 'cli'].some((dir) => under(dir)(f)) && !under('core/openai')(f),
    forbids: (e) => (isOpenAI(e.specifier) ? 'only core/openai/ imports the openai SDK' : undefined),
  },
];

/** Every forbidden import among `edges`, as "file:line imports 'x': reason", in file order. */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const edge of edges) {
    for (const rule of LAYER_RULES) {
      const reason = rule.applies(edge.from) ? rule.forbids(edge) : undefined;
      if (reason) out.push(`${edge.from}:${edge.line} imports '${edge.specifier}': ${reason}`);
    }
  }
  return out;
}

/** The folder a file counts in for folder cycles: `core/stats/x.ts` -> `core/stats`; top-level files stand alone. */
export function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : file;
}

/** The edges between folders (see folderOf), for finding cycles between folders. */
export function folderEdges(edges: readonly ImportEdge[]): ImportEdge[] {
  return edges.flatMap((e) => (e.to && folderOf(e.from) !== folderOf(e.to) ? [{ ...e, from: folderOf(e.from), to: folderOf(e.to) }] : []));
}
