// BFCL-style structural (AST) match of one predicted call against the expected
// call, checked against the tool's `parameters` JSON Schema. Follows gorilla's
// ast_checker where it applies to one expected answer per parameter:
// - strings compare after BFCL's standardize_string (lower-case, drop spaces and
//   `,./-_*^`, and `'` read as `"`, as BFCL does);
// - an int is accepted where the schema says number; a bool is never an int;
// - arrays compare in order, objects recursively with their own schema.
// BFCL lists "" among acceptable answers to mark an optional parameter; with a
// single expected call we use the schema's `default` instead: an optional
// parameter present on one side only passes iff the value there equals the
// default (leaving it out means the same call).
import { parseArguments, type ParsedArguments, type ToolCall } from './metrics.ts';
import { pythonJsonDumps, type PyDict, type PyJson } from './pythonJson.ts';
import { fromJsValue, pythonEquals } from './pythonEquals.ts';

/** Outcome of the structural check; `reason` is one sentence, set on failure. */
export interface StructuralResult {
  pass: boolean;
  reason?: string;
}

type Schema = Record<string, unknown>;

const PASS: StructuralResult = { pass: true };

/**
 * Checks `predicted` against `expected` under the tool's parameters schema. With no
 * schema (tool not declared), values are compared the same way but every expected
 * parameter is required and no other is allowed. `parsed` gives both calls' arguments as
 * parseArguments returns them, to parse each call once when comparing many pairs.
 */
export function structuralMatch(expected: ToolCall, predicted: ToolCall, parameters: unknown, parsed?: { want: ParsedArguments | undefined; got: ParsedArguments | undefined }): StructuralResult {
  if (predicted.name !== expected.name) {
    return fail(`Function name '${predicted.name}' does not match the expected '${expected.name}'.`);
  }
  // `parsed`: the same parseArguments results, when the caller has them already (scoreCase).
  const want = parsed ? parsed.want : parseArguments(expected.arguments);
  if (want === undefined) return fail('The expected arguments are not valid JSON.');
  const got = parsed ? parsed.got : parseArguments(predicted.arguments);
  if (got === undefined) return fail('The predicted arguments are not valid JSON.');
  if (!(got.value instanceof Map)) return fail('The predicted arguments are not a JSON object.');
  if (!(want.value instanceof Map)) return fail('The expected arguments are not a JSON object.');
  return checkObject(want.value, got.value, asSchema(parameters), '');
}

function checkObject(want: PyDict, got: PyDict, schema: Schema | undefined, path: string): StructuralResult {
  const properties = asSchema(schema?.properties);
  const required = Array.isArray(schema?.required) ? (schema.required as unknown[]).filter((r) => typeof r === 'string') : undefined;
  // Without declared properties the object is free-form: compare its keys as given.
  if (properties === undefined) return checkFreeObject(want, got, path);
  for (const name of required ?? []) {
    if (!got.has(name)) return fail(`Missing required parameter '${path + name}'.`);
  }
  for (const name of got.keys()) {
    if (!Object.hasOwn(properties, name)) return fail(`Unexpected parameter '${path + name}', which the schema does not declare.`);
  }
  for (const name of new Set([...want.keys(), ...got.keys()])) {
    const sub = asSchema(properties[name]);
    const where = path + name;
    if (!got.has(name) || !want.has(name)) {
      const present = (got.has(name) ? got.get(name) : want.get(name))!;
      const dflt = sub !== undefined && Object.hasOwn(sub, 'default') ? fromJsValue(sub.default) : undefined;
      if (dflt !== undefined && valuesMatch(present, dflt)) continue;
      return fail(
        got.has(name)
          ? `Parameter '${where}' is not in the expected call and ${show(present)} is not its default.`
          : `Parameter '${where}' is missing; the expected ${show(present)} is not its default.`,
      );
    }
    const result = checkValue(want.get(name)!, got.get(name)!, sub, where);
    if (!result.pass) return result;
  }
  return PASS;
}

function checkFreeObject(want: PyDict, got: PyDict, path: string): StructuralResult {
  for (const name of want.keys()) {
    if (!got.has(name)) return fail(`Missing parameter '${path + name}'.`);
  }
  for (const name of got.keys()) {
    if (!want.has(name)) return fail(`Unexpected parameter '${path + name}'.`);
  }
  for (const [name, value] of want) {
    const result = checkValue(value, got.get(name)!, undefined, path + name);
    if (!result.pass) return result;
  }
  return PASS;
}

function checkValue(want: PyJson, got: PyJson, schema: Schema | undefined, where: string): StructuralResult {
  const types = schemaTypes(schema);
  if (types !== undefined && !types.some((t) => hasType(got, t))) {
    return fail(`Parameter '${where}' should be of type ${types.join(' or ')}, got ${pythonTypeName(got)}.`);
  }
  if (Array.isArray(schema?.enum) && !schema.enum.some((option) => pythonEquals(got, fromJsValue(option)))) {
    return fail(`Parameter '${where}' is ${show(got)}, which is not one of the schema's enum values.`);
  }
  if (Array.isArray(want) && Array.isArray(got)) {
    if (want.length !== got.length) return fail(`Parameter '${where}' has ${got.length} items, expected ${want.length}.`);
    const items = asSchema(schema?.items);
    for (let k = 0; k < want.length; k++) {
      const result = checkValue(want[k], got[k], items, `${where}[${k}]`);
      if (!result.pass) return result;
    }
    return PASS;
  }
  if (want instanceof Map && got instanceof Map) return checkObject(want, got, schema, `${where}.`);
  if (!valuesMatch(got, want)) return fail(`Parameter '${where}' is ${show(got)}, expected ${show(want)}.`);
  return PASS;
}

// Leaf comparison: BFCL's normalised strings, Python == otherwise; containers recurse.
function valuesMatch(a: PyJson, b: PyJson): boolean {
  if (typeof a === 'string' && typeof b === 'string') return standardizeString(a) === standardizeString(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => valuesMatch(x, b[k]));
  if (a instanceof Map && b instanceof Map) {
    return a.size === b.size && [...a].every(([key, value]) => b.has(key) && valuesMatch(value, b.get(key)!));
  }
  return pythonEquals(a, b);
}

/** BFCL's standardize_string: drop spaces and `,./-_*^`, lower-case, `'` as `"`. */
export function standardizeString(s: string): string {
  return s.replace(/[ ,./\-_*^]/g, '').toLowerCase().replaceAll("'", '"');
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

function asSchema(v: unknown): Schema | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : undefined;
}

function fail(reason: string): StructuralResult {
  return { pass: false, reason };
}
