// Checks a dataset file with the core validator before anything is uploaded: errors
// block a launch, warnings are shown (and confirmed in the editor).
import { createReadStream } from 'node:fs';
import { validateStream, type ValidationOptions, type ValidationSummary } from '../validate.ts';
import type { Diagnostic } from '../checks/findings.ts';

export interface PreflightResult {
  summary: ValidationSummary;
  /** Errors and warnings, in file order, at most `keep` of them. */
  problems: Diagnostic[];
  /** True when there is no error: the file may be uploaded. */
  ok: boolean;
}

export async function preflightFile(file: string, options: ValidationOptions & { keep?: number } = {}): Promise<PreflightResult> {
  const keep = options.keep ?? 1000;
  const problems: Diagnostic[] = [];
  const summary = await validateStream(
    createReadStream(file, { highWaterMark: 1 << 20 }),
    (d) => {
      if ((d.severity === 'error' || d.severity === 'warning') && problems.length < keep) problems.push(d);
    },
    options,
  );
  return { summary, problems, ok: summary.error === 0 };
}
