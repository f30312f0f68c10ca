// `toolcall finetune create`: validate, upload, create once, optionally follow to the end.
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createJob, checkJobSpec, type Hyper, type JobSpec } from '../../core/jobs/create.ts';
import { erroredFile, jobDiagnostic, jobProblem } from '../../core/checks/serviceChecks.ts';
import { findOverlap } from '../../core/jobs/overlap.ts';
import { preflightFile } from '../../core/jobs/preflight.ts';
import { uploadFile } from '../../core/jobs/upload.ts';
import { watchJob } from '../../core/jobs/watch.ts';
import type { SeverityOverrides } from '../../core/checks/rules.ts';
import type { FineTuningJob } from '../../core/openai/client.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';
import { textLine } from './validate.ts';
import { CONNECTION_OPTIONS, connect, eventLine, field, type Connection } from './finetuneShared.ts';
import { plural } from '../../core/text/plural.ts';

/** Most overlapping lines listed one by one; the rest are counted. */
const OVERLAP_SHOWN = 10;

const CREATE_OPTIONS = {
  ...CONNECTION_OPTIONS,
  model: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'lr-multiplier': { type: 'string' },
  suffix: { type: 'string' },
  validation: { type: 'string' },
  seed: { type: 'string' },
  severity: { type: 'string', multiple: true },
  wait: { type: 'boolean', default: false },
  'poll-ms': { type: 'string' },
} as const;

/** A local file as named on the command line and as resolved. */
interface NamedFile {
  arg: string;
  file: string;
}

export async function finetuneCreate(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: CREATE_OPTIONS });
  const spec = jobSpecOf(values, positionals);
  const severity = parseSeverities(values.severity ?? []);
  const pollMs = values['poll-ms'] === undefined ? 2000 : numberOption('--poll-ms', values['poll-ms']);
  const connection = connect(io, values); // before any work: no key, no point validating
  const training: NamedFile = { arg: positionals[0]!, file: path.resolve(io.cwd, positionals[0]!) };
  const validation: NamedFile | undefined = values.validation === undefined ? undefined : { arg: values.validation, file: path.resolve(io.cwd, values.validation) };
  const files = validation ? [training, validation] : [training];
  await assertReadable(files);

  // 1. Validate every file; any error refuses the launch.
  const refused = await validateFiles(files, severity, io);
  if (validation) await reportOverlap(training, validation, io);
  if (refused) {
    io.stderr(`toolcall finetune: not uploading: fix the errors above first.\n`);
    return EXIT_PROBLEMS;
  }
  // 2. Upload, 3. create exactly once.
  const job = await uploadAndCreate(connection, spec, training, validation, io, pollMs);
  let exit = EXIT_OK;
  if (values.wait) exit = await follow(connection, job.id, io, pollMs, { training: training.arg, validation: validation?.arg });
  io.stdout(`${field(job.id)}\n`);
  return exit;
}

/** The job as the command line asks for it (files still to upload); usage errors for bad values. */
function jobSpecOf(values: { model?: string; suffix?: string; seed?: string; epochs?: string; 'batch-size'?: string; 'lr-multiplier'?: string }, positionals: string[]): JobSpec {
  if (positionals.length !== 1) throw new UsageError('Give exactly one training FILE.');
  if (!values.model) throw new UsageError('--model is required (e.g. --model gpt-4o-mini-2024-07-18).');
  const spec: JobSpec = {
    model: values.model,
    training_file: 'pending',
    suffix: values.suffix,
    seed: values.seed === undefined ? undefined : numberOption('--seed', values.seed),
    hyperparameters: {
      n_epochs: hyperOption('--epochs', values.epochs),
      batch_size: hyperOption('--batch-size', values['batch-size']),
      learning_rate_multiplier: hyperOption('--lr-multiplier', values['lr-multiplier']),
    },
  };
  const problems = checkJobSpec(spec);
  if (problems.length > 0) throw new UsageError(problems.join(' '));
  return spec;
}

async function assertReadable(files: readonly NamedFile[]): Promise<void> {
  for (const { arg, file } of files) {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new UsageError(`${arg} is not a readable file.`);
  }
}

/** Prints each file's problems and counts; true when any file has an error (the launch is refused). */
async function validateFiles(files: readonly NamedFile[], severity: SeverityOverrides, io: CliIO): Promise<boolean> {
  let refused = false;
  for (const { arg, file } of files) {
    const result = await preflightFile(file, { severity });
    for (const d of result.problems) io.stdout(textLine(arg, d));
    io.stdout(`${field(arg)}: ${plural(result.summary.examples, 'example')}, ${plural(result.summary.error, 'error')}, ${plural(result.summary.warning, 'warning')}\n`);
    if (!result.ok) refused = true;
  }
  return refused;
}

