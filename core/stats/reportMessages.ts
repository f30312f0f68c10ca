// The messages between the Dataset Report's webview and its host, declared once for both
// sides (client/insights/ and client/webview/report/). No DOM, no `vscode` types.
import type { BarChart } from '../barChart.ts';
import { messageFields } from '../webviewMessage.ts';

/** One row: its cells and the 1-based lines of the dataset it counts (a click selects them). */
export interface ReportRow {
  cells: string[];
  lines: number[];
}

/** A table of the report; `id` is stable (the webview's element id, the host's lookup key). */
export interface ReportTable {
  id: ReportTableId;
  title: string;
  header: string[];
  /** Right-aligned columns. */
  numeric: number[];
  rows: ReportRow[];
  /** Shown instead of an empty table. */
  empty: string;
}

/** Tables of the report, in page order. */
export const REPORT_TABLE_IDS = ['overview', 'cost', 'histogram', 'categories', 'tools', 'findings', 'overlap'] as const;
export type ReportTableId = (typeof REPORT_TABLE_IDS)[number];

export interface ReportModel {
  /** The dataset's name. */
  title: string;
  subtitle: string;
  model: string;
  /** Choices of the model dropdown (the current one included). */
  models: string[];
  /** The validation file compared, or null. */
  validation: string | null;
  tables: ReportTable[];
  tokenChart: BarChart;
  categoryChart: BarChart;
  hints: string[];
}


/** Host -> webview: the report to show (after `ready`, and after each recount). */
export interface ShowReportMessage {
  type: 'report';
  report: ReportModel;
}

/** Host -> webview: a sentence for the status line (counting..., an error, a selection made). */
export interface ReportStatusMessage {
  type: 'status';
  text: string;
}

export type ReportHostToWebview = ShowReportMessage | ReportStatusMessage;

/** Webview -> host: the script is listening. */
export interface ReportReadyMessage {
  type: 'ready';
}

/** Webview -> host: select the lines row `row` of table `table` counts. The host looks them up in its own copy. */
export interface RevealRowMessage {
  type: 'reveal';
  table: ReportTableId;
  row: number;
}

/** Webview -> host: count again for another model (one of the report's `models`). */
export interface SetModelMessage {
  type: 'setModel';
  model: string;
}

/** Webview -> host: ask for a validation file (open dialog), or stop comparing with one. */
export interface ValidationMessage {
  type: 'pickValidation' | 'clearValidation';
}

export type ReportWebviewToHost = ReportReadyMessage | RevealRowMessage | SetModelMessage | ValidationMessage;

/**
 * The message if it is one of the allowed shapes, else undefined. The host calls this on
 * everything the webview posts: a compromised webview may send anything.
 */
export function parseReportMessage(value: unknown): ReportWebviewToHost | undefined {
  const fields = messageFields(value);
  if (!fields) return undefined;
  const { m, keys } = fields;
  switch (m.type) {
    case 'ready':
    case 'pickValidation':
    case 'clearValidation':
      return keys === 'type' ? { type: m.type } : undefined;
    case 'reveal':
      if (keys !== 'row,table,type') return undefined;
      if (!(REPORT_TABLE_IDS as readonly unknown[]).includes(m.table)) return undefined;
      if (!Number.isSafeInteger(m.row) || (m.row as number) < 0) return undefined;
      return { type: 'reveal', table: m.table as ReportTableId, row: m.row as number };
    case 'setModel':
      if (keys !== 'model,type' || typeof m.model !== 'string') return undefined;
      if (m.model.length === 0 || m.model.length > 200) return undefined;
      return { type: 'setModel', model: m.model };
    default:
      return undefined;
  }
}
