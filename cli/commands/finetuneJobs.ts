// `toolcall finetune list | status JOB | events JOB | cancel JOB | find TOKEN`.
import { parseArgs } from 'node:util';
import { findJobByToken, JOB_SCAN_LIMIT } from '../../core/jobs/create.ts';
import { locateJobError } from '../../core/checks/serviceChecks.ts';
import type { FineTuningJobEvent } from '../../core/openai/client.ts';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIO } from '../io.ts';
import { CONNECTION_OPTIONS, connect, eventLine, field, isoSeconds, jobLines } from './finetuneShared.ts';

export async function finetuneList(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...CONNECTION_OPTIONS, limit: { type: 'string', default: '20' } } });
  if (positionals.length > 0) throw new UsageError('list takes no positional arguments.');
  const limit = positiveInteger('--limit', values.limit);
  const { openai } = connect(io, values);
  const rows: string[][] = [];
  for await (const job of openai.fineTuning.jobs.list({ limit: Math.min(limit, 100) })) {
    rows.push([field(job.id), field(job.status), field(job.model), isoSeconds(job.created_at), field(job.fine_tuned_model)]);
    if (rows.length >= limit) break;
  }
  if (rows.length === 0) {
    io.stdout('No fine-tuning jobs.\n');
    return EXIT_OK;
  }
  io.stdout(table([['ID', 'STATUS', 'MODEL', 'CREATED', 'FINE-TUNED MODEL'], ...rows]));
  return EXIT_OK;
}

export async function finetuneStatus(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...CONNECTION_OPTIONS } });
  const jobId = onlyJob(positionals);
  const { openai } = connect(io, values);
  const job = await openai.fineTuning.jobs.retrieve(jobId);
  const lines = jobLines(job);
  const where = job.error ? locateJobError(job.error.message) : undefined;
  if (where) lines.push(`error_line: ${where.line + 1}${where.message !== undefined ? `, message ${where.message + 1}` : ''}`);
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
}

export async function finetuneEvents(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...CONNECTION_OPTIONS, limit: { type: 'string', default: '100' } } });
  const jobId = onlyJob(positionals);
  const limit = positiveInteger('--limit', values.limit);
  const { openai } = connect(io, values);
  const events: FineTuningJobEvent[] = [];
  for await (const event of openai.fineTuning.jobs.listEvents(jobId, { limit: Math.min(limit, 100) })) {
    events.push(event);
    if (events.length >= limit) break;
  }
  // The API lists newest first; a log reads oldest first.
  for (const event of events.reverse()) io.stdout(eventLine(event) + '\n');
  if (events.length === 0) io.stdout(`No events for ${field(jobId)}.\n`);
  return EXIT_OK;
}

export async function finetuneCancel(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...CONNECTION_OPTIONS } });
  const jobId = onlyJob(positionals);
  const { openai } = connect(io, values);
  const job = await openai.fineTuning.jobs.cancel(jobId, { maxRetries: 1 });
  io.stdout(`Cancelled ${field(job.id)} (status: ${field(job.status)}).\n`);
  return EXIT_OK;
}

/** The job a create made, by the idempotency token it printed (after an unclear failure). */
export async function finetuneFind(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...CONNECTION_OPTIONS } });
  if (positionals.length !== 1 || positionals[0]!.trim() === '') throw new UsageError('Give exactly one idempotency TOKEN (printed by finetune create).');
  const token = positionals[0]!;
  const { openai } = connect(io, values);
  const job = await findJobByToken(openai, token);
  if (!job) {
    io.stderr(`No job carries the idempotency token ${field(token)} among the ${JOB_SCAN_LIMIT} newest; the service may list a new job only after a while, so look again later before creating it again.\n`);
    return EXIT_PROBLEMS;
  }
  io.stdout([...jobLines(job), field(job.id)].join('\n') + '\n');
  return EXIT_OK;
}

function onlyJob(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('Give exactly one JOB id (ftjob-...).');
  return positionals[0]!;
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} expects a whole number of at least 1, not "${text}".`);
  return value;
}

/** Columns padded to their widest cell, two spaces apart; the last column unpadded. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')).join('\n') + '\n';
}
