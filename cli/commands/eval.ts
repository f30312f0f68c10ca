import { readFile, writeFile, rename } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { extractCases, type EvalCase } from '../../core/eval/cases.ts';
import type { MetricsOptions } from '../../core/eval/metrics.ts';
import { parsePredictions, scoreCase } from '../../core/eval/score.ts';
import { caseKey } from '../../core/eval/predictions.ts';
import { DEFAULT_PRICES, isLocalBaseURL, parsePriceTable, type PriceTable } from '../../core/eval/pricing.ts';
import { caseRecord, jsonSummary, modelResults, stringifyResults, upsertModel, type ResultsFile } from '../../core/eval/results.ts';
import { runModelWithCheckpoints, startResults } from '../../core/eval/resume.ts';
import { toTextTable } from '../../core/eval/resultsExport.ts';
import { formatProgress } from '../../core/eval/progress.ts';
import { createOpenAI, DEFAULT_BASE_URL, redactSecrets, type OpenAI } from '../../core/openai/client.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';

export const usage = `Usage: toolcall eval --dataset FILE (--model M [--model M2 ...] | --predictions FILE) [options]

Scores tool calls on an eval set: asks each model every case (or reads offline predictions) and prints a comparison table.

  --dataset FILE        the eval set (JSONL in the training format)
  --model M             a model to ask (repeatable), e.g. gpt-4o-mini or ft:gpt-4o-mini-2024-07-18:org::id
  --base-url URL        OpenAI-compatible endpoint (default OPENAI_BASE_URL or ${DEFAULT_BASE_URL})
  --api-key-env NAME    environment variable holding the key (default OPENAI_API_KEY); never printed
  --concurrency N       requests in flight per model (default 4)
  --prices FILE         JSON price table {model: {input, output, fineTunedInput?, fineTunedOutput?}} in USD per 1M tokens
  --predictions FILE    score offline predictions instead: JSONL lines {"line", "turn", "tool_calls"?, "content"?}
  --out RESULTS.json    write the results file (*.toolcall-eval.json); an existing one is resumed
  --fresh               with --out: start over instead of resuming
  --format text|json    text: the comparison table; json: {"MODEL": {"total", "exact_match", ...}} (default text)
  --no-autojunk         turn off difflib's autojunk heuristic (on by default, as in Python) for similarity
  --strict-enums        structural match fails a value outside the schema's enum (default: reported, not failed, as BFCL)`;

const OPTIONS = {
  dataset: { type: 'string' },
  model: { type: 'string', multiple: true },
  'base-url': { type: 'string' },
  'api-key-env': { type: 'string', default: 'OPENAI_API_KEY' },
  concurrency: { type: 'string', default: '4' },
  prices: { type: 'string' },
  predictions: { type: 'string' },
  out: { type: 'string' },
  fresh: { type: 'boolean', default: false },
  format: { type: 'string', default: 'text' },
  'no-autojunk': { type: 'boolean', default: false },
  'strict-enums': { type: 'boolean', default: false },
} as const;

/** The command line, checked. */
interface EvalArgs {
  dataset: string;
  models: string[];
  predictions?: string;
  baseUrl?: string;
  keyEnv: string;
  concurrency: number;
  prices?: string;
  out?: string;
  fresh: boolean;
  format: 'text' | 'json';
  metrics: MetricsOptions;
}

/** Where results go: the file as it grows, and saves that run one after another. */
interface ResultsSink {
  file: ResultsFile;
  outPath?: string;
  save(): Promise<void>;
}

export async function evalCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseEvalArgs(argv);
  const datasetPath = path.resolve(io.cwd, args.dataset);
  const cases = await loadCases(datasetPath, args.dataset, io);
  if (cases.length === 0) return EXIT_PROBLEMS;
  const prices = await loadPrices(args, io);
  const sink = await openResults(args, datasetPath, io);
  let code = EXIT_OK;
  if (args.predictions) await scorePredictions(args.predictions, cases, args, sink, io);
  else {
    const endpoint = endpointOf(args, io);
    if (!endpoint) return EXIT_PROBLEMS;
    code = await askModels(endpoint, cases, prices, args, sink, io);
  }
  await sink.save();
  printResults(args, cases.length, sink, io);
  return code;
}

