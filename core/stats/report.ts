// The dataset report: one pass over the lines feeds every collector; the result is plain
// JSON so the CLI prints it, and the editor's report view and status bar can show it.
import { classify, CATEGORIES, type Category } from './category.ts';
import { estimateCost, DEFAULT_TRAINING_PRICES, type CostEstimate } from './cost.ts';
import { CoverageCollector, type DeclarationVariant, type ToolCoverage } from './coverage.ts';
import { DuplicateIndex, type DuplicateGroup, type NearDuplicateGroup } from './duplicates.ts';
import { readExample, type StatsLine } from './example.ts';
import { SharedDeclarationsReader } from './sharedDeclarations.ts';
import { buildHints } from './hints.ts';
import type { DatasetStats, Overlap } from './datasetStats.ts';
import { countExampleTokens, DEFAULT_TOKEN_LIMITS, encodingForModel, lookupModel, tokenCounter, type EncodingName, type TokenCounter } from './tokens.ts';

/** The model assumed when none is given: the usual first fine-tuning target. */
export const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';

export interface StatsOptions {
  /** Base model to be fine-tuned; picks the encoding, the token limit and the price. */
  model?: string;
  /** Token limits by model, merged over `DEFAULT_TOKEN_LIMITS`. */
  limits?: Record<string, number>;
  /** Token limit for this run, overriding the tables. */
  limit?: number;
  /** Prices per 1M training tokens by model, merged over `DEFAULT_TRAINING_PRICES`. */
  prices?: Record<string, number>;
  /** Epochs, instead of the default OpenAI picks for the number of examples. */
  epochs?: number;
  /** Lines of a validation file, checked for examples that repeat the training file. */
  validation?: Iterable<StatsLine>;
  /** Counter to use instead of the model's encoding (tests, or a caller that loaded it already). */
  tokenCounter?: TokenCounter;
  /** Tokens of an example (its parsed line) counted another way, e.g. an open model's chat template and tokenizer (core/render). */
  exampleTokens?: (value: unknown) => number;
}

/**
 * The training lines at some 0-based indexes (ascending), read again from their file. Given to
 * computeStatsAsync (with `validationAgain` when there is a validation file), exact keys are
 * computed only for lines that may have a copy (deferredKeys.ts): the first line of each such
 * group is read again by this.
 */
export type RereadLines = (indexes: number[]) => Iterable<StatsLine> | AsyncIterable<StatsLine>;

/** Accumulates the report line by line; `result()` can be called at any point. */
export class StatsCollector {
  readonly model: string;
  private readonly limit: number | undefined;
  private readonly invalidLines: number[] = [];
  private readonly perExample: { line: number; tokens: number }[] = [];
  private readonly weightWarnings: number[] = [];
  private readonly coverage = new CoverageCollector();
  private readonly duplicates: DuplicateIndex;
  private readonly reader = new SharedDeclarationsReader();
  private overlap: Overlap | null = null;

  constructor(
    private readonly counter: TokenCounter,
    private readonly options: Omit<StatsOptions, 'validation'> = {},
    /** Exact keys only for lines that may have a copy; those lines are then read again (linesToReread, addReread), after each validation line was announced (wantValidation). */
    deferExactKeys = false,
  ) {
    this.duplicates = new DuplicateIndex(undefined, { deferKeys: deferExactKeys });
    this.model = options.model || DEFAULT_MODEL;
    this.limit = options.limit ?? lookupModel({ ...DEFAULT_TOKEN_LIMITS, ...options.limits }, this.model);
  }

  add(line: StatsLine): void {
    const example = this.reader.read(line);
    if (example === 'blank') return;
    if (example === 'invalid') {
      this.invalidLines.push(line.index + 1);
      return;
    }
    const classification = classify(example);
    const tokens = this.options.exampleTokens ? this.options.exampleTokens(example.value) : countExampleTokens(example, this.counter);
    this.perExample.push({ line: example.line, tokens });
    if (classification.failedTurnsWithWeight.length > 0) this.weightWarnings.push(example.line);
    this.coverage.add(example, classification);
    this.duplicates.add(example);
  }

  /** 0-based indexes of the training lines to read again (deferred exact keys only), ascending. */
  linesToReread(): number[] {
    return this.duplicates.linesToReread();
  }

  /** A training line linesToReread named, read again. */
  addReread(line: StatsLine): void {
    const example = readExample(line);
    if (typeof example === 'string') throw new Error(`Line ${line.index + 1} changed while it was read: the file was modified during the run.`);
    this.duplicates.addReread(example);
  }

  /** With deferred exact keys: a validation line, announced before the training lines are read again (addValidation of it comes after). */
  wantValidation(line: StatsLine): void {
    const example = this.reader.read(line);
    if (example !== 'blank' && example !== 'invalid') this.duplicates.wantCopiesOf(example);
  }

