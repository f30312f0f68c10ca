// Offline scoring streamed: predictions are read into a table, then the eval set is read one
// line at a time and each of its cases is scored and added to the model's summary at once, so
// no case keeps its history (the prompt messages) once scored. What else is kept per case is
// the caller's choice: its whole record (for a results file), its passes (to compare models),
// or nothing (a summary is all that is printed). Memory then follows the predictions only.
import type { TextLine } from '../dataset/lines.ts';
import { lineCases, type ExtractOptions, type LineError } from './cases.ts';
import { ToolsMemo } from './exampleLine.ts';
import type { ScoredCase } from './comparisons.ts';
import type { MetricsOptions } from './metrics.ts';
import { PredictionTable } from './predictions.ts';
import { caseRecord, type CaseRecord } from './results.ts';
import { casePasses, scoreCase } from './score.ts';
import { ModelTally, type ModelSummary } from './summaryTally.ts';

/** Lines that could not be used: the first few, and how many in all. */
export interface LineErrors {
  first: LineError[];
  count: number;
}

/**
 * What is kept of each case: `records` (what a results file holds), `scores` (line, turn and
 * passes: enough for paired comparisons) or `summary` (nothing per case).
 */
export type OfflineKeep = 'records' | 'scores' | 'summary';

/** What scoring an eval set against a predictions file gives. */
export interface OfflineScores {
  /** The cases scored. */
  caseCount: number;
  /** The model's summary over every case. */
  summary: ModelSummary;
  /** Every case's record, in file order, when `keep` is `records` (else empty). */
  records: CaseRecord[];
  /** Every case's passes, in file order, unless `keep` is `summary` (then empty). */
  scored: ScoredCase[];
  /** Unusable lines of the eval set. */
  datasetErrors: LineErrors;
  /** Unusable lines of the predictions file (repeats of a case included). */
  predictionErrors: LineErrors;
}

/** Options of offline scoring. */
export interface OfflineOptions extends MetricsOptions, ExtractOptions {
  /** What is kept of each case (default `records`). */
  keep?: OfflineKeep;
}

/**
 * The lines of a file: iterated, or handed one by one to a callback (text without its line break,
 * 0-based index) by a function that returns once every line has been handed over (cli/fileLines.ts
 * eachFileLine: no generator or object per line).
 */
export type LineSource = AsyncIterable<TextLine> | Iterable<TextLine> | ((onLine: (text: string, index: number) => void) => void);

/** How many errors of each file are kept to show. */
const KEPT_ERRORS = 10;

/** Scores every case of `dataset` against `predictions` (both as lines, e.g. streamLines of a file). */
export async function scoreOffline(dataset: LineSource, predictions: LineSource, options: OfflineOptions = {}): Promise<OfflineScores> {
  const keep = options.keep ?? 'records';
  const table = new PredictionTable();
  // Each file read by its own loop: one loop calling two callbacks was compiled for the first and
  // thrown away at the second ("wrong call target"), then compiled again.
  if (typeof predictions === 'function') predictions((text, index) => table.add(text, index + 1));
  else if (Symbol.asyncIterator in predictions) for await (const line of predictions) table.add(line.text, line.index + 1);
  else for (const line of predictions) table.add(line.text, line.index + 1);
  const predictionErrors = { first: table.errors.slice(0, KEPT_ERRORS), count: table.errors.length };
  const datasetErrors: LineErrors = { first: [], count: 0 };
  const tally = new ModelTally();
  const records: CaseRecord[] = [];
  const scored: ScoredCase[] = [];
  const tools = new ToolsMemo();
  const scoreLine = (text: string, index: number): void => {
    const read = lineCases(text, index + 1, options, tools);
    if (read === null) return;
    if ('error' in read) {
      if (datasetErrors.count++ < KEPT_ERRORS) datasetErrors.first.push(read.error);
      return;
    }
    for (const c of read.cases) {
      const p = table.get(c.line, c.turn);
      if (keep === 'records') {
        const record = caseRecord(c, p, scoreCase(c, p, options));
        records.push(record);
        scored.push(record);
        tally.add(record);
        continue;
      }
      const passes = casePasses(c, p, options);
      tally.addOffline(c.category, c.expected, passes, p !== undefined);
      if (keep === 'scores') scored.push({ line: c.line, turn: c.turn, scores: passes });
    }
  };
  if (typeof dataset === 'function') dataset(scoreLine);
  else if (Symbol.asyncIterator in dataset) for await (const line of dataset) scoreLine(line.text, line.index);
  else for (const line of dataset) scoreLine(line.text, line.index);
  return { caseCount: tally.total, summary: tally.summary(), records, scored, datasetErrors, predictionErrors };
}
