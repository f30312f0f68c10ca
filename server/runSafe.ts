import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** Where handler failures go (the connection console in the server). */
export interface Log {
  info(message: string): void;
  error(message: string): void;
}

export function formatError(message: string, error: unknown): string {
  if (error instanceof Error) return `${message}: ${error.message}\n${error.stack ?? ''}`;
  return `${message}: ${String(error)}`;
}

const cancelled = () => new ResponseError<void>(LSPErrorCodes.RequestCancelled, 'Request cancelled');

/**
 * Runs a request handler on the next turn (so a cancellation that is already queued is seen),
 * turns cancellation into RequestCancelled and an exception into a logged error plus
 * `errorValue`: a handler bug never kills the server or leaves a request unanswered.
 */
export function runSafe<T>(log: Log, func: () => T | Promise<T>, errorValue: T, errorMessage: string, token: CancellationToken): Promise<T | ResponseError<void>> {
  return new Promise((resolve) => {
    setImmediate(() => {
      if (token.isCancellationRequested) return resolve(cancelled());
      Promise.resolve()
        .then(func)
        .then(
          (result) => resolve(token.isCancellationRequested ? cancelled() : result),
          (error: unknown) => {
            log.error(formatError(errorMessage, error));
            resolve(errorValue);
          },
        );
    });
  });
}

/** Wraps a notification or event handler: errors (sync or async) are logged, never thrown. */
export function guard<A extends unknown[]>(log: Log, what: string, handler: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch((error: unknown) => log.error(formatError(what, error)));
    } catch (error) {
      log.error(formatError(what, error));
    }
  };
}
