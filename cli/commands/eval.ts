import { readFile, writeFile, rename } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { extractCases, type EvalCase } from '../../core/eval/cases.ts';
import { parsePredictions, scoreCase } from '../../core/eval/score.ts';
import { caseKey } from '../../core/eval/predictions.ts';
import { DEFAULT_PRICES, isLocalBaseURL, parsePriceTable, type PriceTable } from '../../core/eval/pricing.ts';
import { caseRecord, COMPARISONS_KEY, jsonSummary, type CaseRecord, modelResults, parseResults, stringifyResults, upsertModel, type ResultsFile } from '../../core/eval/results.ts';
import { toConfidenceText, toTextTable } from '../../core/eval/resultsExport.ts';
import { runModel } from '../../core/eval/runner.ts';
import { runBatch, type RunBatchResult } from '../../core/eval/batch.ts';
import { formatProgress } from '../../core/eval/progress.ts';
import { createOpenAI, DEFAULT_BASE_URL, redactSecrets } from '../../core/openai/client.ts';
import { baseURLSecrets, displayBaseURL } from '../../core/eval/endpoint.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';

export const usage = `Usage: toolcall eval --dataset FILE (--model M [--model M2 ...] | --predictions FILE) [options]

Scores tool calls on an eval set: asks each model every case (or reads offline predictions) and prints a comparison table.

  --dataset FILE        the eval set (JSONL in the training format)
  --model M             a model to ask (repeatable), e.g. gpt-4o-mini or ft:gpt-4o-mini-2024-07-18:org::id
  --base-url URL        OpenAI-compatible endpoint (default OPENAI_BASE_URL or ${DEFAULT_BASE_URL})
  --api-key-env NAME    environment variable holding the key (default OPENAI_API_KEY); never printed
  --concurrency N       requests in flight per model (default 4)
  --timeout SECONDS     give up on a request after this long (default 60); it is retried, then recorded as an error
  --prices FILE         JSON price table {model: {input, output, fineTunedInput?, fineTunedOutput?}} in USD per 1M tokens
  --predictions FILE    score offline predictions instead: JSONL lines {"line", "turn", "tool_calls"?, "content"?};
                        repeatable: each file is one model, named by its file stem, compared pairwise
  --out RESULTS.json    write the results file (*.toolcall-eval.json); an existing one is resumed
  --fresh               with --out: start over instead of resuming
  --batch               run through the Batch API (one batch per model, 24h window, half the price); needs --out,
                        which keeps the batch id so the next run collects that batch instead of creating another
  --poll-seconds N      first wait between batch status checks, doubled up to 60 (default 5)
  --format text|json    text: the table, 95% intervals, paired comparisons; json: {"MODEL": {"total", "exact_match", ...,
                        "ci": {...}}, "comparisons": [{"a", "b", "metric", "a_only", "b_only", "p_value", ...}]} (default text)
  --no-autojunk         turn off difflib's autojunk heuristic (on by default, as in Python) for similarity`;

const OPTIONS = {
  dataset: { type: 'string' },
  model: { type: 'string', multiple: true },
  'base-url': { type: 'string' },
  'api-key-env': { type: 'string', default: 'OPENAI_API_KEY' },
  concurrency: { type: 'string', default: '4' },
  timeout: { type: 'string', default: '60' },
  prices: { type: 'string' },
  predictions: { type: 'string', multiple: true },
  out: { type: 'string' },
  fresh: { type: 'boolean', default: false },
  batch: { type: 'boolean', default: false },
  'poll-seconds': { type: 'string', default: '5' },
  format: { type: 'string', default: 'text' },
  'no-autojunk': { type: 'boolean', default: false },
} as const;

