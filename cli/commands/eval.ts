import { access, readFile, writeFile, rename } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { extractCases, type EvalCase } from '../../core/eval/cases.ts';
import type { MetricsOptions } from '../../core/eval/metrics.ts';
import { scoreOffline, type LineErrors, type OfflineKeep, type OfflineScores } from '../../core/eval/offline.ts';
import { DEFAULT_PRICES, isLocalBaseURL, parsePriceTable, type PriceTable } from '../../core/eval/pricing.ts';
import { COMPARISONS_KEY, jsonSummary, modelResults, stringifyResults, upsertModel, type ResultsFile, type SummarizedModels } from '../../core/eval/results.ts';
import { runModelWithCheckpoints, startResults } from '../../core/eval/resume.ts';
import { toConfidenceText, toTextTable } from '../../core/eval/resultsExport.ts';
import { CONTENT_CALL_FORMATS, type ContentCallFormat } from '../../core/eval/normalizeAnswer.ts';
import { formatProgress } from '../../core/eval/progress.ts';
import { baseURLSecrets, displayBaseURL } from '../../core/eval/endpoint.ts';
import { createOpenAI, DEFAULT_BASE_URL, redactSecrets, type OpenAI } from '../../core/openai/client.ts';
import { eachFileLine, FileLineReader } from '../fileLines.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';
import { printableField } from '../../core/text/printable.ts';
import { askModelBatch } from './evalBatch.ts';

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
  --no-autojunk         turn off difflib's autojunk heuristic (on by default, as in Python) for similarity
  --strict-enums        structural match fails a value outside the schema's enum (default: reported, not failed, as BFCL)
  --parse-content-calls hermes
                        read calls a local server leaves as <tool_call> text in the content (no tool parser);
                        arguments sent as objects and missing ids are always accepted and noted on the case`;

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
  'strict-enums': { type: 'boolean', default: false },
  'parse-content-calls': { type: 'string' },
} as const;

/** The command line, checked. */
export interface EvalArgs {
  dataset: string;
  models: string[];
  /** Offline predictions files, one model each (empty: ask the models). */
  predictions: string[];
  baseUrl?: string;
  keyEnv: string;
  concurrency: number;
  timeoutMs: number;
  batch: boolean;
  pollMs: number;
  prices?: string;
  out?: string;
  fresh: boolean;
  format: 'text' | 'json';
  metrics: MetricsOptions;
  parseContentCalls?: ContentCallFormat;
}

/** Where results go: the file as it grows, and saves that run one after another. */
export interface ResultsSink {
  file: ResultsFile;
  outPath?: string;
  save(): Promise<void>;
}

export async function evalCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseEvalArgs(argv);
  const datasetPath = path.resolve(io.cwd, args.dataset);
  // Offline predictions are scored while the eval set streams by (core/eval/offline.ts); asking
  // a model needs every case's prompt, so that path reads the whole set.
  // Each predictions file is one model, named by its stem, scored in its own pass.
  // Without --out only the summaries are printed, so cases keep no record: one file keeps
  // nothing per case, several keep each case's passes for the paired comparisons.
  const keep: OfflineKeep = args.out ? 'records' : args.predictions.length > 1 ? 'scores' : 'summary';
  const offline: { label: string; scores: OfflineScores }[] = [];
  for (const [label, file] of modelLabels(args.predictions)) offline.push({ label, scores: await scorePredictions(datasetPath, file, args, keep, io, offline.length === 0) });
  const cases = offline.length > 0 ? [] : await loadCases(datasetPath, args.dataset, io);
  const caseCount = offline.length > 0 ? offline[0]!.scores.caseCount : cases.length;
  if (caseCount === 0) return EXIT_PROBLEMS;
  const prices = await loadPrices(args, io);
  if (offline.length > 0 && keep !== 'records') {
    printResults(args, caseCount, { models: offline.map((o) => ({ model: o.label, summary: o.scores.summary, cases: o.scores.scored })) }, undefined, io);
    return EXIT_OK;
  }
  const sink = await openResults(args, datasetPath, io);
  let code = EXIT_OK;
  if (offline.length > 0) for (const o of offline) sink.file = upsertModel(sink.file, modelResults(o.label, null, o.scores.records));
  else {
    const endpoint = endpointOf(args, io);
    if (!endpoint) return EXIT_PROBLEMS;
    code = await askModels(endpoint, cases, prices, args, sink, io);
  }
  await sink.save();
  printResults(args, caseCount, sink.file, sink.outPath, io);
  return code;
}

function parseEvalArgs(argv: string[]): EvalArgs {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  if (!values.dataset) throw new UsageError('Give the eval set with --dataset FILE.');
  const models = values.model ?? [];
  const predictions = values.predictions ?? [];
  if (models.length === 0 && predictions.length === 0) throw new UsageError('Give --model M (one or more) or --predictions FILE.');
  if (models.length > 0 && predictions.length > 0) throw new UsageError('Give either --model or --predictions, not both.');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format expects text or json, not "${values.format}".`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency expects an integer from 1 to 64, not "${values.concurrency}".`);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 3600) throw new UsageError(`--timeout expects seconds from 0 to 3600, not "${values.timeout}".`);
  const pollSeconds = Number(values['poll-seconds']);
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0 || pollSeconds > 3600) throw new UsageError(`--poll-seconds expects seconds from 0 to 3600, not "${values['poll-seconds']}".`);
  if (values.batch && !values.out) throw new UsageError('--batch needs --out RESULTS.json: the batch id is kept there, so a later run collects the batch instead of creating another.');
  if (values.batch && predictions.length > 0) throw new UsageError('--batch asks models; it does not apply to --predictions.');
  const keyEnv = values['api-key-env'];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) throw new UsageError(`--api-key-env expects an environment variable name, not "${keyEnv}".`);
  const parseContentCalls = values['parse-content-calls'];
  if (parseContentCalls !== undefined && !(CONTENT_CALL_FORMATS as readonly string[]).includes(parseContentCalls)) {
    throw new UsageError(`--parse-content-calls expects ${CONTENT_CALL_FORMATS.join(' or ')}, not "${parseContentCalls}".`);
  }
  return {
    dataset: values.dataset,
    models,
    predictions,
    baseUrl: values['base-url'],
    keyEnv,
    concurrency,
    timeoutMs: timeoutSeconds * 1000,
    batch: values.batch,
    pollMs: pollSeconds * 1000,
    prices: values.prices,
    out: values.out,
    fresh: values.fresh,
    format: values.format,
    metrics: { autojunk: !values['no-autojunk'], ...(values['strict-enums'] ? { strictEnums: true } : {}) },
    ...(parseContentCalls ? { parseContentCalls: parseContentCalls as ContentCallFormat } : {}),
  };
}

/** The cases of the eval set; skipped lines are said on stderr, and so is an empty set. */
async function loadCases(datasetPath: string, shown: string, io: CliIO): Promise<EvalCase[]> {
  const { cases, errors } = extractCases(await readText(datasetPath, shown));
  for (const e of errors.slice(0, 10)) io.stderr(`${shown}:${e.line}: skipped: ${e.message}\n`);
  if (errors.length > 10) io.stderr(`${shown}: ${errors.length - 10} more lines skipped.\n`);
  if (cases.length === 0) io.stderr(`${shown}: no cases (no assistant turns with tool calls, or declared tools).\n`);
  return cases;
}

async function loadPrices(args: EvalArgs, io: CliIO): Promise<PriceTable> {
  if (!args.prices) return DEFAULT_PRICES;
  try {
    return { ...DEFAULT_PRICES, ...parsePriceTable(JSON.parse(await readText(path.resolve(io.cwd, args.prices), args.prices))) };
  } catch (error) {
    throw new UsageError(`${args.prices}: ${(error as Error).message}`);
  }
}

/** A new results file, or the one at --out to resume (unless --fresh). */
async function openResults(args: EvalArgs, datasetPath: string, io: CliIO): Promise<ResultsSink> {
  const outPath = args.out ? path.resolve(io.cwd, args.out) : undefined;
  const datasetRef = outPath ? path.relative(path.dirname(outPath), datasetPath).split(path.sep).join('/') : args.dataset;
  const config = { temperature: 0, concurrency: args.concurrency, autojunk: args.metrics.autojunk, ...(args.predictions.length > 0 ? { predictions: args.predictions.length === 1 ? args.predictions[0]! : args.predictions } : { apiKeyEnv: args.keyEnv }) };
  const old = outPath && !args.fresh ? await readFile(outPath, 'utf8').catch(() => undefined) : undefined;
  let file: ResultsFile;
  try {
    file = startResults(datasetRef, config, old);
  } catch (error) {
    throw new UsageError(`${args.out} exists but is not a results file (${(error as Error).message}); pass --fresh to overwrite it.`);
  }
  // Saves run one after another; each writes then renames, so an interrupted write never
  // leaves half a file to resume from.
  let saving: Promise<void> = Promise.resolve();
  const sink: ResultsSink = {
    file,
    outPath,
    save: () => {
      if (!outPath) return saving;
      saving = saving.then(async () => {
        await writeFile(`${outPath}.tmp`, stringifyResults(sink.file));
        await rename(`${outPath}.tmp`, outPath);
      });
      return saving;
    },
  };
  return sink;
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

/** Offline predictions scored as one "model" named after the file; skipped lines (and an empty set) said on stderr. */
async function scorePredictions(datasetPath: string, predictionsFile: string, args: EvalArgs, keep: OfflineKeep, io: CliIO, first = true): Promise<OfflineScores> {
  const predictionsPath = path.resolve(io.cwd, predictionsFile);
  await assertReadable(datasetPath, args.dataset);
  await assertReadable(predictionsPath, predictionsFile);
  const scores = await scoreOffline((onLine) => eachFileLine(datasetPath, onLine), { open: () => new FileLineReader(predictionsPath) }, { ...args.metrics, keep });
  // The eval set's skipped lines are said once, with the first predictions file.
  if (first) reportSkipped(io, args.dataset, scores.datasetErrors, 'skipped: ');
  reportSkipped(io, predictionsFile, scores.predictionErrors, '');
  if (first && scores.caseCount === 0) io.stderr(`${args.dataset}: no cases (no assistant turns with tool calls, or declared tools).\n`);
  return scores;
}

/** Says which lines of a file were not used: the first few, then how many more. */
function reportSkipped(io: CliIO, file: string, errors: LineErrors, prefix: string): void {
  for (const e of errors.first) io.stderr(`${file}:${e.line}: ${prefix}${e.message}\n`);
  if (errors.count > errors.first.length) io.stderr(`${file}: ${errors.count - errors.first.length} more lines skipped.\n`);
}

async function assertReadable(absolute: string, shown: string): Promise<void> {
  await access(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${shown} (${error.code ?? error.message}).`);
  });
}

