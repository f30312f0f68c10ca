// Offline scoring streamed: predictions are read into a table, then the eval set is read one
// line at a time and each of its cases is scored and reduced to its record at once, so no case
// keeps its history (the prompt messages) once scored. Memory follows the predictions and the
// records, not the eval set.
import type { TextLine } from '../dataset/lines.ts';
import { lineCases, type ExtractOptions, type LineError } from './cases.ts';
import type { MetricsOptions } from './metrics.ts';
import { caseKey, PredictionTable } from './predictions.ts';
import { caseRecord, type CaseRecord } from './results.ts';
import { scoreCase } from './score.ts';

/** Lines that could not be used: the first few, and how many in all. */
export interface LineErrors {
  first: LineError[];
  count: number;
}

/** What scoring an eval set against a predictions file gives. */
export interface OfflineScores {
  records: CaseRecord[];
  /** Unusable lines of the eval set. */
  datasetErrors: LineErrors;
  /** Unusable lines of the predictions file (repeats of a case included). */
  predictionErrors: LineErrors;
}

/** How many errors of each file are kept to show. */
const KEPT_ERRORS = 10;

/** Scores every case of `dataset` against `predictions` (both as lines, e.g. streamLines of a file). */
export async function scoreOffline(
  dataset: AsyncIterable<TextLine> | Iterable<TextLine>,
  predictions: AsyncIterable<TextLine> | Iterable<TextLine>,
  options: MetricsOptions & ExtractOptions = {},
): Promise<OfflineScores> {
  const table = new PredictionTable();
  for await (const line of predictions) table.add(line.text, line.index + 1);
  const predictionErrors = { first: table.errors.slice(0, KEPT_ERRORS), count: table.errors.length };
  const datasetErrors: LineErrors = { first: [], count: 0 };
  const records: CaseRecord[] = [];
  for await (const line of dataset) {
    const read = lineCases(line.text, line.index + 1, options);
    if (read === null) continue;
    if ('error' in read) {
      if (datasetErrors.count++ < KEPT_ERRORS) datasetErrors.first.push(read.error);
      continue;
    }
    for (const c of read.cases) {
      const p = table.predictions.get(caseKey(c.line, c.turn));
      records.push(caseRecord(c, p, scoreCase(c, p, options)));
    }
  }
  return { records, datasetErrors, predictionErrors };
}
