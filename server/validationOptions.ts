import { severityOf } from '../core/checks/rules.ts';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { ToolcallSettings } from '../core/protocol.ts';
import type { ValidationOptions } from '../core/validate.ts';
import { normalizeInsightSettings, tokenLimitFor } from '../core/stats/reportSettings.ts';
import type { ServerContext } from './context.ts';
import { resolveToolsPath, TOOLS_FILE_PROBLEM, type ToolsFile } from './toolsFiles.ts';

/** Core options for a document under its settings, plus what identifies them for caching. */
export interface ResolvedOptions {
  options: ValidationOptions;
  /** Equal keys: the same per-line results. */
  key: string;
  toolsFile?: ToolsFile;
  /** The line-0 diagnostic when the tools file cannot be used. */
  toolsProblem?: LspDiagnostic;
}

export function resolveOptions(ctx: Pick<ServerContext, 'toolsFiles' | 'folders' | 'watchToolsFile'>, uri: string, settings: ToolcallSettings): ResolvedOptions {
  const toolsPath = resolveToolsPath(settings.toolsFile, uri, ctx.folders());
  const toolsFile = toolsPath ? ctx.toolsFiles.get(toolsPath, settings.toolsFile) : undefined;
  if (toolsPath) ctx.watchToolsFile(toolsPath);
  const options: ValidationOptions = { severity: settings.severity };
  if (toolsFile?.tools) options.sharedTools = toolsFile.tools;
  const tokenLimit = tokenLimitFor(settings.insights ?? normalizeInsightSettings(undefined));
  if (tokenLimit) options.tokenLimit = tokenLimit;
  const key = JSON.stringify([settings.severity, toolsFile?.path ?? null, toolsFile?.stamp ?? null, tokenLimit ?? null]);
  const resolved: ResolvedOptions = { options, key, toolsFile };
  const level = severityOf(TOOLS_FILE_PROBLEM, settings.severity);
  if (toolsFile?.error && level !== 'off') {
    resolved.toolsProblem = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint }[level],
      code: TOOLS_FILE_PROBLEM,
      source: 'toolcall',
      message: toolsFile.error,
      data: { toolsFile: toolsFile.path },
    };
  }
  return resolved;
}
