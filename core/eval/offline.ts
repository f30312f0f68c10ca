// Offline scoring streamed: the eval set is read one line at a time and each of its cases is
// scored and added to the model's summary at once, so no case keeps its history (the prompt
// messages) once scored. Predictions in the eval set's order are read alongside it; others are
// read into a table first. What else is kept per case is the caller's choice: its whole record
// (for a results file), its passes (to compare models), or nothing (a summary is all that is
// printed). Memory then follows the predictions table only, if there is one.
import type { LineReader, TextLine } from '../dataset/lines.ts';
import { lineCases, type ExtractOptions, type LineError } from './cases.ts';
import { ToolsMemo } from './exampleLine.ts';
import type { ScoredCase } from './comparisons.ts';
import type { MetricsOptions } from './metrics.ts';
import { PredictionTable, type Prediction } from './predictions.ts';
import { PredictionsInOrder, PredictionsOutOfOrder } from './predictionsInOrder.ts';
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

/**
 * A file's lines from its start on each `open`, read one at a time (cli/fileLines.ts'
 * FileLineReader): how a predictions file is given to be read alongside the eval set.
 */
export interface LineReaderSource {
  open(): LineReader;
}

/** The predictions of the cases, looked up in the order the eval set gives its cases. */
interface PredictionLookup {
  get(line: number, turn: number): Prediction | undefined;
}

/**
 * Scores every case of `dataset` against `predictions` (both as lines, e.g. streamLines of a file).
 * Predictions given as a LineReaderSource, with the eval set as a function (which can be called
 * again), are read alongside the eval set while they follow its order (PredictionsInOrder); a file
 * out of that order is scored again from the start with the whole table, as any other source is.
 */
export async function scoreOffline(dataset: LineSource, predictions: LineSource | LineReaderSource, options: OfflineOptions = {}): Promise<OfflineScores> {
  if ('open' in predictions && typeof dataset === 'function') {
    const reader = predictions.open();
    try {
      const inOrder = new PredictionsInOrder(reader);
      const scores = await scoreCases(dataset, inOrder, options);
      inOrder.finish();
      return { ...scores, predictionErrors: keptErrors(inOrder.errors) };
    } catch (error) {
      if (!(error instanceof PredictionsOutOfOrder)) throw error;
    } finally {
      reader.close();
    }
  }
  const table = new PredictionTable();
  // Each file read by its own loop: one loop calling two callbacks was compiled for the first and
  // thrown away at the second ("wrong call target"), then compiled again.
  if ('open' in predictions) {
    const reader = predictions.open();
    try {
      while (reader.nextLine()) table.add(reader.text(), reader.index + 1);
    } finally {
      reader.close();
    }
  } else if (typeof predictions === 'function') predictions((text, index) => table.add(text, index + 1));
  else if (Symbol.asyncIterator in predictions) for await (const line of predictions) table.add(line.text, line.index + 1);
  else for (const line of predictions) table.add(line.text, line.index + 1);
  return { ...(await scoreCases(dataset, table, options)), predictionErrors: keptErrors(table.errors) };
}

function keptErrors(errors: LineError[]): LineErrors {
  return { first: errors.slice(0, KEPT_ERRORS), count: errors.length };
}

/** Scores the eval set's cases, each against its prediction in `predictions`. */
async function scoreCases(dataset: LineSource, predictions: PredictionLookup, options: OfflineOptions): Promise<Omit<OfflineScores, 'predictionErrors'>> {
  const keep = options.keep ?? 'records';
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
      const p = predictions.get(c.line, c.turn);
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
  return { caseCount: tally.total, summary: tally.summary(), records, scored, datasetErrors };
}
