// Structural (AST) match of one predicted call, scored as the Berkeley Function Calling
// Leaderboard's ast_checker scores it, against the tool's `parameters` JSON Schema and either the
// case's acceptable alternatives (BFCL's possible answers, see acceptable.ts) or, without them,
// the one expected call. The rules, and where we differ from BFCL on purpose, are in README.md
// ("Structural match"):
// - the names must be equal (that the name is declared is checked by the caller, score.ts);
// - every required parameter is given, and no parameter the schema does not declare;
// - types follow the schema: an int is accepted for a number (also inside arrays, where BFCL
//   refuses it), a bool is never an int;
// - strings compare after BFCL's standardize_string, lists in order, dicts key by key;
// - enum membership is a schema-validity matter: a value outside the enum is reported in the
//   reason but fails only with the strictEnums option (BFCL does not check enums);
// - with alternatives, a parameter passes when its value is one of them and may be left out
//   when they list ""; without, an expected parameter may be left out when the schema does not
//   require it, and an unexpected one is accepted when it equals the schema's `default`.
import { isAcceptable, OMITTABLE, type AcceptableArguments } from './acceptable.ts';
import { parseArguments, type ParsedArguments, type ToolCall } from './metrics.ts';
import { fromJsValue, pythonEquals } from './pythonEquals.ts';
import type { PyDict, PyJson } from './pythonJson.ts';
import { pythonJsonDumps } from './pythonJsonDumps.ts';
import { standardizeString } from './standardizeString.ts';

/**
 * Outcome of the structural check. `reason` is one or more sentences: why it failed, or, on a
 * pass, which rule let an omission or an enum mismatch through.
 */
export interface StructuralResult {
  pass: boolean;
  reason?: string;
}

/** Options of the structural check. */
export interface StructuralOptions {
  /** A value outside the schema's enum fails the call (default false: it is only reported). */
  strictEnums?: boolean;
}

type Schema = Record<string, unknown>;

/** What one check learns on the way: notes that explain a pass (only when it explains: `explain`). */
interface Check {
  notes: string[];
  strictEnums: boolean;
  /** False when only the pass is wanted: no reason or note is written (they dump values as JSON). */
  explain: boolean;
}

/**
 * Checks `predicted` against `expected` under the tool's parameters schema, and against the
 * acceptable alternatives when the case has them. With no schema (tool not declared or no
 * `parameters`), values are compared the same way but every expected parameter is required
 * and no other is allowed.
 */
export function structuralMatch(
  expected: ToolCall,
  predicted: ToolCall,
  parameters: unknown,
  acceptable?: AcceptableArguments,
  options: StructuralOptions = {},
  /** Both calls' arguments already parsed (undefined where not JSON), to parse each call once when a case pairs many. */
  parsed?: { expected: ParsedArguments | undefined; predicted: ParsedArguments | undefined },
  /** False: the pass alone is wanted (a summary), and reasons that show values are not written; the pass is the same. */
  explain = true,
): StructuralResult {
  if (predicted.name !== expected.name) {
    return fail(`Function name '${predicted.name}' does not match the expected '${expected.name}'.`);
  }
  const got = parsed ? parsed.predicted : parseArguments(predicted.arguments);
  if (got === undefined) return fail('The predicted arguments are not valid JSON.');
  if (!(got.value instanceof Map)) return fail('The predicted arguments are not a JSON object.');
  const check: Check = { notes: [], strictEnums: options.strictEnums === true, explain };
  let result: StructuralResult;
  if (acceptable !== undefined) {
    result = checkAlternatives(acceptable, got.value, asSchema(parameters), check);
  } else {
    const want = parsed ? parsed.expected : parseArguments(expected.arguments);
    if (want === undefined) return fail('The expected arguments are not valid JSON.');
    if (!(want.value instanceof Map)) return fail('The expected arguments are not a JSON object.');
    result = checkObject(want.value, got.value, asSchema(parameters), '', check);
  }
  if (!result.pass || check.notes.length === 0) return result;
  return { pass: true, reason: check.notes.join(' ') };
}

