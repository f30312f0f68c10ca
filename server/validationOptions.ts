import type { ToolcallSettings } from '../core/protocol.ts';
import type { Diagnostic } from '../core/checks/findings.ts';
import { toolsFileUnusable } from '../core/checks/sharedToolsChecks.ts';
import { validationOptionsFor } from '../core/settings/validationSettings.ts';
import { resolveToolsPath } from '../core/settings/toolsPath.ts';
import { positionFindings, type ValidationOptions } from '../core/validate.ts';
import type { ServerContext } from './context.ts';
import { uriToPath } from './paths.ts';
import type { ToolsFile } from './toolsFiles.ts';

/** Core options for a document under its settings, plus what identifies them for caching. */
export interface ResolvedOptions {
  options: ValidationOptions;
  /** Equal keys: the same per-line results. */
  key: string;
  toolsFile?: ToolsFile;
  /** TC705 on line 0 when the tools file cannot be used (and the rule is not off). */
  toolsProblem?: Diagnostic;
}

export function resolveOptions(ctx: Pick<ServerContext, 'toolsFiles' | 'folders' | 'watchToolsFile'>, uri: string, settings: ToolcallSettings): ResolvedOptions {
  const toolsPath = resolveToolsPath(settings.toolsFile, uriToPath(uri), ctx.folders());
  const toolsFile = toolsPath ? ctx.toolsFiles.get(toolsPath, settings.toolsFile) : undefined;
  if (toolsPath) ctx.watchToolsFile(toolsPath);
  const options = validationOptionsFor(settings, toolsFile?.tools);
  const key = JSON.stringify([settings.severity, toolsFile?.path ?? null, toolsFile?.stamp ?? null, options.tokenLimit ?? null]);
  const resolved: ResolvedOptions = { options, key, toolsFile };
  const [toolsProblem] = toolsFile?.error ? positionFindings('', 0, [toolsFileUnusable(toolsFile.error, toolsFile.path)], settings.severity) : [];
  if (toolsProblem) resolved.toolsProblem = toolsProblem;
  return resolved;
}
