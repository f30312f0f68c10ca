import type { Connection, Event, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { LineDocument } from './lineDocument.ts';
import type { ParallelChecker } from './checkWorker.ts';
import type { DocumentStates } from './documents.ts';
import type { Log } from './runSafe.ts';
import type { SettingsStore } from './settings.ts';
import type { BigLineWorker } from './bigLines.ts';
import type { ToolsFileStore } from './toolsFiles.ts';
import type { PublishedDiagnostics } from './publishedDiagnostics.ts';

/** What the client can do, read once from `initialize`. */
export interface ClientAbilities {
  configuration: boolean;
  configurationDynamicRegistration: boolean;
  watchedFilesDynamicRegistration: boolean;
  watchedFilesRelativePatterns: boolean;
  workDoneProgress: boolean;
  /** `workspace/inlayHint/refresh`: new diagnostics change the per-line problem summaries. */
  inlayHintRefresh: boolean;
}

/** Shared by every feature handler: they look things up here and call the core. */
export interface ServerContext {
  readonly connection: Connection;
  /** Open documents as line arrays (a `TextDocument`; prefer `lineText(line)` over whole-text `getText()`). */
  readonly documents: TextDocuments<LineDocument>;
  readonly states: DocumentStates;
  /** Publishes diagnostics (always through it: it keeps what the client holds per URI). */
  readonly published: PublishedDiagnostics;
  readonly settings: SettingsStore;
  readonly toolsFiles: ToolsFileStore;
  readonly client: ClientAbilities;
  readonly log: Log;
  /** Workspace folders as file-system paths. */
  folders(): string[];
  /** Validates every open document again (settings or the tools file changed). */
  revalidateAll(): void;
  readonly onRevalidateAll: Event<void>;
  /** Asks the watcher feature to watch a tools file. */
  watchToolsFile(path: string): void;
  /** Checks lines on a worker thread (absent when the server was started without a worker entry). */
  readonly checkInParallel?: ParallelChecker;
  /** Checks long lines on a worker thread (always on when the server runs from its bundle). */
  readonly checkBigLines?: BigLineWorker;
}

/** One LSP feature: the capabilities it announces and the handlers it registers. */
export interface Feature {
  capabilities?(client: ClientAbilities): ServerCapabilities;
  register(ctx: ServerContext): void;
  /** After `initialized`: dynamic registrations. */
  initialized?(ctx: ServerContext): void;
}
