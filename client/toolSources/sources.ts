// The `toolcall.tools.sources` setting, per workspace folder: which tools file comes from which
// MCP server or OpenAPI spec, and the datasets its drift is checked against.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseToolsSource, type ToolsSource } from '../../core/tools/import/sourceConfig.ts';
import type { CommandContext } from '../commandContext.ts';

/** One configured tools file and its source, paths resolved in its workspace folder. */
export interface SourceEntry {
  folder: vscode.WorkspaceFolder;
  toolsFile: vscode.Uri;
  source: ToolsSource;
  /** Absolute paths of the datasets. */
  datasets: string[];
}

/** Every entry of every folder, and the entries that could not be read (with why). */
export function configuredSources(): { entries: SourceEntry[]; errors: string[] } {
  const entries: SourceEntry[] = [];
  const errors: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const raw = vscode.workspace.getConfiguration('toolcall.tools', folder.uri).get<Record<string, unknown>>('sources') ?? {};
    for (const [file, value] of Object.entries(raw)) {
      const source = parseToolsSource(value, file);
      if ('error' in source) {
        errors.push(source.error);
        continue;
      }
      const base = folder.uri.fsPath;
      entries.push({ folder, toolsFile: vscode.Uri.file(path.resolve(base, file)), source, datasets: source.datasets.map((d) => path.resolve(base, d)) });
    }
  }
  return { entries, errors };
}

/** The entry of one tools file, if it has a source. */
export function sourceOf(toolsFile: vscode.Uri): SourceEntry | undefined {
  return configuredSources().entries.find((e) => e.toolsFile.toString() === toolsFile.toString());
}

/** The setting's value for `folder` with `entry` added (or replaced) under `file`. */
export async function rememberSource(folder: vscode.WorkspaceFolder, toolsFile: vscode.Uri, entry: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('toolcall.tools', folder.uri);
  const current = config.inspect<Record<string, unknown>>('sources')?.workspaceFolderValue ?? config.inspect<Record<string, unknown>>('sources')?.workspaceValue ?? {};
  const key = path.relative(folder.uri.fsPath, toolsFile.fsPath).split(path.sep).join('/');
  const target = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await config.update('sources', { ...current, [key]: entry }, target);
}

/**
 * Runs `run` for the source of the tools file `arg` (a Uri, else the active editor's file), or
 * for every configured source when that file has none; shows and logs each result sentence.
 */
export async function forEachSource(ctx: CommandContext, arg: unknown, run: (entry: SourceEntry) => Promise<string>): Promise<string[]> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  const { entries, errors } = configuredSources();
  for (const error of errors) void vscode.window.showWarningMessage(error);
  const own = uri ? entries.filter((e) => e.toolsFile.toString() === uri.toString()) : [];
  const chosen = own.length > 0 ? own : entries;
  if (chosen.length === 0) {
    void vscode.window.showInformationMessage('No tools file has a source: name one in the "toolcall.tools.sources" setting, or import one with "Import Tools from MCP Server" or "Import Tools from OpenAPI Spec".');
    return [];
  }
  const results: string[] = [];
  for (const entry of chosen) {
    const message = await run(entry);
    ctx.output.info(message);
    results.push(message);
  }
  void vscode.window.showInformationMessage(results.join(' '));
  return results;
}
