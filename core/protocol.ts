/**
 * Custom LSP messages and settings, declared once and shared by the language server and the
 * extension client (the vscode-eslint `customMessages` pattern). No `vscode`, no connection.
 */
import type { ProblemSummaryMode } from './authoring/problemSummary.ts';
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { SeverityOverrides } from './checks/rules.ts';
import type { DatasetStats, DatasetStatsSummary } from './stats/datasetStats.ts';
import type { InsightSettings } from './stats/reportSettings.ts';
import type { ValidationSummary } from './validate.ts';

/** The configuration section every setting lives under. */
export const SETTINGS_SECTION = 'toolcall';

/** The `toolcall.*` settings, as the server uses them (per resource). */
export interface ToolcallSettings {
  /** Shared tools file for lines without their own `tools`; relative to the workspace folder or the document. */
  toolsFile: string;
  /** Severity per rule code (`off` hides a rule). */
  severity: SeverityOverrides;
  /** Globs of the `.jsonl` files that are datasets; empty: detect by the first line's `messages` key. */
  datasets: string[];
  /** Most diagnostics published per file; a final TC704 says how many more there are. */
  maxDiagnostics: number;
  /** Quiet time (ms) after an edit before validating again; single-line edits wait at most `SMALL_EDIT_DEBOUNCE_MS`. */
  debounceMs: number;
  /** Model, token limits and prices of the dataset insights (TC209, stats); absent: the defaults. */
  insights?: InsightSettings;
  /** Where a line's problems are summarised at its start (inlay hint); absent: `longLines`. */
  problemSummary?: ProblemSummaryMode;
}

/**
 * Debounce of an edit that replaced one line with one line (typing): none. Re-checking the line
 * costs a few ms, keys come 30-200 ms apart, and changes that arrive together are still merged
 * (the timer runs after the messages already read); see bench/NOTES.md, "The one-line debounce".
 */
export const SMALL_EDIT_DEBOUNCE_MS = 0;

export const DEFAULT_SETTINGS: ToolcallSettings = Object.freeze({
  toolsFile: '',
  severity: Object.freeze({}) as SeverityOverrides,
  datasets: Object.freeze([]) as unknown as string[],
  maxDiagnostics: 1000,
  debounceMs: 150,
});

export interface ValidateFileOnDiskParams extends WorkDoneProgressParams {
  /** `file:` URI of the dataset to stream from disk (the editor buffer is not used). */
  uri: string;
}

/** Counts of one validation run. */
export interface ValidateFileOnDiskResult extends ValidationSummary {
  /** Diagnostics published for the URI (at most `maxDiagnostics` plus the TC704 note). */
  published: number;
  /** True when the client cancelled; the counts cover the lines read until then. */
  cancelled: boolean;
}

/** Client -> server: validate a dataset file streamed from disk, with work-done progress by bytes read. */
export namespace ValidateFileOnDiskRequest {
  export const method = 'toolcall/validateFileOnDisk';
  export const type = new RequestType<ValidateFileOnDiskParams, ValidateFileOnDiskResult, void>(method);
}

export interface StatusParams {
  uri: string;
  /** False when the document is not a dataset (the status bar hides). */
  isDataset: boolean;
  /** Document version the counts belong to (absent for files validated from disk). */
  version?: number;
  examples: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Server -> client: counts for the status bar after each publish of a document's diagnostics. */
export namespace StatusNotification {
  export const method = 'toolcall/status';
  export const type = new NotificationType<StatusParams>(method);
}

/** Result of `toolcall/ping`: the server's clock, to measure how long a cheap request waits. */
export interface PingResult {
  /** `Date.now()` on the server when the request was handled. */
  now: number;
  /** The server process's memory (`process.memoryUsage()`, bytes), for benchmarks. */
  memory?: { rss: number; heapUsed: number; external: number; arrayBuffers: number };
}

/** Client -> server: answered at once (benchmarks time a request while a big document validates). */
export namespace PingRequest {
  export const method = 'toolcall/ping';
  export const type = new RequestType<void, PingResult, void>(method);
}

export interface DatasetStatsParams {
  /** An open document (its current text) or a `file:` URI read from disk. */
  uri: string;
  /** Model for tokens, limit and cost; default the `toolcall.stats.model` setting. */
  model?: string;
  /** `file:` URI of a validation file to check for examples repeating the training file. */
  validationUri?: string;
  /** `summary` (status bar, the default) or `full` (the report: every list of lines). */
  detail?: 'summary' | 'full';
}

export interface DatasetStatsResult {
  uri: string;
  /** False when the document is not a dataset (nothing is counted). */
  isDataset: boolean;
  /** Version of the open document counted (absent when read from disk). */
  version?: number;
  summary: DatasetStatsSummary;
  /** With `detail: 'full'` only. */
  stats?: DatasetStats;
}

/** Client -> server: tokens, cost, coverage of a dataset, computed off the extension host; cancellable. */
export namespace DatasetStatsRequest {
  export const method = 'toolcall/datasetStats';
  export const type = new RequestType<DatasetStatsParams, DatasetStatsResult, void>(method);
}

// Tools features (`toolcall.tools.*` settings, the tools file of a dataset).

/** Settings section of the tools features (`toolcall.tools.*`). */
export const TOOLS_SETTINGS_SECTION = 'toolcall.tools';

export interface ToolsSettings {
  /** Report TC430-TC432 in tools files. */
  strictReadiness: boolean;
}

export const DEFAULT_TOOLS_SETTINGS: ToolsSettings = Object.freeze({ strictReadiness: false });

export function normalizeToolsSettings(raw: unknown): ToolsSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return { strictReadiness: r.strictReadiness === true };
}

export interface ToolsFileOfParams {
  /** URI of a dataset. */
  uri: string;
}

export interface ToolsFileOfResult {
  /** File-system path of the tools file the `toolcall.toolsFile` setting gives the dataset, if any. */
  path?: string;
}

/** Client -> server: which tools file a dataset uses (resolved as validation resolves it). */
export namespace ToolsFileOfRequest {
  export const method = 'toolcall/toolsFileOf';
  export const type = new RequestType<ToolsFileOfParams, ToolsFileOfResult, void>(method);
}

export interface ToolsSourceSnapshotParams {
  /** URI of the tools file. */
  uri: string;
  /** The source as shown to people: the exact command line, URL or spec path. */
  source: string;
  /** The source's declarations as an import gives them; absent when it could not be read. */
  tools?: unknown[];
  /** Names the import changed (source name -> declared name), for a tools file's `toolNames`. */
  renamed?: { from: string; to: string }[];
  /** Why the source could not be read. */
  error?: string;
  /** File-system paths of the datasets whose lines drift is checked against. */
  datasets: string[];
}

/**
 * Client -> server: what a tools file's source (`toolcall.tools.sources`) offers now. The client
 * fetches it (starting an MCP server is its business: trust and confirmation); the server shows
 * the drift on the tools file (TC440-TC444) with "Update from source" fixes. `tools` and `error`
 * both absent: forget the snapshot.
 */
export namespace ToolsSourceSnapshotNotification {
  export const method = 'toolcall/toolsSourceSnapshot';
  export const type = new NotificationType<ToolsSourceSnapshotParams>(method);
}
