import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readToolsFile } from '../../core/dataset/toolsFile.ts';
import { READ_CHUNK_BYTES } from '../../core/dataset/streamLines.ts';
import { DatasetValidator, FileValidation, type ValidationOptions, type ValidationSummary } from '../../core/validate.ts';
import { FileLineReader } from '../fileLines.ts';
import type { Diagnostic } from '../../core/checks/findings.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';
import { normalizeInsightSettings, tokenLimitFor } from '../../core/stats/reportSettings.ts';
import { expandPaths } from '../paths.ts';
import { printableField } from '../../core/text/printable.ts';
import { ValidatePool } from '../../core/parallel/validatePool.ts';
import { loadModelFiles } from '../../core/render/modelFiles.ts';
import { TemplateError } from '../../core/render/chatTemplate.ts';
import { templateExampleTokens } from '../../core/render/templateTokens.ts';
import { checkTemplate, templateDiagnostics } from '../../core/render/templateChecks.ts';
import type { SeverityOverrides } from '../../core/checks/rules.ts';
import type { TokenLimitOption } from '../../core/stats/tokens.ts';
import { plural } from '../../core/text/plural.ts';

/**
 * Files from this size up are checked by worker threads. Below it, starting workers (each loads
 * the bundle and compiles its own schemas) costs more than it saves.
 */
const PARALLEL_MIN_BYTES = 16 << 20;

/**
 * Worker threads for big files: TOOLCALL_WORKERS if set (0 turns them off), else one per core
 * besides the main thread's (which reads, applies the file rules and prints), at most 3, and
 * none below 3 cores: measured on 2 cores (bench/RESULTS.md), one worker sets the pace while
 * the main thread idles (0.27x of the baseline against 0.36x single-threaded), and two give
 * the single-threaded time for 1.6x the CPU.
 */
function workerCount(env: NodeJS.ProcessEnv): number {
  const set = env.TOOLCALL_WORKERS;
  if (set !== undefined && /^\d+$/.test(set)) return Math.min(Number(set), 16);
  const cores = availableParallelism();
  return cores >= 3 ? Math.min(cores - 1, 3) : 0;
}

export const usage = `Usage: toolcall validate [--tools FILE] [--format text|json] [--severity CODE=LEVEL ...] PATH...

Checks OpenAI chat fine-tuning JSONL files for tool calling, line by line.
PATH is a file, a folder (every *.jsonl under it) or a glob.
Exit status: 1 when an error is found, 0 otherwise, 2 on bad usage.

  --tools FILE         shared tools file (JSON array of tool declarations) for lines without "tools"
  --format text|json   text: path:line:col: severity CODE message; json: one JSON object per line
  --severity CODE=LEVEL   override a rule's severity (error, warning, info, hint, off); repeatable
  --model M            also warn (TC209) on examples over model M's token limit
  --template PATH      instead, warn (TC209) on examples whose rendering with an open model's chat template
                       (model folder, tokenizer_config.json or .jinja, tokenizer.json beside it) is over its
                       model_max_length, or over --limit N`;

export async function validateCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { tools: { type: 'string' }, format: { type: 'string', default: 'text' }, severity: { type: 'string', multiple: true }, model: { type: 'string' }, template: { type: 'string' }, limit: { type: 'string' } },
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}".`);
  if (positionals.length === 0) throw new UsageError('Give at least one PATH to validate.');
  const severity = parseSeverities(values.severity ?? []);
  const sharedTools = values.tools === undefined ? undefined : await loadTools(values.tools, io.cwd);
  if (values.model !== undefined && values.template !== undefined) throw new UsageError('Give --model or --template, not both.');
  if (values.limit !== undefined && values.template === undefined) throw new UsageError('--limit goes with --template.');
  const open = values.template === undefined ? undefined : await templateTokenLimit(values.template, values.limit, io.cwd);
  const tokenLimit = open?.tokenLimit ?? (values.model === undefined ? undefined : tokenLimitFor(normalizeInsightSettings(undefined), values.model));
  if (values.model !== undefined && !tokenLimit) throw new UsageError(`No token limit is known for --model ${values.model}.`);
  const exampleTokens = open?.exampleTokens;
  const { files, unmatched } = await expandPaths(positionals, io.cwd);
  for (const arg of unmatched) io.stderr(`toolcall: no .jsonl file matches ${arg}\n`);
  if (files.length === 0) throw new UsageError('No file to validate.');

  const total: ValidationSummary = { lines: 0, examples: 0, error: 0, warning: 0, info: 0, hint: 0 };
  const workers = workerCount(io.env);
  let pool: ValidatePool | undefined;
  try {
    for (const file of files) {
      const line = diagnosticLines(values.format, file);
      const print = (d: Diagnostic) => io.stdout(line(d));
      const absolute = path.resolve(io.cwd, file);
      let summary: ValidationSummary;
      // A template's counter is a function, which worker threads cannot receive: one thread then.
      if (workers > 0 && !exampleTokens && (await stat(absolute)).size >= PARALLEL_MIN_BYTES) {
        pool ??= new ValidatePool({ severity, sharedTools, tokenLimit }, { workers });
        summary = await pool.validateFile(absolute, print, io.writable);
      } else {
        summary = await validateFile(absolute, print, { severity, sharedTools, tokenLimit, ...(exampleTokens ? { exampleTokens } : {}) }, io);
      }
      for (const key of Object.keys(total) as (keyof ValidationSummary)[]) total[key] += summary[key];
      // The template's own problems, said on the first line of each file.
      for (const d of open?.diagnostics(severity) ?? []) {
        print(d);
        total[d.severity]++;
      }
    }
  } finally {
    await pool?.close();
  }
  const summaryLine = `${plural(files.length, 'file')}, ${plural(total.examples, 'example')}: ${plural(total.error, 'error')}, ${plural(total.warning, 'warning')}, ${plural(total.info, 'info')}`;
  if (values.format === 'text') io.stdout(summaryLine + '\n');
  else io.stderr(summaryLine + '\n');
  return total.error > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

