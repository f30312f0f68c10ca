/** Where a command writes; tests pass buffers, main passes the process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Resolves when stdout takes more output (a slow reader): long outputs await it between chunks of work. */
  writable?: () => Promise<void>;
  /** Hands buffered stdout to the terminal now (before a step that may not come back). */
  flush?: () => Promise<void>;
  env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 fine, 1 problems found or the operation failed, 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** Bad command-line usage: reported with the command's usage text, exit 2. */
export class UsageError extends Error {}
