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
import { dictGet, dictHas, dictKeys, dictValue, dumpsValue, equalsJsValue, isDict, isInt, valuesEqual, type ArgumentDict, type ArgumentValue } from './argumentValue.ts';
import { parseArguments, type ParsedArguments, type ToolCall } from './metrics.ts';
import { fromJsValue } from './pythonEquals.ts';
import { sameStandardized } from './standardizeString.ts';

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
  /** The model both calls' values are read in (argumentValue.ts). */
  plain: boolean;
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
  /** False: the pass alone is wanted (a summary), and reasons that show values are not written; the pass is the same. */
  explain = true,
): StructuralResult {
  // No parse for a name mismatch, nor of the expected call when alternatives stand for it.
  const sameName = predicted.name === expected.name;
  const want = sameName && acceptable === undefined ? parseArguments(expected.arguments) : undefined;
  return structuralMatchParsed(expected, predicted, parameters, acceptable, options, want, sameName ? parseArguments(predicted.arguments) : undefined, explain);
}

/**
 * structuralMatch on arguments already parsed (`want` is not read when alternatives stand for the
 * expected call): the summary's way, which makes no object per pair to hand them over.
 */
export function structuralMatchParsed(
  expected: ToolCall,
  predicted: ToolCall,
  parameters: unknown,
  acceptable: AcceptableArguments | undefined,
  options: StructuralOptions,
  want: ParsedArguments | undefined,
  got: ParsedArguments | undefined,
  explain: boolean,
): StructuralResult {
  if (predicted.name !== expected.name) {
    return fail(`Function name '${predicted.name}' does not match the expected '${expected.name}'.`);
  }
  if (got === undefined) return fail('The predicted arguments are not valid JSON.');
  // Plain values are read as they are when both calls have one; else both in the Python model.
  const plain = got.plain !== undefined && (acceptable !== undefined || want === undefined || want.plain !== undefined);
  const gotValue = plain ? got.plain : got.value;
  if (!isDict(gotValue, plain)) return fail('The predicted arguments are not a JSON object.');
  // Notes are written only when explaining: no array per pair for the pass alone.
  const check: Check = { plain, notes: explain ? [] : NO_NOTES, strictEnums: options.strictEnums === true, explain };
  let result: StructuralResult;
  if (acceptable !== undefined) {
    result = checkAlternatives(acceptable, gotValue, asSchema(parameters), check);
  } else {
    if (want === undefined) return fail('The expected arguments are not valid JSON.');
    const wantValue = plain ? want.plain : want.value;
    if (!isDict(wantValue, plain)) return fail('The expected arguments are not a JSON object.');
    result = checkObject(wantValue, gotValue, asSchema(parameters), '', check);
  }
  if (!result.pass || check.notes.length === 0) return result;
  return { pass: true, reason: check.notes.join(' ') };
}

const NO_NOTES: string[] = [];

// BFCL's simple_function_checker: required parameters given, each given one declared and listed
// with a value among its alternatives, each listed one left out only where "" allows it.
function checkAlternatives(acceptable: AcceptableArguments, got: ArgumentDict, schema: Schema | undefined, check: Check): StructuralResult {
  const { plain } = check;
  const properties = asSchema(schema?.properties);
  const missing = missingRequired(schema, got, plain);
  if (missing !== undefined) return fail(`Missing required parameter '${missing}'.`);
  const gotKeys = dictKeys(got, plain);
  for (let k = 0; k < gotKeys.length; k++) {
    const name = gotKeys[k]!;
    if (properties !== undefined && !Object.hasOwn(properties, name)) {
      return fail(`Unexpected parameter '${name}', which the schema does not declare.`);
    }
    const alternatives = acceptable.get(name);
    if (alternatives === undefined) return fail(`Unexpected parameter '${name}', which the acceptable answers do not list.`);
    const value = dictGet(got, name, plain);
    const shape = checkShape(value, asSchema(properties?.[name]), name, check);
    if (!shape.pass) return shape;
    if (!isAcceptable(value, alternatives, plain)) {
      return check.explain ? fail(`Parameter '${name}' is ${show(value, plain)}, which is not among the acceptable ${showAlternatives(alternatives)}.`) : FAIL;
    }
  }
  for (const [name, alternatives] of acceptable) {
    if (dictHas(got, name, plain)) continue;
    if (!alternatives.includes(OMITTABLE)) {
      return fail(`Parameter '${name}' is missing, and the acceptable answers do not allow leaving it out.`);
    }
    if (check.explain) check.notes.push(`'${name}' left out: the acceptable answers allow it.`);
  }
  return PASS;
}

