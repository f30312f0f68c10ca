import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, type Connection, type Disposable, type FileSystemWatcher } from 'vscode-languageserver';
import type { ClientAbilities } from './context.ts';
import { pathToUri } from './paths.ts';
import type { Log } from './runSafe.ts';

/**
 * Asks the client to watch the tools files in use (dynamic `workspace/didChangeWatchedFiles`
 * registration, replaced when a new path appears). Clients that cannot watch still get fresh
 * content: the tools-file store stats the file on each validation.
 */
export class ToolsFileWatcher {
  private readonly watched = new Set<string>();
  private registration: Promise<Disposable> | undefined;
  private scheduled = false;
  private ready = false;

  constructor(
    private readonly connection: Connection,
    private readonly client: ClientAbilities,
    private readonly log: Log,
  ) {}

  has(file: string): boolean {
    return this.watched.has(file);
  }

  watch(file: string): void {
    if (this.watched.has(file)) return;
    this.watched.add(file);
    this.schedule();
  }

  /** Registrations are only allowed after `initialized`. */
  start(): void {
    this.ready = true;
    if (this.watched.size > 0) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.register());
  }

  private register(): void {
    this.scheduled = false;
    if (!this.ready || !this.client.watchedFilesDynamicRegistration) return;
    const watchers: FileSystemWatcher[] = [...this.watched].map((file) =>
      this.client.watchedFilesRelativePatterns
        ? { globPattern: { baseUri: pathToUri(path.dirname(file)), pattern: path.basename(file) } }
        : { globPattern: `**/${path.basename(file)}` },
    );
    const previous = this.registration;
    const next = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    this.registration = next;
    next.catch((error: unknown) => this.log.error(`Could not watch tools files: ${String(error)}`));
    previous?.then((d) => d.dispose()).catch(() => undefined);
  }
}