/** Warns about validation examples that are also training examples (the validation loss would flatter the model). */
async function reportOverlap(training: NamedFile, validation: NamedFile, io: CliIO): Promise<void> {
  const overlap = await findOverlap(training.file, validation.file);
  for (const o of overlap.slice(0, OVERLAP_SHOWN)) {
    io.stdout(`${field(validation.arg)}:${o.validationLine + 1}: warning: the same example is line ${o.trainingLine + 1} of ${field(training.arg)}\n`);
  }
  if (overlap.length > OVERLAP_SHOWN) io.stdout(`${field(validation.arg)}: warning: ${overlap.length - OVERLAP_SHOWN} more lines also appear in ${field(training.arg)}\n`);
  if (overlap.length > 0) io.stdout(`warning: ${overlap.length} validation example${overlap.length === 1 ? ' is' : 's are'} also in the training file; the validation loss will look better than it is.\n`);
}

/** Uploads the files and creates the job exactly once (a lost answer is looked up by its idempotency token). */
async function uploadAndCreate(connection: Connection, spec: JobSpec, training: NamedFile, validation: NamedFile | undefined, io: CliIO, pollMs: number): Promise<FineTuningJob> {
  const trainingUpload = await uploadFile(connection.openai, { file: training.file });
  io.stdout(`Uploaded ${field(training.arg)} as ${field(trainingUpload.file.id)} (${trainingUpload.bytes} bytes).\n`);
  if (validation) {
    const validationUpload = await uploadFile(connection.openai, { file: validation.file });
    io.stdout(`Uploaded ${field(validation.arg)} as ${field(validationUpload.file.id)} (${validationUpload.bytes} bytes).\n`);
    spec.validation_file = validationUpload.file.id;
  }
  spec.training_file = trainingUpload.file.id;
  const created = await createJob(connection.openai, spec, {
    // Shown before the request goes out: whatever happens next, the job can be found by it.
    onToken: async (token) => {
      io.stdout(`Creating the job with idempotency token ${token}.\n`);
      await io.flush?.();
    },
    lookupDelayMs: pollMs,
    onUnclearFailure: (_error, attempt) => io.stderr(`The create request got no clear answer (attempt ${attempt}); looking the job up by its token instead of sending it again.\n`),
  });
  const job = created.job;
  io.stdout(`Created fine-tuning job ${field(job.id)} (${field(job.model)}, ${field(job.status)})${created.recovered ? ', found by its idempotency token after a failed request' : ''}.\n`);
  return job;
}

/** Follow the job to its end; 0 when it succeeded. A failed job's error is printed as FILE:LINE: message. */
async function follow(connection: Connection, jobId: string, io: CliIO, pollMs: number, files: { training: string; validation?: string }): Promise<number> {
  const job = await watchJob(connection.openai, jobId, {
    minDelayMs: pollMs,
    maxDelayMs: Math.max(pollMs, 30_000),
    onStatus: (j) => io.stdout(`status: ${field(j.status)}\n`),
    onEvent: (event) => io.stdout(`  ${eventLine(event)}\n`),
  });
  if (job.status === 'succeeded') {
    io.stdout(`Fine-tuned model: ${field(job.fine_tuned_model)}\n`);
    return EXIT_OK;
  }
  if (job.status === 'failed' && job.error) {
    io.stderr(await failedJobLine(job, files, io.cwd));
  } else {
    io.stderr(`toolcall finetune: job ${field(job.id)} ended ${field(job.status)}.\n`);
  }
  return EXIT_PROBLEMS;
}

/** A failed job's error: as TC801 on its line (`FILE:LINE:COL: error TC801 ...`) when it names one, else `FILE: message`. */
async function failedJobLine(job: FineTuningJob, files: { training: string; validation?: string }, cwd: string): Promise<string> {
  const problem = jobProblem(job, files);
  const text = problem && (await readFile(path.resolve(cwd, problem.uri), 'utf8').catch(() => undefined));
  const diagnostic = problem && text !== undefined ? jobDiagnostic(problem, text) : undefined;
  if (problem && diagnostic) return textLine(problem.uri, diagnostic);
  const file = erroredFile(job.error) === 'validation' && files.validation ? files.validation : files.training;
  return `${field(file)}: ${field(job.error!.message)}\n`;
}

function numberOption(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${name} expects a number, not "${text}".`);
  return value;
}

function hyperOption(name: string, text: string | undefined): Hyper | undefined {
  if (text === undefined) return undefined;
  return text === 'auto' ? 'auto' : numberOption(name, text);
}

const LEVELS = new Set(['error', 'warning', 'info', 'hint', 'off']);

function parseSeverities(pairs: string[]): SeverityOverrides {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const [code, level] = pair.split('=');
    if (!/^TC\d{3}$/.test(code ?? '') || !LEVELS.has(level ?? '')) throw new UsageError(`--severity expects CODE=LEVEL such as TC104=off, not "${pair}".`);
    result[code!] = level!;
  }
  return result as SeverityOverrides;
}
