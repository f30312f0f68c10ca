// TC801, what the fine-tuning service rejected: a failed job's error message mapped back to
// the file. The service names the problem's place as "Line 3 ...", "Example 12 ..." or
// "Example 100, message 2 ..." with 1-based numbers that count every line of the file (blank
// ones too), so the number is the line. The CLI prints it, the extension shows it on the line.
import type { FineTuningJob } from '../openai/client.ts';
import type { Diagnostic } from './findings.ts';
import { severityOf, type SeverityOverrides } from './rules.ts';

/** Where an error message points, 0-based. */
export interface JobErrorLocation {
  line: number;
  /** Index of the message within the example's `messages`, when named. */
  message?: number;
  /** Index of the tool call within that message, when named. */
  toolCall?: number;
}

const PLACE = /\b(?:example|line)\s+#?(\d+)(?:\s*,\s*message\s+#?(\d+))?(?:\s*,\s*tool call\s+#?(\d+))?/i;

/** The place an error message names, or undefined when it names none. */
export function locateJobError(message: string): JobErrorLocation | undefined {
  const match = PLACE.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]) - 1;
  if (!Number.isSafeInteger(line) || line < 0) return undefined;
  const location: JobErrorLocation = { line };
  if (match[2] !== undefined && Number(match[2]) >= 1) location.message = Number(match[2]) - 1;
  if (match[3] !== undefined && Number(match[3]) >= 1) location.toolCall = Number(match[3]) - 1;
  return location;
}

/** Which uploaded file a job error is about: the validation file when its `param` says so. */
export function erroredFile(error: { param?: string | null; code?: string | null } | null | undefined): 'training' | 'validation' {
  return error?.param === 'validation_file' || error?.code === 'invalid_validation_file' ? 'validation' : 'training';
}

/** The local files a job was launched from (URIs or paths, as the caller names them). */
export interface LaunchedFiles {
  training: string;
  validation?: string;
}

/** Where to show a failed job's error. */
export interface JobProblem {
  /** `training` or `validation` of the LaunchedFiles given. */
  uri: string;
  line: number;
  message: string;
  code: 'TC801';
}

/** The TC801 problem of `job`, or undefined when it did not fail on a named line of a known file. */
export function jobProblem(job: Pick<FineTuningJob, 'id' | 'status' | 'error'>, files: LaunchedFiles | undefined): JobProblem | undefined {
  if (job.status !== 'failed' || !job.error?.message || !files) return undefined;
  const where = locateJobError(job.error.message);
  if (!where) return undefined;
  const uri = erroredFile(job.error) === 'validation' ? files.validation : files.training;
  if (!uri) return undefined;
  return { uri, line: where.line, message: `The fine-tuning service rejected this line (job ${job.id}): ${job.error.message}`, code: 'TC801' };
}

/** The problem as a diagnostic on its line of `text` (the file as it is now); undefined past the end or when TC801 is off. */
export function jobDiagnostic(problem: JobProblem, text: string, overrides?: SeverityOverrides): Diagnostic | undefined {
  const extent = lineExtent(text, problem.line);
  const severity = severityOf(problem.code, overrides);
  if (!extent || severity === 'off') return undefined;
  return { line: problem.line, start: extent.start, end: extent.end, severity, code: problem.code, message: problem.message };
}

/** Columns of the line's text without surrounding blanks (the whole line when blank); undefined past the end. */
export function lineExtent(text: string, line: number): { start: number; end: number } | undefined {
  let from = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', from);
    if (next < 0) return undefined;
    from = next + 1;
  }
  const stop = text.indexOf('\n', from);
  const content = text.slice(from, stop < 0 ? text.length : stop).replace(/\r$/, '');
  const start = content.length - content.trimStart().length;
  const end = content.trimEnd().length;
  return end > start ? { start, end } : { start: 0, end: content.length };
}