// BFCL's simple_function_checker: required parameters given, each given one declared and listed
// with a value among its alternatives, each listed one left out only where "" allows it.
function checkAlternatives(acceptable: AcceptableArguments, got: PyDict, schema: Schema | undefined, check: Check): StructuralResult {
  const properties = asSchema(schema?.properties);
  const missing = missingRequired(schema, got);
  if (missing !== undefined) return fail(`Missing required parameter '${missing}'.`);
  for (const [name, value] of got) {
    if (properties !== undefined && !Object.hasOwn(properties, name)) {
      return fail(`Unexpected parameter '${name}', which the schema does not declare.`);
    }
    const alternatives = acceptable.get(name);
    if (alternatives === undefined) return fail(`Unexpected parameter '${name}', which the acceptable answers do not list.`);
    const shape = checkShape(value, asSchema(properties?.[name]), name, check);
    if (!shape.pass) return shape;
    if (!isAcceptable(value, alternatives)) {
      return check.explain ? fail(`Parameter '${name}' is ${show(value)}, which is not among the acceptable ${showAlternatives(alternatives)}.`) : FAIL;
    }
  }
  for (const [name, alternatives] of acceptable) {
    if (got.has(name)) continue;
    if (!alternatives.includes(OMITTABLE)) {
      return fail(`Parameter '${name}' is missing, and the acceptable answers do not allow leaving it out.`);
    }
    if (check.explain) check.notes.push(`'${name}' left out: the acceptable answers allow it.`);
  }
  return PASS;
}

function checkObject(want: PyDict, got: PyDict, schema: Schema | undefined, path: string, check: Check): StructuralResult {
  const properties = asSchema(schema?.properties);
  // Without declared properties the object is free-form: compare its keys as given.
  if (properties === undefined) return checkFreeObject(want, got, path, check);
  const missing = missingRequired(schema, got);
  if (missing !== undefined) return fail(`Missing required parameter '${path + missing}'.`);
  for (const name of got.keys()) {
    if (!Object.hasOwn(properties, name)) return fail(`Unexpected parameter '${path + name}', which the schema does not declare.`);
  }
  // Every parameter of either call, the expected call's first (as a Set of both would give them).
  for (const name of want.keys()) {
    const result = checkParameter(want, got, name, properties, path, check);
    if (!result.pass) return result;
  }
  for (const name of got.keys()) {
    if (want.has(name)) continue;
    const result = checkParameter(want, got, name, properties, path, check);
    if (!result.pass) return result;
  }
  return PASS;
}

// One parameter (in either call or both) of an object whose schema declares its properties.
function checkParameter(want: PyDict, got: PyDict, name: string, properties: Schema, path: string, check: Check): StructuralResult {
  const sub = asSchema(properties[name]);
  const where = path + name;
  if (!got.has(name)) {
    // Required ones were caught above: this one is optional, so leaving it out is a call BFCL accepts.
    if (check.explain) check.notes.push(`'${where}' left out: optional in the schema (the expected call gives ${show(want.get(name)!)}).`);
    return PASS;
  }
  if (!want.has(name)) {
    const value = got.get(name)!;
    const dflt = sub !== undefined && Object.hasOwn(sub, 'default') ? fromJsValue(sub.default) : undefined;
    if (dflt === undefined || !valuesMatch(value, dflt)) {
      return check.explain ? fail(`Parameter '${where}' is not in the expected call and ${show(value)} is not its default.`) : FAIL;
    }
    if (check.explain) check.notes.push(`'${where}' given as its schema default ${show(value)}, which the expected call leaves out.`);
    return PASS;
  }
  return checkValue(want.get(name)!, got.get(name)!, sub, where, check);
}

function checkFreeObject(want: PyDict, got: PyDict, path: string, check: Check): StructuralResult {
  for (const name of want.keys()) {
    if (!got.has(name)) return fail(`Missing parameter '${path + name}'.`);
  }
  for (const name of got.keys()) {
    if (!want.has(name)) return fail(`Unexpected parameter '${path + name}'.`);
  }
  for (const [name, value] of want) {
    const result = checkValue(value, got.get(name)!, undefined, path + name, check);
    if (!result.pass) return result;
  }
  return PASS;
}

function checkValue(want: PyJson, got: PyJson, schema: Schema | undefined, where: string, check: Check): StructuralResult {
  const shape = checkTypeAndEnum(got, schema, where, check);
  if (!shape.pass) return shape;
  if (Array.isArray(want) && Array.isArray(got)) {
    if (want.length !== got.length) return fail(`Parameter '${where}' has ${got.length} items, expected ${want.length}.`);
    const items = asSchema(schema?.items);
    for (let k = 0; k < want.length; k++) {
      const result = checkValue(want[k], got[k], items, `${where}[${k}]`, check);
      if (!result.pass) return result;
    }
    return PASS;
  }
  if (want instanceof Map && got instanceof Map) return checkObject(want, got, schema, `${where}.`, check);
  if (!valuesMatch(got, want)) return check.explain ? fail(`Parameter '${where}' is ${show(got)}, expected ${show(want)}.`) : FAIL;
  return PASS;
}

