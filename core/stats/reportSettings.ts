// The settings of the dataset insights (`toolcall.tokenLimits`, `toolcall.stats.model`,
// `toolcall.stats.prices`), read the same way by the language server (TC209, the
// `toolcall/datasetStats` request) and the client (report, status bar, launch cost).
import { DEFAULT_TRAINING_PRICES } from './cost.ts';
import { DEFAULT_MODEL } from './report.ts';
import { DEFAULT_TOKEN_LIMITS, lookupModel, type TokenLimitOption } from './tokens.ts';

/** Well-formed insight settings. */
export interface InsightSettings {
  /** Model for tokens, the limit and the cost. */
  model: string;
  /** Per-model limits: the defaults with the user's table merged over them. */
  tokenLimits: Record<string, number>;
  /** USD per 1M training tokens: the defaults with the user's table merged over them. */
  prices: Record<string, number>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Entries whose value is a finite number > 0 (or >= 0 for prices); keys trimmed, empty keys dropped. */
function numberTable(raw: unknown, allowZero: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isRecord(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    const k = key.trim();
    if (k === '' || k === '__proto__' || typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (value > 0 || (allowZero && value === 0)) out[k] = value;
  }
  return out;
}

/**
 * The `toolcall` configuration section (anything) -> insight settings. `stats` may arrive as
 * a nested object (`workspace/configuration` of the section) or as dotted keys.
 */
export function normalizeInsightSettings(section: unknown): InsightSettings {
  const r = isRecord(section) ? section : {};
  const stats = isRecord(r.stats) ? r.stats : {};
  const model = typeof stats.model === 'string' && stats.model.trim() !== '' ? stats.model.trim() : typeof r['stats.model'] === 'string' && (r['stats.model'] as string).trim() !== '' ? (r['stats.model'] as string).trim() : DEFAULT_MODEL;
  return {
    model,
    tokenLimits: { ...DEFAULT_TOKEN_LIMITS, ...numberTable(r.tokenLimits, false) },
    prices: { ...DEFAULT_TRAINING_PRICES, ...numberTable(stats.prices ?? r['stats.prices'], true) },
  };
}

/** The TC209 option for a model under these settings; undefined when no limit is known. */
export function tokenLimitFor(settings: InsightSettings, model = settings.model): TokenLimitOption | undefined {
  const limit = lookupModel(settings.tokenLimits, model);
  return limit === undefined ? undefined : { model, limit };
}
