// What the CLI's `toolcall eval` and the editor's Run Evaluation share around a run: starting
// or resuming a results file, and running a model on top of it with checkpoints, so a killed
// run resumes from about where it stopped.
import { caseKey } from './predictions.ts';
import { modelResults, parseResults, upsertModel, type CaseRecord, type ResultsConfig, type ResultsFile } from './results.ts';
import { runModel, type RunModelOptions, type RunModelResult } from './runner.ts';

/**
 * A results file for this run: `previousText` resumed (its models kept; this run's config and
 * dataset) or, without one, a new file. Throws when `previousText` is not a results file.
 */
export function startResults(dataset: string, config: ResultsConfig, previousText?: string, now = new Date()): ResultsFile {
  const fresh: ResultsFile = { version: 1, dataset, createdAt: now.toISOString(), config, models: [] };
  return previousText === undefined ? fresh : { ...parseResults(previousText), config, dataset };
}

/**
 * Runs `options.model` on top of `file`: the model's earlier records (same model and base URL)
 * are resumed, and at most every `everyMs` the file with the partial results goes to
 * `checkpoint`. Returns the run and the file with the model's final results.
 */
export async function runModelWithCheckpoints(
  file: ResultsFile,
  options: Omit<RunModelOptions, 'previous' | 'onCase'>,
  checkpoint: (file: ResultsFile) => void,
  everyMs = 2000,
): Promise<{ run: RunModelResult; file: ResultsFile }> {
  const previous = file.models.find((m) => m.model === options.model && m.baseURL === options.baseURL)?.cases;
  const partial = new Map<string, CaseRecord>((previous ?? []).map((r) => [caseKey(r.line, r.turn), r]));
  let current = file;
  let lastSave = Date.now();
  const run = await runModel({
    ...options,
    previous,
    onCase: (record) => {
      partial.set(caseKey(record.line, record.turn), record);
      if (Date.now() - lastSave < everyMs) return;
      lastSave = Date.now();
      current = upsertModel(current, modelResults(options.model, options.baseURL, [...partial.values()]));
      checkpoint(current);
    },
  });
  return { run, file: upsertModel(current, run.results) };
}
