import { Emitter, type Connection, type InitializeParams, type InitializeResult, type ServerCapabilities, type WorkspaceFolder } from 'vscode-languageserver';
import { SETTINGS_SECTION } from '../core/protocol.ts';
import { workerChecker, type WorkerAhead } from './checkWorker.ts';
import { BigLineWorker } from './bigLines.ts';
import type { ClientAbilities, Feature, ServerContext } from './context.ts';
import { createDocuments, DocumentStates } from './documents.ts';
import { configurationFeature } from './features/configuration.ts';
import { diagnosticsFeature } from './features/diagnostics.ts';
import { pingFeature } from './features/ping.ts';
import { validateOnDiskFeature } from './features/validateOnDisk.ts';
import { watchedFilesFeature } from './features/watchedFiles.ts';
import { toolsFileDiagnosticsFeature } from './features/toolsFileDiagnostics.ts';
import { toolsDriftFeature } from './features/toolsDrift.ts';
import { toolRenameFeature } from './features/toolRename.ts';
import { toolsNavigationFeature } from './features/toolsNavigation.ts';
import { toolsFileOfFeature } from './features/toolsFileOf.ts';
import { codeActionsFeature } from './features/codeActions.ts';
import { completionFeature } from './features/completion.ts';
import { hoverFeature } from './features/hover.ts';
import { documentSymbolsFeature } from './features/documentSymbols.ts';
import { inlayHintsFeature } from './features/inlayHints.ts';
import { datasetStatsFeature } from './features/datasetStats.ts';
import { uriToPath } from './paths.ts';
import { PublishedDiagnostics } from './publishedDiagnostics.ts';
import { formatError, type Log } from './runSafe.ts';
import { SettingsStore } from './settings.ts';
import { ToolsFileStore } from './toolsFiles.ts';
import { ToolsFileWatcher } from './toolsFileWatcher.ts';

/** Every feature, one file each; completion, hover and code actions join this list. */
export const FEATURES: Feature[] = [diagnosticsFeature, validateOnDiskFeature, configurationFeature, watchedFilesFeature, pingFeature, toolsFileDiagnosticsFeature, toolsDriftFeature, toolRenameFeature, toolsNavigationFeature, toolsFileOfFeature, codeActionsFeature, completionFeature, hoverFeature, documentSymbolsFeature, inlayHintsFeature, datasetStatsFeature];

export interface ServerOptions {
  /** Script a worker thread can run to check lines (the server bundle); none: one thread. */
  workerEntry?: string;
  /** The same script, for long lines only (see bigLines.ts); none: long lines on this thread. */
  bigLineEntry?: string;
  /** A check worker started before its job, while a big didOpen arrives. */
  workerAhead?: WorkerAhead;
}

/** Wires the features to a connection. Works with any LSP client; missing capabilities mean defaults. */
export function startServer(connection: Connection, features: Feature[] = FEATURES, options: ServerOptions = {}): void {
  const log: Log = {
    info: (message) => connection.console.info(message),
    error: (message) => connection.console.error(message),
  };
  const states = new DocumentStates();
  const documents = createDocuments(states);
  let folders: string[] = [];
  const revalidate = new Emitter<void>();
  let ctx: ServerContext | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const client = abilitiesOf(params);
    folders = foldersOf(params.workspaceFolders ?? undefined, params.rootUri ?? undefined);
    const watcher = new ToolsFileWatcher(connection, client, log);
    ctx = {
      connection,
      documents,
      states,
      published: new PublishedDiagnostics((params) => connection.sendDiagnostics(params)),
      settings: new SettingsStore(
        client.configuration ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : undefined,
      ),
      toolsFiles: new ToolsFileStore(),
      client,
      log,
      folders: () => folders,
      revalidateAll: () => revalidate.fire(),
      onRevalidateAll: revalidate.event,
      watchToolsFile: (file) => watcher.watch(file),
      checkInParallel: options.workerEntry ? workerChecker(options.workerEntry, (error) => log.error(formatError('A check worker failed', error)), options.workerAhead) : undefined,
      checkBigLines: options.bigLineEntry ? new BigLineWorker(options.bigLineEntry, (error) => log.error(formatError('The long-line check worker failed', error))) : undefined,
    };
    const capabilities: ServerCapabilities = {};
    for (const feature of features) {
      Object.assign(capabilities, feature.capabilities?.(client));
      feature.register(ctx);
    }
    if (params.capabilities.workspace?.workspaceFolders) {
      capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
    }
    connection.onInitialized(() => {
      try {
        watcher.start();
        if (params.capabilities.workspace?.workspaceFolders) {
          connection.workspace.onDidChangeWorkspaceFolders((event) => {
            const removed = new Set(foldersOf(event.removed));
            folders = [...folders.filter((f) => !removed.has(f)), ...foldersOf(event.added)];
            ctx?.revalidateAll();
          });
        }
        for (const feature of features) feature.initialized?.(ctx!);
      } catch (error) {
        log.error(formatError('initialized failed', error));
      }
    });
    return { capabilities, serverInfo: { name: 'Toolcall Studio' } };
  });

  documents.listen(connection);
  connection.listen();
}

function abilitiesOf(params: InitializeParams): ClientAbilities {
  const workspace = params.capabilities.workspace;
  return {
    configuration: workspace?.configuration === true,
    configurationDynamicRegistration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesDynamicRegistration: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    watchedFilesRelativePatterns: workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
    workDoneProgress: params.capabilities.window?.workDoneProgress === true,
    inlayHintRefresh: workspace?.inlayHint?.refreshSupport === true,
  };
}

function foldersOf(workspaceFolders: readonly WorkspaceFolder[] | undefined, rootUri?: string): string[] {
  const uris = workspaceFolders?.map((f) => f.uri) ?? (rootUri ? [rootUri] : []);
  return uris.map(uriToPath).filter((p): p is string => p !== undefined);
}
