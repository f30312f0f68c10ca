// Body-field checks that produce the real API's wording ("Invalid 'x': integer
// above maximum value. Expected a value <= 50, but got 51 instead.").
import { badRequest, missingParam } from './apiError.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}

export function requireString(body: JsonObject, key: string, param = key): string {
  const value = body[key];
  if (value === undefined || value === null || value === '') throw missingParam(param);
  if (typeof value !== 'string') {
    throw badRequest(`Invalid type for '${param}': expected a string, but got ${typeName(value)} instead.`, param, 'invalid_type');
  }
  return value;
}

export function optionalString(body: JsonObject, key: string, param = key): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw badRequest(`Invalid type for '${param}': expected a string, but got ${typeName(value)} instead.`, param, 'invalid_type');
  }
  return value;
}

export function checkStringLength(value: string, param: string, min: number, max: number): void {
  if (value.length < min) {
    const got = value.length === 0 ? 'an empty string' : `a string with length ${value.length}`;
    throw badRequest(
      `Invalid '${param}': string too short. Expected a string with minimum length ${min}, but got ${got} instead.`,
      param,
      'string_below_min_length',
    );
  }
  if (value.length > max) {
    throw badRequest(
      `Invalid '${param}': string too long. Expected a string with maximum length ${max}, but got a string with length ${value.length} instead.`,
      param,
      'string_above_max_length',
    );
  }
}

/** An integer in [min, max], or 'auto' when `allowAuto`. */
export function checkInteger(value: unknown, param: string, min: number, max: number, allowAuto: boolean): number | 'auto' {
  if (allowAuto && value === 'auto') return 'auto';
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    const expected = allowAuto ? "one of an integer or 'auto'" : 'an integer';
    throw badRequest(`Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`, param, 'invalid_type');
  }
  if (value < min) {
    throw badRequest(`Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`, param, 'integer_below_min_value');
  }
  if (value > max) {
    throw badRequest(`Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`, param, 'integer_above_max_value');
  }
  return value;
}

/** A number strictly greater than zero, or 'auto'. */
export function checkPositiveNumber(value: unknown, param: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badRequest(`Invalid type for '${param}': expected one of a number or 'auto', but got ${typeName(value)} instead.`, param, 'invalid_type');
  }
  if (value <= 0) {
    throw badRequest(`Invalid '${param}': number below minimum value. Expected a value > 0, but got ${value} instead.`, param, 'decimal_below_min_value');
  }
  return value;
}

/** Metadata as the API defines it: at most 16 string pairs, keys <= 64 chars, values <= 512. */
export function checkMetadata(value: unknown, param = 'metadata'): Record<string, string> | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    throw badRequest(`Invalid type for '${param}': expected an object, but got ${typeName(value)} instead.`, param, 'invalid_type');
  }
  const entries = Object.entries(value);
  if (entries.length > 16) {
    throw badRequest(
      `Invalid '${param}': too many properties. Expected an object with at most 16 properties, but got an object with ${entries.length} properties instead.`,
      param,
      'object_above_max_properties',
    );
  }
  const out: Record<string, string> = {};
  for (const [key, v] of entries) {
    checkStringLength(key, `${param}.key`, 1, 64);
    if (typeof v !== 'string') {
      throw badRequest(`Invalid type for '${param}.${key}': expected a string, but got ${typeName(v)} instead.`, `${param}.${key}`, 'invalid_type');
    }
    checkStringLength(v, `${param}.${key}`, 0, 512);
    out[key] = v;
  }
  return out;
}