// With alternatives the values are compared by isAcceptable; here only the schema's types and
// enums, down through array items and declared object properties.
function checkShape(got: PyJson, schema: Schema | undefined, where: string, check: Check): StructuralResult {
  const own = checkTypeAndEnum(got, schema, where, check);
  if (!own.pass) return own;
  if (Array.isArray(got)) {
    const items = asSchema(schema?.items);
    for (let k = 0; k < got.length; k++) {
      const result = checkShape(got[k], items, `${where}[${k}]`, check);
      if (!result.pass) return result;
    }
  } else if (got instanceof Map) {
    const properties = asSchema(schema?.properties);
    for (const [key, item] of got) {
      const result = checkShape(item, asSchema(properties?.[key]), `${where}.${key}`, check);
      if (!result.pass) return result;
    }
  }
  return PASS;
}

function checkTypeAndEnum(got: PyJson, schema: Schema | undefined, where: string, check: Check): StructuralResult {
  if (!hasSchemaType(got, schema)) {
    return fail(`Parameter '${where}' should be of type ${schemaTypes(schema)!.join(' or ')}, got ${pythonTypeName(got)}.`);
  }
  const options = schema?.enum;
  if (!Array.isArray(options) || isEnumValue(got, options)) return PASS;
  if (check.strictEnums) return check.explain ? fail(`Parameter '${where}' is ${show(got)}, which is not one of the schema's enum values.`) : FAIL;
  if (!check.explain) return PASS;
  const near = typeof got === 'string' ? options.find((o): o is string => typeof o === 'string' && standardizeString(o) === standardizeString(got)) : undefined;
  check.notes.push(
    near === undefined
      ? `'${where}' is ${show(got)}, which is not one of the schema's enum values (a schema-validity problem, not scored here).`
      : `'${where}' is ${show(got)}, which is the enum value ${show(near)} only once normalised (a schema-validity problem, not scored here).`,
  );
  return PASS;
}

// Python's `value in enum` on the enum's values: a str equals only the same str (includes
// compares strings by content, and a str is never == a number, bool, list or dict).
function isEnumValue(got: PyJson, options: unknown[]): boolean {
  if (typeof got === 'string') return options.includes(got);
  return options.some((option) => pythonEquals(got, fromJsValue(option)));
}

// Leaf comparison: BFCL's normalised strings, Python == otherwise; containers recurse.
function valuesMatch(a: PyJson, b: PyJson): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b || standardizeString(a) === standardizeString(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => valuesMatch(x, b[k]));
  if (a instanceof Map && b instanceof Map) {
    return a.size === b.size && [...a].every(([key, value]) => b.has(key) && valuesMatch(value, b.get(key)!));
  }
  return pythonEquals(a, b);
}

// The first string of the schema's `required` list that `got` does not have. Walked in place,
// without a filtered copy: every object checked of every case asked for one.
function missingRequired(schema: Schema | undefined, got: PyDict): string | undefined {
  const required = schema?.required;
  if (!Array.isArray(required)) return undefined;
  for (const name of required as unknown[]) if (typeof name === 'string' && !got.has(name)) return name;
  return undefined;
}

// Whether `v` has one of the schema's types (schemaTypes: none listed constrains nothing, a list
// without a string refuses everything), without the list of types unless a message needs it.
function hasSchemaType(v: PyJson, schema: Schema | undefined): boolean {
  const type = schema?.type;
  if (typeof type === 'string') return hasType(v, type);
  if (!Array.isArray(type)) return true;
  for (const t of type as unknown[]) if (typeof t === 'string' && hasType(v, t)) return true;
  return false;
}

function schemaTypes(schema: Schema | undefined): string[] | undefined {
  const type = schema?.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return undefined;
}

function hasType(v: PyJson, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'bigint';
    case 'number': // an int is accepted for a float, a bool is not (as BFCL)
      return typeof v === 'bigint' || typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return v instanceof Map;
    case 'null':
      return v === null;
    default:
      return true; // an unknown type name constrains nothing
  }
}

function pythonTypeName(v: PyJson): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'bigint') return 'integer';
  if (typeof v === 'number') return 'number (float)';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? 'array' : 'object';
}

function show(v: PyJson): string {
  const text = pythonJsonDumps(v);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function showAlternatives(alternatives: readonly unknown[]): string {
  const listed = alternatives.filter((a) => a !== OMITTABLE).map((a) => show(fromJsValue(a)));
  const text = listed.join(', ');
  return listed.length === 1 ? `value ${text}` : `values ${text.length > 120 ? text.slice(0, 117) + '...' : text}`;
}

function asSchema(v: unknown): Schema | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : undefined;
}

const PASS: StructuralResult = { pass: true };
/** A failure whose reason was not asked for (explain false). */
const FAIL: StructuralResult = { pass: false };

function fail(reason: string): StructuralResult {
  return { pass: false, reason };
}