function parseEvalArgs(argv: string[]): EvalArgs {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  if (!values.dataset) throw new UsageError('Give the eval set with --dataset FILE.');
  const models = values.model ?? [];
  if (models.length === 0 && !values.predictions) throw new UsageError('Give --model M (one or more) or --predictions FILE.');
  if (models.length > 0 && values.predictions) throw new UsageError('Give either --model or --predictions, not both.');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format expects text or json, not "${values.format}".`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError(`--concurrency expects an integer from 1 to 64, not "${values.concurrency}".`);
  const keyEnv = values['api-key-env'];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyEnv)) throw new UsageError(`--api-key-env expects an environment variable name, not "${keyEnv}".`);
  return {
    dataset: values.dataset,
    models,
    predictions: values.predictions,
    baseUrl: values['base-url'],
    keyEnv,
    concurrency,
    prices: values.prices,
    out: values.out,
    fresh: values.fresh,
    format: values.format,
    metrics: { autojunk: !values['no-autojunk'], ...(values['strict-enums'] ? { strictEnums: true } : {}) },
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
  const config = { temperature: 0, concurrency: args.concurrency, autojunk: args.metrics.autojunk, ...(args.predictions ? { predictions: args.predictions } : { apiKeyEnv: args.keyEnv }) };
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

/** Offline predictions scored as one "model" named after the file. */
async function scorePredictions(predictionsFile: string, cases: EvalCase[], args: EvalArgs, sink: ResultsSink, io: CliIO): Promise<void> {
  const { predictions, errors: bad } = parsePredictions(await readText(path.resolve(io.cwd, predictionsFile), predictionsFile));
  for (const e of bad.slice(0, 10)) io.stderr(`${predictionsFile}:${e.line}: ${e.message}\n`);
  const records = cases.map((c: EvalCase) => {
    const p = predictions.get(caseKey(c.line, c.turn));
    return caseRecord(c, p, scoreCase(c, p, args.metrics));
  });
  const label = path.basename(predictionsFile).replace(/\.jsonl?$/i, '');
  sink.file = upsertModel(sink.file, modelResults(label, null, records));
}

/** The endpoint and its key; undefined (said on stderr) without a key. */
function endpointOf(args: EvalArgs, io: CliIO): { openai: OpenAI; baseURL: string; apiKey: string } | undefined {
  const baseURL = args.baseUrl || io.env['OPENAI_BASE_URL'] || DEFAULT_BASE_URL;
  let apiKey = io.env[args.keyEnv] ?? '';
  // Local servers (Ollama, llama.cpp) take any key; the SDK needs a non-empty one.
  if (!apiKey && isLocalBaseURL(baseURL)) apiKey = 'local';
  if (!apiKey) {
    io.stderr(`toolcall eval: no API key: set the ${args.keyEnv} environment variable.\n`);
    return undefined;
  }
  const openai = createOpenAI({ apiKey, baseURL, maxRetries: 0, logLevel: 'warn', log: (level, t) => io.stderr(`[openai ${level}] ${t}\n`) });
  return { openai, baseURL, apiKey };
}

/** Asks every model every case (Ctrl-C stops and keeps what is done); EXIT_PROBLEMS when a model failed or stopped. */
async function askModels(endpoint: { openai: OpenAI; baseURL: string; apiKey: string }, cases: EvalCase[], prices: PriceTable, args: EvalArgs, sink: ResultsSink, io: CliIO): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  let code = EXIT_OK;
  try {
    for (const model of args.models) {
      const outcome = await askModel(model, { ...endpoint, cases, prices, args, sink, signal: controller.signal }, io);
      if (outcome !== 'done') code = EXIT_PROBLEMS;
      if (outcome === 'cancelled') break;
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  return code;
}

interface ModelRun {
  openai: OpenAI;
  baseURL: string;
  apiKey: string;
  cases: EvalCase[];
  prices: PriceTable;
  args: EvalArgs;
  sink: ResultsSink;
  signal: AbortSignal;
}

/** One model over the cases, resuming its earlier records and checkpointing; says on stderr what went wrong. */
async function askModel(model: string, run: ModelRun, io: CliIO): Promise<'done' | 'failed' | 'cancelled'> {
  const { baseURL, apiKey, sink } = run;
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
      signal: run.signal,
      secrets: [apiKey],
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
  if (result.fatal) {
    io.stderr(`${model}: ${redactSecrets(result.fatal, [apiKey])}\n`);
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

function printResults(args: EvalArgs, caseCount: number, sink: ResultsSink, io: CliIO): void {
  if (args.format === 'json') io.stdout(JSON.stringify(jsonSummary(sink.file), null, 2) + '\n');
  else {
    io.stdout(`${args.dataset}: ${caseCount} cases\n\n`);
    io.stdout(toTextTable(sink.file));
    if (sink.outPath) io.stdout(`\nResults: ${path.relative(io.cwd, sink.outPath) || sink.outPath}\n`);
  }
}

async function readText(absolute: string, shown: string): Promise<string> {
  return readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${shown} (${error.code ?? error.message}).`);
  });
}
