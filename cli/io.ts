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

/** Marks a UsageError, shared by every copy of the class: a global symbol is one value in all bundles. */
const USAGE_ERROR = Symbol.for('toolcall.cli.UsageError');

/**
 * Bad command-line usage: reported with the command's usage text, exit 2. Some commands are
 * their own bundle, loaded on use (`toolcall eval`: dist/cliEval.js, scripts/build.mjs), each with
 * its own copy of this class; `instanceof` goes by the mark, so the dispatcher in dist/cli.js
 * still recognises an error thrown by another bundle's copy.
 */
export class UsageError extends Error {
  readonly [USAGE_ERROR] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [USAGE_ERROR]?: unknown })[USAGE_ERROR] === true;
  }
}