function checkObject(want: ArgumentDict, got: ArgumentDict, schema: Schema | undefined, path: string, check: Check): StructuralResult {
  const { plain } = check;
  const properties = asSchema(schema?.properties);
  // Without declared properties the object is free-form: compare its keys as given.
  if (properties === undefined) return checkFreeObject(want, got, path, check);
  const missing = missingRequired(schema, got, plain);
  if (missing !== undefined) return fail(`Missing required parameter '${path + missing}'.`);
  const gotKeys = dictKeys(got, plain);
  for (let k = 0; k < gotKeys.length; k++) {
    if (!Object.hasOwn(properties, gotKeys[k]!)) return fail(`Unexpected parameter '${path + gotKeys[k]}', which the schema does not declare.`);
  }
  // Every parameter of either call, the expected call's first (as a Set of both would give them).
  // One parse shared by both calls (equal texts) is one dict, which has every key of the other.
  const wantKeys = dictKeys(want, plain);
  for (let k = 0; k < wantKeys.length; k++) {
    const name = wantKeys[k]!;
    const value = dictGet(want, name, plain);
    const result = checkParameter(value, want === got ? value : dictValue(got, name, plain), name, properties, path, check);
    if (!result.pass) return result;
  }
  if (want === got) return PASS;
  for (let k = 0; k < gotKeys.length; k++) {
    const name = gotKeys[k]!;
    if (dictHas(want, name, plain)) continue;
    const result = checkParameter(undefined, dictGet(got, name, plain), name, properties, path, check);
    if (!result.pass) return result;
  }
  return PASS;
}

// One parameter of an object whose schema declares its properties, with its value in either call
// or both (undefined where a call leaves it out).
function checkParameter(want: ArgumentValue, got: ArgumentValue, name: string, properties: Schema, path: string, check: Check): StructuralResult {
  const { plain } = check;
  const sub = asSchema(properties[name]);
  const where = path + name;
  if (got === undefined) {
    // Required ones were caught above: this one is optional, so leaving it out is a call BFCL accepts.
    if (check.explain) check.notes.push(`'${where}' left out: optional in the schema (the expected call gives ${show(want, plain)}).`);
    return PASS;
  }
  if (want === undefined) {
    if (sub === undefined || !Object.hasOwn(sub, 'default') || !matchesJsValue(got, sub.default, plain)) {
      return check.explain ? fail(`Parameter '${where}' is not in the expected call and ${show(got, plain)} is not its default.`) : FAIL;
    }
    if (check.explain) check.notes.push(`'${where}' given as its schema default ${show(got, plain)}, which the expected call leaves out.`);
    return PASS;
  }
  return checkValue(want, got, sub, where, check);
}

function checkFreeObject(want: ArgumentDict, got: ArgumentDict, path: string, check: Check): StructuralResult {
  const { plain } = check;
  const wantKeys = dictKeys(want, plain);
  for (let k = 0; k < wantKeys.length; k++) {
    if (!dictHas(got, wantKeys[k]!, plain)) return fail(`Missing parameter '${path + wantKeys[k]}'.`);
  }
  const gotKeys = dictKeys(got, plain);
  for (let k = 0; k < gotKeys.length; k++) {
    if (!dictHas(want, gotKeys[k]!, plain)) return fail(`Unexpected parameter '${path + gotKeys[k]}'.`);
  }
  for (let k = 0; k < wantKeys.length; k++) {
    const name = wantKeys[k]!;
    const result = checkValue(dictGet(want, name, plain), dictGet(got, name, plain), undefined, path + name, check);
    if (!result.pass) return result;
  }
  return PASS;
}

function checkValue(want: ArgumentValue, got: ArgumentValue, schema: Schema | undefined, where: string, check: Check): StructuralResult {
  const { plain } = check;
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
  if (isDict(want, plain) && isDict(got, plain)) return checkObject(want, got, schema, `${where}.`, check);
  if (!valuesMatch(got, want, plain)) return check.explain ? fail(`Parameter '${where}' is ${show(got, plain)}, expected ${show(want, plain)}.`) : FAIL;
  return PASS;
}

// With alternatives the values are compared by isAcceptable; here only the schema's types and
// enums, down through array items and declared object properties.
function checkShape(got: ArgumentValue, schema: Schema | undefined, where: string, check: Check): StructuralResult {
  const { plain } = check;
  const own = checkTypeAndEnum(got, schema, where, check);
  if (!own.pass) return own;
  if (Array.isArray(got)) {
    const items = asSchema(schema?.items);
    for (let k = 0; k < got.length; k++) {
      const result = checkShape(got[k], items, `${where}[${k}]`, check);
      if (!result.pass) return result;
    }
  } else if (isDict(got, plain)) {
    const properties = asSchema(schema?.properties);
    const keys = dictKeys(got, plain);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const result = checkShape(dictGet(got, key, plain), asSchema(properties?.[key]), `${where}.${key}`, check);
      if (!result.pass) return result;
    }
  }
  return PASS;
}

