// Acceptable alternatives of an eval case, in the shape of BFCL's possible answers, and how a
// predicted value is matched against them (gorilla's ast_checker: string_checker, list_checker,
// dict_checker, list_dict_checker).
//
// On a line of an eval set, the optional top-level key `acceptable` holds one entry per assistant
// turn that has `tool_calls`, in order: BFCL's `ground_truth` for that turn, a list aligned with
// its calls, each `{function_name: {param: [acceptable values...]}}`. `""` among the values means
// the parameter may be omitted; a list parameter lists each accepted order as its own value; a
// dict parameter's alternatives map each key to a list of acceptable values. `null` stands for a
// turn without alternatives. The lesson's metrics ignore this key; structural match uses it.
import { dictGet, dictHas, dictKeys, equalsJsValue, isDict, type ArgumentDict, type ArgumentValue } from './argumentValue.ts';
import { sameStandardized } from './standardizeString.ts';
import type { ToolCall } from './metrics.ts';

/** Acceptable values per parameter of one call (values as JSON.parse returns them). */
export type AcceptableArguments = ReadonlyMap<string, readonly unknown[]>;

/** The top-level key of an eval line that carries the alternatives. */
export const ACCEPTABLE_KEY = 'acceptable';

/** `""` among a parameter's values: the parameter may be left out. */
export const OMITTABLE = '';

/**
 * The alternatives of every calling turn of a line, aligned with `callsPerTurn` (the calls of
 * each assistant turn that has calls, in order); undefined entries where none are given.
 * Throws an Error whose message says what is wrong and where.
 */
export function readAcceptable(value: unknown, callsPerTurn: ToolCall[][]): (AcceptableArguments | undefined)[][] {
  const none = callsPerTurn.map((calls) => calls.map(() => undefined));
  if (value === undefined || value === null) return none;
  if (!Array.isArray(value)) throw new Error(`"${ACCEPTABLE_KEY}" must be an array with one entry per assistant turn that calls tools.`);
  if (value.length !== callsPerTurn.length) {
    throw new Error(`"${ACCEPTABLE_KEY}" has ${value.length} entries; the example has ${callsPerTurn.length} assistant turns with tool calls.`);
  }
  return value.map((turn, t) => {
    const calls = callsPerTurn[t];
    if (turn === null) return calls.map(() => undefined);
    const at = `"${ACCEPTABLE_KEY}"[${t}]`;
    if (!Array.isArray(turn) || turn.length !== calls.length) {
      throw new Error(`${at} must be a list of ${calls.length} entries, one per tool call of that turn.`);
    }
    return turn.map((entry, c) => readCall(entry, calls[c], `${at}[${c}]`));
  });
}

function readCall(entry: unknown, call: ToolCall, at: string): AcceptableArguments | undefined {
  if (entry === null) return undefined;
  if (!isPlainObject(entry) || Object.keys(entry).length !== 1) {
    throw new Error(`${at} must be an object with one key, the function name ("${call.name}").`);
  }
  const [name, params] = Object.entries(entry)[0];
  if (name !== call.name) throw new Error(`${at} names "${name}", but that call is to "${call.name}".`);
  if (!isPlainObject(params)) throw new Error(`${at}.${name} must map each parameter to a list of acceptable values.`);
  const out = new Map<string, readonly unknown[]>();
  for (const [param, values] of Object.entries(params)) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new Error(`${at}.${name}.${param} must be a non-empty list of acceptable values.`);
    }
    out.set(param, values);
  }
  return out;
}

/** Whether a predicted value (in the model `plain` names: argumentValue.ts) equals one of the acceptable values, as BFCL compares them. */
export function isAcceptable(value: ArgumentValue, alternatives: readonly unknown[], plain: boolean): boolean {
  for (let k = 0; k < alternatives.length; k++) if (matchesAlternative(value, alternatives[k], plain)) return true;
  return false;
}

// Strings compare after standardize_string; lists element by element in the listed order; a dict
// against a dict alternative (key -> acceptable values); anything else with Python's ==.
function matchesAlternative(value: ArgumentValue, alternative: unknown, plain: boolean): boolean {
  if (typeof alternative === 'string') return typeof value === 'string' && sameStandardized(value, alternative);
  if (Array.isArray(alternative)) {
    if (!Array.isArray(value) || value.length !== alternative.length) return false;
    for (let k = 0; k < value.length; k++) if (!matchesAlternative(value[k], alternative[k], plain)) return false;
    return true;
  }
  if (isPlainObject(alternative)) return isDict(value, plain) && matchesDict(value, alternative, plain);
  return equalsJsValue(value, alternative, plain);
}

// dict_checker: every key given is listed and its value is one of the key's acceptable values;
// every listed key left out allows "". A key's values that are not a list are one value.
function matchesDict(value: ArgumentDict, alternative: Record<string, unknown>, plain: boolean): boolean {
  const keys = dictKeys(value, plain);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (!Object.hasOwn(alternative, key)) return false;
    const listed = alternative[key];
    const given = dictGet(value, key, plain);
    if (!(Array.isArray(listed) ? isAcceptable(given, listed, plain) : matchesAlternative(given, listed, plain))) return false;
  }
  const listedKeys = Object.keys(alternative);
  for (let k = 0; k < listedKeys.length; k++) {
    const key = listedKeys[k]!;
    const listed = alternative[key];
    if (!dictHas(value, key, plain) && !(Array.isArray(listed) && listed.includes(OMITTABLE))) return false;
  }
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
