// What every `toolcall finetune` subcommand shares: the connection (key from the
// environment, base URL from --base-url or OPENAI_BASE_URL), output formats, and
// service errors turned into one sentence that never contains the key. What the service
// says (ids, model names, statuses, event and error messages) is printed through `field`:
// a control character in it must not reach the terminal, nor a newline fake a line.
import { printableField } from '../../core/text/printable.ts';
import { createOpenAI, DEFAULT_BASE_URL, describeApiError, type FineTuningJob, type FineTuningJobEvent, type OpenAI } from '../../core/openai/client.ts';
import type { CliIO } from '../io.ts';

/** Options every subcommand accepts, for node:util parseArgs. */
export const CONNECTION_OPTIONS = {
  'base-url': { type: 'string' },
  debug: { type: 'boolean', default: false },
} as const;

/** The key is missing: the command cannot talk to the service. */
export class MissingKeyError extends Error {}

export interface Connection {
  openai: OpenAI;
  apiKey: string;
}

export function connect(io: CliIO, values: { 'base-url'?: string; debug?: boolean }): Connection {
  const apiKey = io.env['OPENAI_API_KEY'];
  if (!apiKey) throw new MissingKeyError('No API key: set the OPENAI_API_KEY environment variable.');
  const openai = createOpenAI({
    apiKey,
    baseURL: values['base-url'] || io.env['OPENAI_BASE_URL'] || DEFAULT_BASE_URL,
    organization: io.env['OPENAI_ORG_ID'],
    project: io.env['OPENAI_PROJECT_ID'],
    logLevel: values.debug ? 'debug' : 'warn',
    log: (level, text) => io.stderr(`[openai ${level}] ${text}\n`),
  });
  return { openai, apiKey };
}

/** The sentence for a failure of a service call (or any other error), with the key removed. */
export function failureMessage(error: unknown, apiKey: string | undefined): string {
  return describeApiError(error, apiKey ? [apiKey] : []);
}

/** A value from the service, ready for one line of text output (control characters escaped). */
export function field(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '-' : printableField(String(value));
}

/** `2023-11-14T22:13:20Z` from seconds since the epoch. */
export function isoSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '-';
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One event as a line: `time level message`. */
export function eventLine(event: FineTuningJobEvent): string {
  return `${isoSeconds(event.created_at)} ${field(event.level).padEnd(5)} ${field(event.message)}`;
}

/** The job as `key: value` lines, the fields a user asks about. */
export function jobLines(job: FineTuningJob): string[] {
  const hp = job.method?.supervised?.hyperparameters ?? job.hyperparameters;
  const lines = [
    `id: ${field(job.id)}`,
    `status: ${field(job.status)}`,
    `model: ${field(job.model)}`,
    `fine_tuned_model: ${field(job.fine_tuned_model)}`,
    `created_at: ${isoSeconds(job.created_at)}`,
    `finished_at: ${isoSeconds(job.finished_at)}`,
    `training_file: ${field(job.training_file)}`,
    `validation_file: ${field(job.validation_file)}`,
    `hyperparameters: n_epochs=${field(hp?.n_epochs ?? 'auto')} batch_size=${field(hp?.batch_size ?? 'auto')} learning_rate_multiplier=${field(hp?.learning_rate_multiplier ?? 'auto')}`,
    `trained_tokens: ${field(job.trained_tokens)}`,
  ];
  if (job.error) lines.push(`error: ${field(job.error.code ?? '')}${job.error.param ? ` (${field(job.error.param)})` : ''}: ${field(job.error.message)}`);
  return lines;
}
