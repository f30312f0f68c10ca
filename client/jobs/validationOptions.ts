// The validation settings a launch checks a file with, the same the language server uses for
// the Problems panel (`toolcall.severity`, `toolcall.toolsFile`), so a file that shows no
// errors is not refused. Pure: settings and folders come in as values.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SeverityOverrides } from '../../core/checks/rules.ts';
import { parseToolsFile } from '../../core/dataset/toolsFile.ts';
import type { ValidationOptions } from '../../core/validate.ts';

/** Where `toolcall.toolsFile` points for `file`: absolute as is, else relative to its folder, its directory, or the first folder. */
export function toolsPathFor(setting: string, file: string, folders: readonly string[]): string | undefined {
  const value = setting.trim();
  if (!value) return undefined;
  if (path.isAbsolute(value)) return path.normalize(value);
  const folder = folders.find((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  const candidates = [folder, path.dirname(file), folders[0]].filter((d): d is string => d !== undefined).map((d) => path.resolve(d, value));
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

/** Options for preflightFile; a tools file that cannot be read is left out (the server reports it). */
export function validationOptionsFor(file: string, settings: { severity?: unknown; toolsFile?: unknown }, folders: readonly string[]): ValidationOptions {
  const options: ValidationOptions = {};
  if (settings.severity && typeof settings.severity === 'object') options.severity = settings.severity as SeverityOverrides;
  const toolsPath = typeof settings.toolsFile === 'string' ? toolsPathFor(settings.toolsFile, file, folders) : undefined;
  if (toolsPath) {
    try {
      const parsed = parseToolsFile(readFileSync(toolsPath, 'utf8'), path.basename(toolsPath));
      if ('tools' in parsed) options.sharedTools = parsed.tools;
    } catch {
      // unreadable: validate without it, as the server does
    }
  }
  return options;
}