/** Where requests go: the client, the base URL as results and messages show it, and the secrets to keep out of text. */
export interface Endpoint {
  openai: OpenAI;
  /** The base URL without user, password or query values. */
  baseURL: string;
  secrets: string[];
}

/** The endpoint and its key; undefined (said on stderr) without a key. */
function endpointOf(args: EvalArgs, io: CliIO): Endpoint | undefined {
  const baseURL = args.baseUrl || io.env['OPENAI_BASE_URL'] || DEFAULT_BASE_URL;
  let apiKey = io.env[args.keyEnv] ?? '';
  // Local servers (Ollama, llama.cpp) take any key; the SDK needs a non-empty one.
  if (!apiKey && isLocalBaseURL(baseURL)) apiKey = 'local';
  if (!apiKey) {
    io.stderr(`toolcall eval: no API key: set the ${args.keyEnv} environment variable.\n`);
    return undefined;
  }
  const secrets = [apiKey, ...baseURLSecrets(baseURL)];
  let openai: OpenAI;
  try {
    openai = createOpenAI({ apiKey, baseURL, maxRetries: 0, timeout: args.timeoutMs, logLevel: 'warn', log: (level, t) => io.stderr(`[openai ${level}] ${t}\n`) });
  } catch (error) {
    throw new UsageError(redactSecrets((error as Error).message, secrets));
  }
  return { openai, baseURL: displayBaseURL(baseURL), secrets };
}

