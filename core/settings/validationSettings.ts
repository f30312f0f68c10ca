// The validation settings (`toolcall.severity`, `toolcall.toolsFile`, the token limit of
// `toolcall.stats.model`) turned into the core's options in one place, so the language
// server's Problems panel and the launch's preflight judge a file the same way.
import { PROBLEM_SUMMARY_MODES, type ProblemSummaryMode } from '../authoring/problemSummary.ts';
import type { SeverityOverrides } from '../checks/rules.ts';
import { readToolsFile } from '../dataset/toolsFile.ts';
import { DEFAULT_SETTINGS, type ToolcallSettings } from '../protocol.ts';
import { normalizeInsightSettings, tokenLimitFor } from '../stats/reportSettings.ts';
import type { ValidationOptions } from '../validate.ts';
import { resolveToolsPath } from './toolsPath.ts';

const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Settings as the client sent them (anything) -> well-formed settings; bad values fall back to defaults. */
export function normalizeSettings(raw: unknown): ToolcallSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const severity: SeverityOverrides = {};
  if (typeof r.severity === 'object' && r.severity !== null && !Array.isArray(r.severity)) {
    for (const [code, level] of Object.entries(r.severity)) {
      if (typeof level === 'string' && LEVELS.has(level)) severity[code.toUpperCase()] = level as SeverityOverrides[string];
    }
  }
  const max = typeof r.maxDiagnostics === 'number' && Number.isFinite(r.maxDiagnostics) && r.maxDiagnostics >= 1 ? Math.floor(r.maxDiagnostics) : DEFAULT_SETTINGS.maxDiagnostics;
  const debounce = typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) && r.debounceMs >= 0 ? Math.min(Math.floor(r.debounceMs), 10_000) : DEFAULT_SETTINGS.debounceMs;
  return {
    toolsFile: typeof r.toolsFile === 'string' ? r.toolsFile.trim() : DEFAULT_SETTINGS.toolsFile,
    severity,
    datasets: Array.isArray(r.datasets) ? r.datasets.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    maxDiagnostics: max,
    debounceMs: debounce,
    ...('tokenLimits' in r || 'stats' in r ? { insights: normalizeInsightSettings(r) } : {}),
    ...(PROBLEM_SUMMARY_MODES.includes(r.problemSummary as ProblemSummaryMode) ? { problemSummary: r.problemSummary as ProblemSummaryMode } : {}),
  };
}

/**
 * The core's options under `settings`, with the shared tools file's declarations when it could
 * be read: the severities, the tools and the TC209 token limit (of the default model when the
 * insight settings are absent).
 */
export function validationOptionsFor(settings: ToolcallSettings, sharedTools: unknown[] | undefined): ValidationOptions {
  const options: ValidationOptions = { severity: settings.severity };
  if (sharedTools) options.sharedTools = sharedTools;
  const tokenLimit = tokenLimitFor(settings.insights ?? normalizeInsightSettings(undefined));
  if (tokenLimit) options.tokenLimit = tokenLimit;
  return options;
}

/**
 * The options a dataset file on disk is checked with outside the server (the launch's
 * preflight): `section` is the `toolcall` settings as read for the file; the tools file is
 * resolved and read as the server does; one that cannot be used is left out (the Problems
 * panel says why, as TC705).
 */
export function fileValidationOptions(file: string, section: unknown, folders: readonly string[]): ValidationOptions {
  const settings = normalizeSettings(section);
  const toolsPath = resolveToolsPath(settings.toolsFile, file, folders);
  const read = toolsPath ? readToolsFile(toolsPath, settings.toolsFile) : undefined;
  return validationOptionsFor(settings, read && 'tools' in read ? read.tools : undefined);
}
