// The results file (`*.toolcall-eval.json`): per model, every case's prediction,
// scores, latency, tokens and cost, and a summary. Summaries are always recomputed
// from the cases, so a file read back (or merged) cannot disagree with itself.
// Pure: no file or network access.
import type { Category, EvalCase } from './cases.ts';
import { CATEGORIES } from '../stats/category.ts';
import type { ToolCall } from './metrics.ts';
import type { Prediction } from './predictions.ts';
import { pairedComparisons, type Comparison, type ScoredModel } from './comparisons.ts';
import type { CaseResult, MetricRates } from './score.ts';
import { ModelTally, type ModelSummary } from './summaryTally.ts';

export { percentile, type ModelSummary } from './summaryTally.ts';

/** The version this code writes and reads. */
export const RESULTS_VERSION = 1;
/** File name suffix the viewer opens. */
export const RESULTS_SUFFIX = '.toolcall-eval.json';

/** Tokens of one request as the API reported them. */
export interface CaseUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** The metrics of one case. */
export interface CaseScores {
  exact: boolean;
  fuzzy: boolean;
  functional: boolean;
  structural: boolean;
  /** Mean difflib similarity over the best pairing of calls, in [0, 1]. */
  similarity: number;
}

/** What the model answered. */
export interface CasePrediction {
  tool_calls?: ToolCall[];
  content?: string | null;
}

/** One case of one model. */
export interface CaseRecord {
  /** 1-based line of the example in the eval set. */
  line: number;
  /** 0-based index of the assistant message. */
  turn: number;
  category: Category;
  expected: ToolCall[];
  /** Absent when there is no answer (no prediction given, or the request failed): a miss. */
  prediction?: CasePrediction;
  scores: CaseScores;
  /** Why the structural check failed, when it did. */
  reason?: string;
  /** Milliseconds of the successful request; null for offline predictions and failures. */
  latencyMs: number | null;
  usage: CaseUsage | null;
  /** USD of the request; null when the price is unknown or there was no request. */
  costUsd: number | null;
  /** Requests sent for this case (retries included). */
  attempts?: number;
  /** Why the request failed after its retries; such a case is asked again on resume. */
  error?: string;
  /** caseHash of the case answered: resume reuses the answer only when the case still hashes the same. */
  hash?: string;
  /** How the answer was read differently from the standard shape (normalizeAnswer.ts), one sentence each. */
  normalized?: string[];
}

/** The cases of one model. */
export interface ModelResults {
  model: string;
  /** The endpoint (never the key); null for offline predictions. */
  baseURL: string | null;
  /** Set in merged views, where models may come from different eval sets. */
  dataset?: string;
  /** Set in merged views: the results file the model came from. */
  source?: string;
  /** The Batch API batch of this model's last batch run: a later run collects it instead of creating another. */
  batch?: BatchRef;
  summary: ModelSummary;
  cases: CaseRecord[];
}

/** A batch as the results file keeps it. */
export interface BatchRef {
  id: string;
  /** The batch's last status seen: validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled. */
  status: string;
}

/** How the run was made (no secrets: the key is named by its environment variable). */
export interface ResultsConfig {
  temperature?: number;
  concurrency?: number;
  autojunk?: boolean;
  /** Name of the environment variable the key was read from. */
  apiKeyEnv?: string;
  /** Offline predictions file (or files, one model each), when scored without a model. */
  predictions?: string | string[];
  [key: string]: unknown;
}

/** The whole file. */
export interface ResultsFile {
  version: 1;
  /** The eval set, relative to the results file's folder when written by the tools. */
  dataset: string;
  createdAt: string;
  config: ResultsConfig;
  models: ModelResults[];
}

/** A case record from a case, what the model answered (undefined: a miss) and its score. */
export function caseRecord(
  c: EvalCase,
  prediction: Prediction | undefined,
  result: CaseResult,
  extra: { latencyMs?: number | null; usage?: CaseUsage | null; costUsd?: number | null; attempts?: number; error?: string; hash?: string; normalized?: string[] } = {},
): CaseRecord {
  const record: CaseRecord = {
    line: c.line,
    turn: c.turn,
    category: c.category,
    expected: c.expected.map((call) => ({ name: call.name, arguments: call.arguments })),
    scores: { exact: result.exact, fuzzy: result.fuzzy, functional: result.functional, structural: result.structural, similarity: result.similarity },
    latencyMs: extra.latencyMs ?? null,
    usage: extra.usage ?? null,
    costUsd: extra.costUsd ?? null,
  };
  if (prediction) {
    record.prediction = {};
    if (prediction.calls.length > 0) record.prediction.tool_calls = prediction.calls.map((call) => ({ name: call.name, arguments: call.arguments }));
    record.prediction.content = prediction.content;
  }
  if (result.reason !== undefined) record.reason = result.reason;
  if (extra.attempts !== undefined) record.attempts = extra.attempts;
  if (extra.error !== undefined) record.error = extra.error;
  if (extra.hash !== undefined) record.hash = extra.hash;
  if (extra.normalized?.length) record.normalized = extra.normalized;
  return record;
}