function checkTypeAndEnum(got: ArgumentValue, schema: Schema | undefined, where: string, check: Check): StructuralResult {
  const { plain } = check;
  if (!hasSchemaType(got, schema, plain)) {
    return fail(`Parameter '${where}' should be of type ${schemaTypes(schema)!.join(' or ')}, got ${pythonTypeName(got, plain)}.`);
  }
  const options = schema?.enum;
  if (!Array.isArray(options) || isEnumValue(got, options, plain)) return PASS;
  if (check.strictEnums) return check.explain ? fail(`Parameter '${where}' is ${show(got, plain)}, which is not one of the schema's enum values.`) : FAIL;
  if (!check.explain) return PASS;
  const near = typeof got === 'string' ? options.find((o): o is string => typeof o === 'string' && sameStandardized(o, got)) : undefined;
  check.notes.push(
    near === undefined
      ? `'${where}' is ${show(got, plain)}, which is not one of the schema's enum values (a schema-validity problem, not scored here).`
      : `'${where}' is ${show(got, plain)}, which is the enum value ${show(near, plain)} only once normalised (a schema-validity problem, not scored here).`,
  );
  return PASS;
}

// Python's `value in enum` on the enum's values: a str equals only the same str (includes
// compares strings by content, and a str is never == a number, bool, list or dict).
function isEnumValue(got: ArgumentValue, options: unknown[], plain: boolean): boolean {
  if (typeof got === 'string') return options.includes(got);
  for (let k = 0; k < options.length; k++) if (equalsJsValue(got, options[k], plain)) return true;
  return false;
}

// Leaf comparison: BFCL's normalised strings, Python == otherwise; containers recurse.
function valuesMatch(a: ArgumentValue, b: ArgumentValue, plain: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b || sameStandardized(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!valuesMatch(a[k], b[k], plain)) return false;
    return true;
  }
  if (isDict(a, plain) && isDict(b, plain)) {
    const keys = dictKeys(a, plain);
    if (keys.length !== dictKeys(b, plain).length) return false;
    for (let k = 0; k < keys.length; k++) {
      const other = dictValue(b, keys[k]!, plain);
      if (other === undefined || !valuesMatch(dictGet(a, keys[k]!, plain), other, plain)) return false;
    }
    return true;
  }
  return valuesEqual(a, b, plain);
}

// valuesMatch against a schema's default, a value from JSON.parse (fromJsValue's in the Python model).
function matchesJsValue(v: ArgumentValue, js: unknown, plain: boolean): boolean {
  return plain ? valuesMatch(v, js, true) : valuesMatch(v, fromJsValue(js), false);
}

// The first string of the schema's `required` list that `got` does not have. Walked in place,
// without a filtered copy: every object checked of every case asked for one.
function missingRequired(schema: Schema | undefined, got: ArgumentDict, plain: boolean): string | undefined {
  const required = schema?.required;
  if (!Array.isArray(required)) return undefined;
  for (let k = 0; k < required.length; k++) {
    const name: unknown = required[k];
    if (typeof name === 'string' && !dictHas(got, name, plain)) return name;
  }
  return undefined;
}

// Whether `v` has one of the schema's types (schemaTypes: none listed constrains nothing, a list
// without a string refuses everything), without the list of types unless a message needs it.
function hasSchemaType(v: ArgumentValue, schema: Schema | undefined, plain: boolean): boolean {
  const type = schema?.type;
  if (typeof type === 'string') return hasType(v, type, plain);
  if (!Array.isArray(type)) return true;
  for (let k = 0; k < type.length; k++) {
    const t: unknown = type[k];
    if (typeof t === 'string' && hasType(v, t, plain)) return true;
  }
  return false;
}

function schemaTypes(schema: Schema | undefined): string[] | undefined {
  const type = schema?.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return undefined;
}

function hasType(v: ArgumentValue, type: string, plain: boolean): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return isInt(v, plain);
    case 'number': // an int is accepted for a float, a bool is not (as BFCL)
      return typeof v === 'bigint' || typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isDict(v, plain);
    case 'null':
      return v === null;
    default:
      return true; // an unknown type name constrains nothing
  }
}

function pythonTypeName(v: ArgumentValue, plain: boolean): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (isInt(v, plain)) return 'integer';
  if (typeof v === 'number') return 'number (float)';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? 'array' : 'object';
}

function show(v: ArgumentValue, plain: boolean): string {
  const text = dumpsValue(v, plain);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

function showAlternatives(alternatives: readonly unknown[]): string {
  const listed = alternatives.filter((a) => a !== OMITTABLE).map((a) => show(fromJsValue(a), false));
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
