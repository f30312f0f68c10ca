// A failed job whose error names a line ("Line 3 ...", "Example 12, message 2 ...") becomes a
// diagnostic on that line of the file that was uploaded from this workspace. Pure: the
// extension turns a JobProblem into a vscode.Diagnostic in the `toolcall-jobs` collection.
import { erroredFile, locateJobError } from '../../core/jobs/errorLines.ts';
import type { FineTuningJob } from '../../core/openai/client.ts';

/** The stable code of "the fine-tuning service rejected this line". */
export const JOB_ERROR_CODE = 'TC801';

/** The local files a job was launched from (URIs as strings). */
export interface LaunchedFiles {
  training: string;
  validation?: string;
}

/** Where to show a failed job's error. */
export interface JobProblem {
  uri: string;
  line: number;
  message: string;
  code: typeof JOB_ERROR_CODE;
}

/** The problem to show for `job`, or undefined when it did not fail on a named line of a known file. */
export function jobProblem(job: Pick<FineTuningJob, 'id' | 'status' | 'error'>, files: LaunchedFiles | undefined): JobProblem | undefined {
  if (job.status !== 'failed' || !job.error?.message || !files) return undefined;
  const where = locateJobError(job.error.message);
  if (!where) return undefined;
  const uri = erroredFile(job.error) === 'validation' ? files.validation : files.training;
  if (!uri) return undefined;
  return { uri, line: where.line, message: `The fine-tuning service rejected this line (job ${job.id}): ${job.error.message}`, code: JOB_ERROR_CODE };
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
