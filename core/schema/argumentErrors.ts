// Turns ajv's errors into ArgumentErrors. Runs only when validation failed, so the happy path
// costs nothing beyond ajv's own function.
import type { ErrorObject } from 'ajv';
import type { ArgumentError } from './types.ts';
import { pointerToPath } from './jsonPointer.ts';

export function toArgumentErrors(errors: readonly ErrorObject[], args: unknown): ArgumentError[] {
  return errors.map((error) => ({
    keyword: error.keyword,
    instancePath: pointerToPath(error.instancePath, args),
    params: { ...error.params },
    message: error.message ?? `must pass "${error.keyword}" keyword validation`,
  }));
}

/** The single error reported when validation itself failed (stack overflow on deep data, a bug). */
export function internalError(error: unknown): ArgumentError {
  const overflow = error instanceof RangeError;
  return {
    keyword: 'internal',
    instancePath: [],
    params: { error: error instanceof Error ? error.name : typeof error },
    message: overflow
      ? 'the arguments are nested too deeply to validate (the call stack overflowed); nest them less deeply'
      : `validation failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
  };
}
