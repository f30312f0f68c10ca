// Maps a failed job's error message back to the file: the service names the problem's
// place as "Line 3 ...", "Example 12 ..." or "Example 100, message 2 ..." with 1-based
// numbers that count every line of the file (blank ones too), so the number is the line.

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
