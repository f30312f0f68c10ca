// What the tools features share: which documents are tools files, which tools file a dataset
// uses, the text of a file whether open or not, and the `toolcall.tools` settings.
import * as fs from 'node:fs';
import { DEFAULT_TOOLS_SETTINGS, normalizeToolsSettings, TOOLS_SETTINGS_SECTION, type ToolsSettings } from '../../core/protocol.ts';
import type { ServerContext } from '../context.ts';
import type { LineDocument } from '../lineDocument.ts';
import { pathToUri, uriToPath } from '../paths.ts';
import { resolveToolsPath } from '../../core/settings/toolsPath.ts';

/** A `*.tools.json` document (by name: the same rule as the manifest's `jsonValidation`). */
export function isToolsFileUri(uri: string): boolean {
  return /\.tools\.json$/i.test(decodeURIComponent(uri.split(/[?#]/)[0]));
}

export function isDatasetUri(uri: string): boolean {
  return /\.jsonl$/i.test(decodeURIComponent(uri.split(/[?#]/)[0]));
}

/** The tools file (path) the `toolcall.toolsFile` setting gives a dataset. */
export async function toolsFileOf(ctx: ServerContext, datasetUri: string): Promise<string | undefined> {
  const settings = await ctx.settings.get(datasetUri);
  return resolveToolsPath(settings.toolsFile, uriToPath(datasetUri), ctx.folders());
}

/** A file as the editor has it: the open document's text when open, else the disk's; undefined when unreadable. */
export interface FileText {
  uri: string;
  /** Version of the open document; null when read from disk. */
  version: number | null;
  text: string;
  document?: LineDocument;
}

export function openDocumentAt(ctx: ServerContext, file: string): LineDocument | undefined {
  return ctx.documents.all().find((d) => uriToPath(d.uri) === file);
}

export function fileText(ctx: ServerContext, file: string): FileText | undefined {
  const document = openDocumentAt(ctx, file);
  if (document) return { uri: document.uri, version: document.version, text: document.getText(), document };
  try {
    return { uri: pathToUri(file), version: null, text: fs.readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

/** The lines of a document as LSP counts them, without line breaks. */
export function documentLines(document: LineDocument): string[] {
  const lines: string[] = [];
  for (let i = 0; i < document.lineCount; i++) lines.push(document.lineText(i));
  return lines;
}

/** Lines of a text split like LSP (LF, CRLF, lone CR). */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** Open datasets whose tools file is `file`. */
export async function datasetsUsing(ctx: ServerContext, file: string): Promise<LineDocument[]> {
  const found: LineDocument[] = [];
  for (const document of ctx.documents.all()) {
    if (!isDatasetUri(document.uri)) continue;
    if ((await toolsFileOf(ctx, document.uri)) === file) found.push(document);
  }
  return found;
}

/** `toolcall.tools.*` per resource, pulled from the client (defaults when it cannot be asked). */
export class ToolsSettingsStore {
  private readonly byUri = new Map<string, Promise<ToolsSettings>>();

  constructor(private readonly ctx: ServerContext) {
    ctx.onRevalidateAll(() => this.byUri.clear());
  }

  get(uri: string): Promise<ToolsSettings> {
    if (!this.ctx.client.configuration) return Promise.resolve(DEFAULT_TOOLS_SETTINGS);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.ctx.connection.workspace.getConfiguration({ scopeUri: uri, section: TOOLS_SETTINGS_SECTION }).then(normalizeToolsSettings, () => DEFAULT_TOOLS_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