/** The summary of a model's cases. */
export function summarizeModel(cases: readonly CaseRecord[]): ModelSummary {
  const tally = new ModelTally();
  for (const c of cases) tally.add(c);
  return tally.summary();
}

/** Cases in eval-set order: by line, then turn. */
export function sortCases(cases: CaseRecord[]): CaseRecord[] {
  return cases.sort((a, b) => a.line - b.line || a.turn - b.turn);
}

/** A model's entry with its summary computed. */
export function modelResults(model: string, baseURL: string | null, cases: CaseRecord[]): ModelResults {
  const sorted = sortCases([...cases]);
  return { model, baseURL, summary: summarizeModel(sorted), cases: sorted };
}

/** `file` with `entry` replacing the entry of the same model and endpoint (or appended). */
export function upsertModel(file: ResultsFile, entry: ModelResults): ResultsFile {
  const index = file.models.findIndex((m) => m.model === entry.model && m.baseURL === entry.baseURL);
  const models = [...file.models];
  if (index >= 0) models[index] = entry;
  else models.push(entry);
  return { ...file, models };
}

/** The JSON text of a results file (2-space indent, final newline), with the paired comparisons of its models. */
export function stringifyResults(file: ResultsFile): string {
  const comparisons = pairedComparisons(file.models);
  return JSON.stringify(comparisons.length > 0 ? { ...file, comparisons } : file, null, 2) + '\n';
}


/**
 * Reads a results file, checking every field the tools use; throws one sentence naming
 * the first bad field. Summaries are recomputed from the cases. Unknown fields are dropped.
 */
export function parseResults(text: string): ResultsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`The results file is not valid JSON (${(error as Error).message}).`);
  }
  const file = obj(value, 'The results file');
  if (file.version !== RESULTS_VERSION) throw new Error(`Unsupported results version ${JSON.stringify(file.version)}; this version of Toolcall Studio reads version ${RESULTS_VERSION}.`);
  if (typeof file.dataset !== 'string') throw new Error('"dataset" must be a string.');
  if (typeof file.createdAt !== 'string') throw new Error('"createdAt" must be a string.');
  const config = file.config === undefined ? {} : obj(file.config, '"config"');
  if (!Array.isArray(file.models)) throw new Error('"models" must be an array.');
  const models = file.models.map((m, i) => readModel(m, `models[${i}]`));
  return { version: 1, dataset: file.dataset, createdAt: file.createdAt, config: config as ResultsConfig, models };
}

function readModel(value: unknown, where: string): ModelResults {
  const m = obj(value, where);
  if (typeof m.model !== 'string') throw new Error(`${where}.model must be a string.`);
  if (m.baseURL !== null && m.baseURL !== undefined && typeof m.baseURL !== 'string') throw new Error(`${where}.baseURL must be a string or null.`);
  if (!Array.isArray(m.cases)) throw new Error(`${where}.cases must be an array.`);
  const cases = m.cases.map((c, k) => readCase(c, `${where}.cases[${k}]`));
  const entry = modelResults(m.model, (m.baseURL as string | null | undefined) ?? null, cases);
  if (typeof m.dataset === 'string') entry.dataset = m.dataset;
  if (typeof m.source === 'string') entry.source = m.source;
  const batch = m.batch as Partial<BatchRef> | undefined;
  if (batch && typeof batch === 'object' && typeof batch.id === 'string' && typeof batch.status === 'string') entry.batch = { id: batch.id, status: batch.status };
  return entry;
}