export async function evalCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  if (!values.dataset) throw new UsageError('Give the eval set with --dataset FILE.');
  const models = values.model ?? [];
  const predictionFiles = values.predictions ?? [];
  if (models.length === 0 && predictionFiles.length === 0) throw new UsageError('Give --model M (one or more) or --predictions FILE.');
  if (models.length > 0 && predictionFiles.length > 0) throw new UsageError('Give either --model or --predictions, not both.');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format expects text or json, not "${values.format}".`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency expects an integer from 1 to 64, not "${values.concurrency}".`);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 3600) throw new UsageError(`--timeout expects seconds from 0 to 3600, not "${values.timeout}".`);
  const pollSeconds = Number(values['poll-seconds']);
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0 || pollSeconds > 3600) throw new UsageError(`--poll-seconds expects seconds from 0 to 3600, not "${values['poll-seconds']}".`);
  if (values.batch && !values.out) throw new UsageError('--batch needs --out RESULTS.json: the batch id is kept there, so a later run collects the batch instead of creating another.');
  if (values.batch && predictionFiles.length > 0) throw new UsageError('--batch asks models; it does not apply to --predictions.');
  const keyEnv = values['api-key-env'];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) throw new UsageError(`--api-key-env expects an environment variable name, not "${keyEnv}".`);
  const metrics = { autojunk: !values['no-autojunk'] };

  const datasetPath = path.resolve(io.cwd, values.dataset);
  const text = await readText(datasetPath, values.dataset);
  const { cases, errors } = extractCases(text);
  for (const e of errors.slice(0, 10)) io.stderr(`${values.dataset}:${e.line}: skipped: ${e.message}\n`);
  if (errors.length > 10) io.stderr(`${values.dataset}: ${errors.length - 10} more lines skipped.\n`);
  if (cases.length === 0) {
    io.stderr(`${values.dataset}: no cases (no assistant turns with tool calls, or declared tools).\n`);
    return EXIT_PROBLEMS;
  }
  let prices: PriceTable = DEFAULT_PRICES;
  if (values.prices) {
    try {
      prices = { ...DEFAULT_PRICES, ...parsePriceTable(JSON.parse(await readText(path.resolve(io.cwd, values.prices), values.prices))) };
    } catch (error) {
      throw new UsageError(`${values.prices}: ${(error as Error).message}`);
    }
  }

  const outPath = values.out ? path.resolve(io.cwd, values.out) : undefined;
  const datasetRef = outPath ? path.relative(path.dirname(outPath), datasetPath).split(path.sep).join('/') : values.dataset;
  let file: ResultsFile = {
    version: 1,
    dataset: datasetRef,
    createdAt: new Date().toISOString(),
    config: { temperature: 0, concurrency, autojunk: metrics.autojunk, ...(predictionFiles.length > 0 ? { predictions: predictionFiles.length === 1 ? predictionFiles[0] : predictionFiles } : { apiKeyEnv: keyEnv }) },
    models: [],
  };
  if (outPath && !values.fresh) {
    const old = await readFile(outPath, 'utf8').catch(() => undefined);
    if (old !== undefined) {
      try {
        file = { ...parseResults(old), config: file.config, dataset: datasetRef };
      } catch (error) {
        throw new UsageError(`${values.out} exists but is not a results file (${(error as Error).message}); pass --fresh to overwrite it.`);
      }
    }
  }
  // Saves run one after another; each writes then renames, so an interrupted write never
  // leaves half a file to resume from.
  let saving: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    if (!outPath) return saving;
    saving = saving.then(async () => {
      await writeFile(`${outPath}.tmp`, stringifyResults(file));
      await rename(`${outPath}.tmp`, outPath);
    });
    return saving;
  };

  let code = EXIT_OK;
  if (predictionFiles.length > 0) {
    for (const [label, shown] of modelLabels(predictionFiles)) {
      const { predictions, errors: bad } = parsePredictions(await readText(path.resolve(io.cwd, shown), shown));
      for (const e of bad.slice(0, 10)) io.stderr(`${shown}:${e.line}: ${e.message}\n`);
      const records = cases.map((c: EvalCase) => {
        const p = predictions.get(caseKey(c.line, c.turn));
        return caseRecord(c, p, scoreCase(c, p, metrics));
      });
      file = upsertModel(file, modelResults(label, null, records));
    }
  } else {
    const baseURL = values['base-url'] || io.env['OPENAI_BASE_URL'] || DEFAULT_BASE_URL;
    // What results and messages may show: no user:pass@, no query values.
    const shownURL = displayBaseURL(baseURL);
    let apiKey = io.env[keyEnv] ?? '';
    // Local servers (Ollama, llama.cpp) take any key; the SDK needs a non-empty one.
    if (!apiKey && isLocalBaseURL(baseURL)) apiKey = 'local';
    if (!apiKey) {
      io.stderr(`toolcall eval: no API key: set the ${keyEnv} environment variable.\n`);
      return EXIT_PROBLEMS;
    }
    const secrets = [apiKey, ...baseURLSecrets(baseURL)];
    let openai;
    try {
      openai = createOpenAI({ apiKey, baseURL, maxRetries: 0, timeout: timeoutSeconds * 1000, logLevel: 'warn', log: (level, t) => io.stderr(`[openai ${level}] ${t}\n`) });
    } catch (error) {
      throw new UsageError(redactSecrets((error as Error).message, secrets));
    }
    // SIGTERM (a CI job cancelled, a container stopped) like Ctrl+C: results so far are written and resumable.
    const controller = new AbortController();
    const onSignal = () => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      for (const model of models) {
        const earlier = file.models.find((m) => m.model === model && m.baseURL === shownURL);
        const previous = earlier?.cases;
        if (values.batch) {
          const run = await runBatch({
            openai, model, baseURL: shownURL, cases, previous, batch: earlier?.batch, prices, metrics, secrets,
            signal: controller.signal,
            firstPollMs: pollSeconds * 1000,
            // Stored the moment it exists: a killed run leaves the id for the next one.
            onBatch: async (batch) => {
              const entry = file.models.find((m) => m.model === model && m.baseURL === shownURL) ?? modelResults(model, shownURL, [...(previous ?? [])]);
              file = upsertModel(file, { ...entry, batch });
              io.stderr(`${model}: batch ${batch.id} ${batch.status}\n`);
              await save();
            },
          });
          file = upsertModel(file, run.batch ? { ...run.results, batch: run.batch } : run.results);
          await save();
          code = Math.max(code, reportBatch(io, model, run, secrets));
          if (run.cancelled) break;
          continue;
        }
        let lastSave = Date.now();
        let lastReport = '';
        const partial = new Map<string, CaseRecord>((previous ?? []).map((r) => [caseKey(r.line, r.turn), r]));
        const run = await runModel({
          openai,
          model,
          baseURL: shownURL,
          cases,
          previous,
          concurrency,
          prices,
          metrics,
          signal: controller.signal,
          secrets,
          // Checkpoints every 2 s, so a killed run resumes from about where it stopped.
          onCase: (record) => {
            partial.set(caseKey(record.line, record.turn), record);
            if (Date.now() - lastSave < 2000) return;
            lastSave = Date.now();
            file = upsertModel(file, modelResults(model, shownURL, [...partial.values()]));
            void save();
          },
          onProgress: (p) => {
            lastReport = formatProgress(p);
          },
        });
        file = upsertModel(file, run.results);
        await save();
        const summary = run.results.summary;
        if (run.fatal) {
          io.stderr(`${model}: ${redactSecrets(run.fatal, secrets)}\n`);
          code = EXIT_PROBLEMS;
        } else if (run.cancelled) {
          io.stderr(`${model}: interrupted at ${lastReport}${outPath ? `; run the same command again to resume` : ''}.\n`);
          code = EXIT_PROBLEMS;
          break;
        } else if (summary.errors > 0) {
          const first = run.results.cases.find((c) => c.error !== undefined);
          io.stderr(`${model}: ${summary.errors} of ${summary.total} requests failed (first: line ${first?.line}: ${first?.error})${outPath ? '; run again to retry them' : ''}.\n`);
          code = EXIT_PROBLEMS;
        }
      }
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  }
  await save();

  if (values.format === 'json') io.stdout(JSON.stringify(jsonSummary(file), null, 2) + '\n');
  else {
    io.stdout(`${values.dataset}: ${cases.length} cases\n\n`);
    io.stdout(toTextTable(file));
    io.stdout('\n' + toConfidenceText(file));
    if (outPath) io.stdout(`\nResults: ${path.relative(io.cwd, outPath) || outPath}\n`);
  }
  return code;
}