/** Asks every model every case (Ctrl-C stops and keeps what is done); EXIT_PROBLEMS when a model failed or stopped. */
async function askModels(endpoint: Endpoint, cases: EvalCase[], prices: PriceTable, args: EvalArgs, sink: ResultsSink, io: CliIO): Promise<number> {
  // SIGTERM (a CI job cancelled, a container stopped) like Ctrl+C: results so far are written and resumable.
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let code = EXIT_OK;
  try {
    for (const model of args.models) {
      const run = { ...endpoint, cases, prices, args, sink, signal: controller.signal };
      const outcome = args.batch ? await askModelBatch(model, run, io) : await askModel(model, run, io);
      if (outcome !== 'done') code = EXIT_PROBLEMS;
      if (outcome === 'cancelled') break;
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  return code;
}

/** One model's run: the endpoint, the cases and where results go. */
export interface ModelRun extends Endpoint {
  cases: EvalCase[];
  prices: PriceTable;
  args: EvalArgs;
  sink: ResultsSink;
  signal: AbortSignal;
}

/** One model over the cases, resuming its earlier records and checkpointing; says on stderr what went wrong. */
async function askModel(model: string, run: ModelRun, io: CliIO): Promise<'done' | 'failed' | 'cancelled'> {
  const { baseURL, secrets, sink } = run;
  let lastReport = '';
  const { run: result, file } = await runModelWithCheckpoints(
    sink.file,
    {
      openai: run.openai,
      model,
      baseURL,
      cases: run.cases,
      concurrency: run.args.concurrency,
      prices: run.prices,
      metrics: run.args.metrics,
      ...(run.args.parseContentCalls ? { parseContentCalls: run.args.parseContentCalls } : {}),
      signal: run.signal,
      secrets,
      onProgress: (p) => {
        lastReport = formatProgress(p);
      },
    },
    (partial) => {
      sink.file = partial;
      void sink.save();
    },
  );
  sink.file = file;
  await sink.save();
  const summary = result.results.summary;
  const normalized = result.results.cases.filter((c) => c.normalized !== undefined).length;
  if (normalized > 0) io.stderr(`${model}: ${normalized} of ${summary.total} answers were read from a non-standard shape (see "normalized" on the cases${sink.outPath ? '' : '; pass --out to keep them'}).\n`);
  if (result.fatal) {
    io.stderr(`${model}: ${redactSecrets(result.fatal, secrets)}\n`);
    return 'failed';
  }
  if (result.cancelled) {
    io.stderr(`${model}: interrupted at ${lastReport}${sink.outPath ? `; run the same command again to resume` : ''}.\n`);
    return 'cancelled';
  }
  if (summary.errors > 0) {
    const first = result.results.cases.find((c) => c.error !== undefined);
    io.stderr(`${model}: ${summary.errors} of ${summary.total} requests failed (first: line ${first?.line}: ${first?.error})${sink.outPath ? '; run again to retry them' : ''}.\n`);
    return 'failed';
  }
  return 'done';
}

function printResults(args: EvalArgs, caseCount: number, shown: SummarizedModels, outPath: string | undefined, io: CliIO): void {
  if (args.format === 'json') io.stdout(JSON.stringify(jsonSummary(shown), null, 2) + '\n');
  else {
    io.stdout(`${printableField(args.dataset)}: ${caseCount} cases\n\n`);
    io.stdout(toTextTable(shown));
    io.stdout('\n' + toConfidenceText(shown));
    if (outPath) io.stdout(`\nResults: ${path.relative(io.cwd, outPath) || outPath}\n`);
  }
}

export async function readText(absolute: string, shown: string): Promise<string> {
  return readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${shown} (${error.code ?? error.message}).`);
  });
}