function readCase(value: unknown, where: string): CaseRecord {
  const c = obj(value, where);
  const int = (k: string, min: number) => {
    if (!Number.isInteger(c[k]) || (c[k] as number) < min) throw new Error(`${where}.${k} must be an integer >= ${min}.`);
    return c[k] as number;
  };
  const line = int('line', 1);
  const turn = int('turn', 0);
  // 'single' is what files written before the names were unified with the dataset report say.
  if (c.category === 'single') c.category = 'single-call';
  if (!CATEGORIES.includes(c.category as Category)) throw new Error(`${where}.category must be one of ${CATEGORIES.join(', ')}.`);
  const expected = readCalls(c.expected, `${where}.expected`);
  const s = obj(c.scores, `${where}.scores`);
  for (const k of ['exact', 'fuzzy', 'functional', 'structural']) if (typeof s[k] !== 'boolean') throw new Error(`${where}.scores.${k} must be true or false.`);
  if (typeof s.similarity !== 'number' || !(s.similarity >= 0 && s.similarity <= 1)) throw new Error(`${where}.scores.similarity must be a number in [0, 1].`);
  const record: CaseRecord = {
    line,
    turn,
    category: c.category as Category,
    expected,
    scores: { exact: s.exact as boolean, fuzzy: s.fuzzy as boolean, functional: s.functional as boolean, structural: s.structural as boolean, similarity: s.similarity },
    latencyMs: nullableNumber(c.latencyMs, `${where}.latencyMs`),
    usage: readUsage(c.usage, `${where}.usage`),
    costUsd: nullableNumber(c.costUsd, `${where}.costUsd`),
  };
  if (c.prediction !== undefined && c.prediction !== null) {
    const p = obj(c.prediction, `${where}.prediction`);
    record.prediction = {};
    if (p.tool_calls !== undefined && p.tool_calls !== null) record.prediction.tool_calls = readCalls(p.tool_calls, `${where}.prediction.tool_calls`);
    if (p.content !== undefined) {
      if (p.content !== null && typeof p.content !== 'string') throw new Error(`${where}.prediction.content must be a string or null.`);
      record.prediction.content = p.content;
    }
  }
  if (typeof c.reason === 'string') record.reason = c.reason;
  if (Number.isInteger(c.attempts)) record.attempts = c.attempts as number;
  if (typeof c.error === 'string') record.error = c.error;
  if (typeof c.hash === 'string') record.hash = c.hash;
  if (Array.isArray(c.normalized) && c.normalized.every((n) => typeof n === 'string')) record.normalized = c.normalized as string[];
  return record;
}

function readCalls(value: unknown, where: string): ToolCall[] {
  if (!Array.isArray(value)) throw new Error(`${where} must be an array.`);
  return value.map((call, k) => {
    const o = obj(call, `${where}[${k}]`);
    if (typeof o.name !== 'string' || typeof o.arguments !== 'string') throw new Error(`${where}[${k}] must have string "name" and "arguments".`);
    return { name: o.name, arguments: o.arguments };
  });
}

function readUsage(value: unknown, where: string): CaseUsage | null {
  if (value === null || value === undefined) return null;
  const u = obj(value, where);
  if (typeof u.prompt_tokens !== 'number' || typeof u.completion_tokens !== 'number') throw new Error(`${where} must have numeric prompt_tokens and completion_tokens.`);
  return { prompt_tokens: u.prompt_tokens, completion_tokens: u.completion_tokens };
}

function nullableNumber(value: unknown, where: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where} must be a number or null.`);
  return value;
}

function obj(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where} must be a JSON object.`);
  return value as Record<string, unknown>;
}

/** A results file and where it came from, for merging. */
export interface NamedResults {
  /** How the file is shown (a file name or workspace-relative path). */
  name: string;
  results: ResultsFile;
  /** The eval set of this file, as the caller resolved it. */
  dataset?: string;
}

/**
 * Several results files as one: every model of every file, in order. Each entry keeps
 * its file and eval set; a model name that occurs more than once gets ` (file)` added,
 * then ` #2`, ... if still not unique.
 */
export function mergeResults(files: readonly NamedResults[]): ResultsFile {
  const models: ModelResults[] = [];
  const count = new Map<string, number>();
  for (const f of files) for (const m of f.results.models) count.set(m.model, (count.get(m.model) ?? 0) + 1);
  const used = new Set<string>();
  for (const f of files) {
    for (const m of f.results.models) {
      let label = (count.get(m.model) ?? 0) > 1 ? `${m.model} (${f.name})` : m.model;
      for (let k = 2; used.has(label); k++) label = `${label.replace(/ #\d+$/, '')} #${k}`;
      used.add(label);
      models.push({ ...m, model: label, dataset: m.dataset ?? f.dataset ?? f.results.dataset, source: m.source ?? f.name });
    }
  }
  const datasets = [...new Set(files.map((f) => f.dataset ?? f.results.dataset))];
  return {
    version: 1,
    dataset: datasets.length === 1 ? datasets[0] : datasets.join(', '),
    createdAt: files.map((f) => f.results.createdAt).sort().at(-1) ?? '',
    config: { merged: files.map((f) => f.name) },
    models,
  };
}

/** Models with their summaries and scored cases: what the JSON output and the text tables show (a ResultsFile is one). */
export interface SummarizedModels {
  models: readonly (ScoredModel & { summary: ModelSummary })[];
}

/** The key of the paired comparisons in the JSON output, beside the model names. */
export const COMPARISONS_KEY = 'comparisons';

/**
 * The JSON output: `{MODEL: {total, exact_match, ..., ci}}`, plus `"comparisons": [...]` when
 * two or more models share cases.
 */
export function jsonSummary(file: SummarizedModels): Record<string, ModelSummary | Comparison[]> {
  const out: Record<string, ModelSummary | Comparison[]> = Object.fromEntries(file.models.map((m) => [m.model, m.summary]));
  const comparisons = pairedComparisons(file.models);
  if (comparisons.length > 0) out[COMPARISONS_KEY] = comparisons;
  return out;
}

export type { MetricRates };