  /** Compares a validation file's lines with the training lines added so far. */
  addValidation(line: StatsLine): void {
    this.overlap ??= { validationExamples: 0, exact: [], near: [] };
    const example = this.reader.read(line);
    if (example === 'blank' || example === 'invalid') return;
    this.overlap.validationExamples++;
    const same = this.duplicates.linesEqualTo(example);
    if (same.length > 0) {
      this.overlap.exact.push({ validation: example.line, train: same });
      return;
    }
    const near = this.duplicates.nearestTo(example);
    if (near) this.overlap.near.push({ validation: example.line, train: near.line, similarity: near.similarity });
  }

  /** Marks that a validation file was given, even an empty one. */
  startValidation(): void {
    this.overlap ??= { validationExamples: 0, exact: [], near: [] };
  }

  result(): DatasetStats {
    const counts = this.perExample.map((e) => e.tokens);
    const sorted = [...counts].sort((a, b) => a - b);
    const total = counts.reduce((a, b) => a + b, 0);
    const limit = this.limit;
    const overLimit = limit === undefined ? [] : this.perExample.filter((e) => e.tokens > limit).map((e) => ({ line: e.line, tokens: e.tokens, limit, over: e.tokens - limit }));
    const coverage = this.coverage.result();
    const cost = estimateCost(counts, { model: this.model, limit, epochs: this.options.epochs, prices: { ...DEFAULT_TRAINING_PRICES, ...this.options.prices } });
    const stats: DatasetStats = {
      model: this.model,
      encoding: this.counter.encoding,
      examples: counts.length,
      invalidLines: this.invalidLines,
      tokens: {
        total,
        min: sorted[0] ?? 0,
        max: sorted[sorted.length - 1] ?? 0,
        mean: counts.length ? total / counts.length : 0,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        limit: limit ?? null,
        overLimit,
        perExample: this.perExample,
      },
      categories: coverage.categories,
      categoryLines: coverage.categoryLines,
      tools: coverage.tools,
      unusedTools: coverage.unusedTools,
      singleCategoryTools: coverage.singleCategoryTools,
      weightWarnings: this.weightWarnings,
      duplicates: this.duplicates.exactDuplicates(),
      nearDuplicates: this.duplicates.nearDuplicates(),
      overlap: this.overlap,
      declarationDrift: coverage.declarationDrift,
      cost,
      hints: [],
    };
    stats.hints = buildHints(stats);
    return stats;
  }
}

/** Nearest-rank percentile of sorted numbers: the value at rank ceil(p/100 * n); 0 when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The report for a file's lines. Loads the model's encoding on first use (see `tokenCounter`). */
export function computeStats(lines: Iterable<StatsLine>, options: StatsOptions = {}): DatasetStats {
  const collector = new StatsCollector(counterFor(options), options);
  for (const line of lines) collector.add(line);
  if (options.validation) {
    collector.startValidation();
    for (const line of options.validation) collector.addValidation(line);
  }
  return collector.result();
}

/** The same over a file's lines, read as they come (`fileLines`, `streamLines`), holding one line at a time. */
export async function computeStatsAsync(
  lines: Iterable<StatsLine> | AsyncIterable<StatsLine>,
  options: Omit<StatsOptions, 'validation'> & {
    validation?: Iterable<StatsLine> | AsyncIterable<StatsLine>;
    reread?: RereadLines;
    /** The validation lines once more: with `reread`, the validation lines are read twice (first to know which training lines to read again) instead of every training line keyed. */
    validationAgain?: () => Iterable<StatsLine> | AsyncIterable<StatsLine>;
  } = {},
): Promise<DatasetStats> {
  const deferKeys = options.reread !== undefined && (options.validation === undefined || options.validationAgain !== undefined);
  const collector = new StatsCollector(counterFor(options), options, deferKeys);
  await eachLine(lines, (line) => collector.add(line));
  if (deferKeys && options.validation) await eachLine(options.validation, (line) => collector.wantValidation(line));
  const again = collector.linesToReread();
  if (options.reread && again.length > 0) {
    await eachLine(options.reread(again), (line) => collector.addReread(line));
    const gone = collector.linesToReread().length;
    if (gone > 0) throw new Error(`The file changed while it was read: ${gone === 1 ? '1 line was' : `${gone} lines were`} not there the second time.`);
  }
  if (options.validation) {
    collector.startValidation();
    await eachLine(deferKeys && options.validationAgain ? options.validationAgain() : options.validation, (line) => collector.addValidation(line));
  }
  return collector.result();
}

/** Each line to `take`; a plain loop over lines that are not a stream (for await would wait a turn of the event loop's microtasks per line). */
async function eachLine(lines: Iterable<StatsLine> | AsyncIterable<StatsLine>, take: (line: StatsLine) => void): Promise<void> {
  if (Symbol.iterator in lines) for (const line of lines) take(line);
  else for await (const line of lines) take(line);
}

function counterFor(options: Pick<StatsOptions, 'model' | 'tokenCounter'>): TokenCounter {
  return options.tokenCounter ?? tokenCounter(encodingForModel(options.model || DEFAULT_MODEL));
}

export { CATEGORIES };
