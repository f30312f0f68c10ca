// Reading call arguments in either of their two models, so that the structural check (and the
// acceptable answers it consults) is written once for both: the Python model (pythonJson.ts:
// dicts as Maps, ints as bigints, floats as numbers) or a plain value (metrics.ts,
// ParsedArguments.plain: JSON.parse's own value, a dict an object, a number an int exactly when it
// is integral). Both sides of a check are in one model, which `plain` names; making the Python
// model of plain arguments for the check alone (a Map per object, a bigint per int) cost more than
// the check.
import { fromJsValue, plainEquals, pythonEquals } from './pythonEquals.ts';
import type { PyDict, PyJson } from './pythonJson.ts';
import { pythonJsonDumps } from './pythonJsonDumps.ts';

/** An argument value in either model (see above). */
export type ArgumentValue = unknown;

/** A dict of either model: a Map (Python model) or an object (plain). */
export type ArgumentDict = PyDict | Record<string, unknown>;

/** Whether `v` is a dict. */
export function isDict(v: ArgumentValue, plain: boolean): v is ArgumentDict {
  return plain ? typeof v === 'object' && v !== null && !Array.isArray(v) : v instanceof Map;
}

/** The dict's keys in order. */
export function dictKeys(d: ArgumentDict, plain: boolean): string[] {
  return plain ? Object.keys(d) : Array.from((d as PyDict).keys());
}

export function dictHas(d: ArgumentDict, key: string, plain: boolean): boolean {
  return plain ? Object.hasOwn(d, key) : (d as PyDict).has(key);
}

/** The value at a key the dict has. */
export function dictGet(d: ArgumentDict, key: string, plain: boolean): ArgumentValue {
  return plain ? (d as Record<string, unknown>)[key] : (d as PyDict).get(key);
}

/** The value at the key, undefined when the dict has none (no value of either model is undefined). */
export function dictValue(d: ArgumentDict, key: string, plain: boolean): ArgumentValue {
  if (!plain) return (d as PyDict).get(key);
  return Object.hasOwn(d, key) ? (d as Record<string, unknown>)[key] : undefined;
}

export function isInt(v: ArgumentValue, plain: boolean): boolean {
  return plain ? typeof v === 'number' && Number.isInteger(v) : typeof v === 'bigint';
}

/** Python's `a == b`. */
export function valuesEqual(a: ArgumentValue, b: ArgumentValue, plain: boolean): boolean {
  return plain ? plainEquals(a, b) : pythonEquals(a as PyJson, b as PyJson);
}

/**
 * Python's `v == fromJsValue(js)` for a value from JSON.parse outside the arguments (a schema's
 * enum or default, an acceptable answer). In the plain model that is plainEquals on `js` as it
 * is: a plain int is safe, so it equals a number of `js` exactly when fromJsValue's int or float does.
 */
export function equalsJsValue(v: ArgumentValue, js: unknown, plain: boolean): boolean {
  return plain ? plainEquals(v, js) : pythonEquals(v as PyJson, fromJsValue(js));
}

/** json.dumps(v) (a plain value's Python model is fromJsValue's). */
export function dumpsValue(v: ArgumentValue, plain: boolean): string {
  return pythonJsonDumps(plain ? fromJsValue(v) : (v as PyJson));
}
