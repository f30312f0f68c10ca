import { DEFAULT_SETTINGS, type ToolcallSettings } from '../core/protocol.ts';
import type { SeverityOverrides } from '../core/checks/rules.ts';
import { normalizeInsightSettings } from '../core/stats/reportSettings.ts';
import { PROBLEM_SUMMARY_MODES, type ProblemSummaryMode } from '../core/authoring/problemSummary.ts';

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
 * Settings per resource. Pull model (`workspace/configuration`, section `toolcall`) when the
 * client supports it; otherwise whatever `didChangeConfiguration` pushed, else defaults.
 */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<ToolcallSettings>>();
  private pushed: ToolcallSettings = DEFAULT_SETTINGS;

  /** `pull` is undefined when the client has no configuration capability. */
  constructor(private readonly pull?: (uri: string) => Promise<unknown>) {}

  get(uri: string): Promise<ToolcallSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.pull(uri).then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** `didChangeConfiguration`: forget pulled values; keep pushed ones for clients that push. */
  changed(pushedSettings?: unknown): void {
    this.byUri.clear();
    if (pushedSettings !== undefined && pushedSettings !== null) this.pushed = normalizeSettings(pushedSettings);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
