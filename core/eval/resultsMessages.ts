// The messages between the results viewer's webview and its host, declared once for
// both sides (client/eval/ and client/webview/eval/). It lives in core because both
// TypeScript projects reference core; it has no DOM and no `vscode` types.
import type { ResultsFile } from './results.ts';
import { messageFields } from '../webviewMessage.ts';

/** Host -> webview: the results to show (sent after `ready`, and again when the file changes). */
export interface ShowResultsMessage {
  type: 'results';
  results: ResultsFile;
  /** Title above the table (file name, or "n results files"). */
  title: string;
}

/** Host -> webview: an export finished (or failed); the webview shows the sentence. */
export interface ExportDoneMessage {
  type: 'exportDone';
  text: string;
}

export type HostToWebview = ShowResultsMessage | ExportDoneMessage;

/** Webview -> host: the script is listening. */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview -> host: open the eval set of model `model` (index in `models`) at 1-based `line`. */
export interface OpenCaseMessage {
  type: 'openCase';
  model: number;
  line: number;
}

/** Webview -> host: export the comparison table. The host builds the text from its own copy of the results. */
export interface ExportMessage {
  type: 'export';
  format: 'markdown' | 'csv';
  destination: 'file' | 'clipboard';
}

export type WebviewToHost = ReadyMessage | OpenCaseMessage | ExportMessage;

/**
 * The message if it is one of the allowed shapes, else undefined. The host calls this on
 * everything the webview posts: a compromised webview may send anything.
 */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  const fields = messageFields(value);
  if (!fields) return undefined;
  const { m, keys } = fields;
  switch (m.type) {
    case 'ready':
      return keys === 'type' ? { type: 'ready' } : undefined;
    case 'openCase':
      if (keys !== 'line,model,type') return undefined;
      if (!Number.isSafeInteger(m.model) || (m.model as number) < 0) return undefined;
      if (!Number.isSafeInteger(m.line) || (m.line as number) < 1) return undefined;
      return { type: 'openCase', model: m.model as number, line: m.line as number };
    case 'export':
      if (keys !== 'destination,format,type') return undefined;
      if (m.format !== 'markdown' && m.format !== 'csv') return undefined;
      if (m.destination !== 'file' && m.destination !== 'clipboard') return undefined;
      return { type: 'export', format: m.format, destination: m.destination };
    default:
      return undefined;
  }
}