/** One line on stderr for a batch run that did not simply succeed; the exit status it calls for. */
function reportBatch(io: CliIO, model: string, run: RunBatchResult, secrets: readonly string[]): number {
  const summary = run.results.summary;
  if (run.fatal) io.stderr(`${model}: ${redactSecrets(run.fatal, secrets)}\n`);
  else if (run.cancelled) io.stderr(`${model}: interrupted${run.batch ? `; batch ${run.batch.id} goes on, run the same command again to collect it` : ''}.\n`);
  else if (summary.errors > 0) {
    const first = run.results.cases.find((c) => c.error !== undefined);
    io.stderr(`${model}: ${summary.errors} of ${summary.total} cases errored (first: line ${first?.line}: ${first?.error}); run again to ask them in a new batch.\n`);
  } else return EXIT_OK;
  return EXIT_PROBLEMS;
}

/** Each predictions file with its model name (the file stem); two files with one stem are refused. */
function modelLabels(files: readonly string[]): [string, string][] {
  const seen = new Map<string, string>();
  for (const f of files) {
    const label = path.basename(f).replace(/\.jsonl?$/i, '');
    if (label === COMPARISONS_KEY) throw new UsageError(`${f}: a predictions file cannot be named "${COMPARISONS_KEY}" (the JSON output uses that key for the comparisons).`);
    const other = seen.get(label);
    if (other !== undefined) throw new UsageError(`${other} and ${f} would both be the model "${label}"; rename one of them.`);
    seen.set(label, f);
  }
  return [...seen];
}

async function readText(absolute: string, shown: string): Promise<string> {
  return readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${shown} (${error.code ?? error.message}).`);
  });
}