/**
 * Validates the file at `absolute`, read synchronously: a read stream cost a promise per line
 * and per 64 KB read (bench/NOTES.md, validate, seventh round). Every 64 K characters of
 * lines it waits until stdout has taken the output so far (backpressure from a slow reader).
 */
async function validateFile(absolute: string, print: (d: Diagnostic) => void, options: ValidationOptions, io: CliIO): Promise<ValidationSummary> {
  const run = new FileValidation(print, new DatasetValidator(options));
  const lines = new FileLineReader(absolute, READ_CHUNK_BYTES, true);
  try {
    let sincePause = 0;
    while (lines.nextLine()) {
      const text = lines.text();
      run.check(text, lines.index, lines.encodingProblems());
      sincePause += text.length;
      if (sincePause >= READ_CHUNK_BYTES && io.writable) {
        sincePause = 0;
        await io.writable();
      }
    }
  } finally {
    lines.close();
  }
  return run.finish();
}

/** `path:line:col: severity CODE message`, 1-based like compilers print (the plain definition; the command prints through diagnosticLines). */
export function textLine(file: string, d: Diagnostic): string {
  return `${printableField(file)}:${d.line + 1}:${d.start + 1}: ${d.severity} ${d.code} ${printableField(d.message)}\n`;
}

/** One JSON object per diagnostic (the plain definition; the command prints through diagnosticLines). */
export function jsonLine(file: string, d: Diagnostic): string {
  return JSON.stringify({ file, line: d.line + 1, column: d.start + 1, endLine: d.line + 1, endColumn: d.end + 1, severity: d.severity, code: d.code, message: d.message }) + '\n';
}

/** Most printed messages remembered (then forgotten all at once). */
const MAX_PRINTED_MESSAGES = 4096;

/**
 * The line `format` prints for each diagnostic of `file`: textLine's or jsonLine's text, with
 * the file's name written once and each message's printed form (escaped) made once per message.
 * A tools JSON's findings are the same strings on every line that repeats it (74,000 of the real
 * bench file's 80,000 diagnostics): escaping them again was ~3% of its CPU with JSON output.
 */
export function diagnosticLines(format: 'text' | 'json', file: string): (d: Diagnostic) => string {
  const printed = new Map<string, string>();
  const escape = format === 'json' ? (m: string) => JSON.stringify(m) : printableField;
  const messageOf = (message: string) => {
    let text = printed.get(message);
    if (text === undefined) {
      if (printed.size >= MAX_PRINTED_MESSAGES) printed.clear();
      printed.set(message, (text = escape(message)));
    }
    return text;
  };
  if (format === 'text') {
    const name = printableField(file);
    return (d) => `${name}:${d.line + 1}:${d.start + 1}: ${d.severity} ${d.code} ${messageOf(d.message)}\n`;
  }
  // JSON.stringify of the record: its keys in this order, integers as they print, strings escaped.
  const head = '{"file":' + JSON.stringify(file) + ',"line":';
  return (d) =>
    head + (d.line + 1) + ',"column":' + (d.start + 1) + ',"endLine":' + (d.line + 1) + ',"endColumn":' + (d.end + 1) +
    ',"severity":' + JSON.stringify(d.severity) + ',"code":' + JSON.stringify(d.code) + ',"message":' + messageOf(d.message) + '}\n';
}

const LEVELS = ['error', 'warning', 'info', 'hint', 'off'];

function parseSeverities(pairs: string[]): Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'> {
  const result: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'> = {};
  for (const pair of pairs) {
    const [code, level] = pair.split('=');
    if (!/^TC\d{3}$/.test(code ?? '') || !LEVELS.includes(level ?? '')) throw new UsageError(`--severity expects CODE=LEVEL such as TC104=off, not "${pair}".`);
    result[code] = level as 'error';
  }
  return result;
}

async function loadTools(file: string, cwd: string): Promise<unknown[]> {
  const read = readToolsFile(path.resolve(cwd, file), file);
  if ('error' in read) throw new UsageError(read.error);
  return read.tools;
}

/** TC209 for an open model: its template's rendering counted with its tokenizer, against model_max_length or --limit. */
async function templateTokenLimit(
  template: string,
  limitText: string | undefined,
  cwd: string,
): Promise<{ tokenLimit: TokenLimitOption; exampleTokens: (value: unknown) => number; diagnostics: (severity: SeverityOverrides) => Diagnostic[] }> {
  const model = await loadModelFiles(path.resolve(cwd, template)).catch((error: unknown) => {
    if (error instanceof TemplateError) throw new UsageError(`--template: ${error.message}`);
    throw error;
  });
  const tokenizer = model.tokenizer;
  if (!tokenizer) throw new UsageError(`--template: ${template} has no tokenizer.json beside it, so tokens cannot be counted.`);
  const limit = limitText === undefined ? model.maxLength : Number(limitText);
  if (limitText !== undefined && !(Number.isSafeInteger(limit) && limit! > 0)) throw new UsageError(`--limit expects a positive integer, not "${limitText}".`);
  if (limit === undefined) throw new UsageError(`--template: ${template} has no model_max_length; give the limit with --limit N.`);
  const findings = checkTemplate(model.template);
  return { tokenLimit: { model: template, limit }, exampleTokens: templateExampleTokens({ ...model, tokenizer }), diagnostics: (severity) => templateDiagnostics(findings, severity) };
}
