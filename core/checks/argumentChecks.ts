import type { JsonPath } from '../dataset/jsonPath.ts';
import { pythonReprToJson } from '../dataset/pythonRepr.ts';
import { locateSyntaxError } from '../dataset/syntaxError.ts';
import { MAX_DEPTH, measureDepth } from '../dataset/depth.ts';
import type { Target } from '../dataset/locate.ts';
import type { ArgumentError } from '../schema/index.ts';
import { Findings, isObject, show, tick, typeName } from './findings.ts';
import type { DeclaredTool } from './toolSet.ts';
import { NO_SCHEMA, type ArgumentMemo } from './argumentMemo.ts';

/** Most schema errors reported for one call: past that, the arguments are just wrong. */
const MAX_ERRORS_PER_CALL = 20;

/**
 * Checks a call's `arguments`: a JSON string holding an object valid for the tool's schema.
 * The common mistakes (an object, a double-encoded string, Python repr) are each named.
 * With a `memo`, a text that gave no finding with the same schema before is not read again.
 * `fnPath` is the path of the call's function object (the arguments' path is made only for a finding).
 */
export function checkArguments(args: unknown, fnPath: JsonPath, tool: DeclaredTool | undefined, out: Findings, memo?: ArgumentMemo): void {
  if (args === undefined) {
    out.add('TC509', `The call to ${toolNameOf(tool)} has no "arguments"; expected a JSON string such as "{}".`, { path: [...fnPath], part: 'first-char' });
    return;
  }
  if (typeof args !== 'string') {
    const path = [...fnPath, 'arguments'];
    if (isObject(args)) {
      out.add('TC506', `"arguments" is an object; it must be a JSON string, e.g. ${show(serialized(args), 60)}.`, { path });
      report(schemaErrors(args, tool), args, tool, (p, part) => ({ path: [...path, ...p], part }), out);
    } else {
      out.add('TC510', `"arguments" is ${typeName(args)}; expected a JSON string holding an object.`, { path });
    }
    return;
  }
  const checker = tool?.compiled?.validate ?? NO_SCHEMA;
  if (memo?.wasClean(checker, args)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    reportUnparseable(args, [...fnPath, 'arguments'], out);
    return;
  }
  if (typeof parsed === 'string') {
    const inner = tryParse(parsed);
    if (isObject(inner)) {
      out.add('TC507', '"arguments" is double-encoded: a JSON string of a JSON string; decode it once.', { path: [...fnPath, 'arguments'] }, { decoded: parsed });
      return;
    }
  }
  if (!isObject(parsed)) {
    out.add('TC510', `"arguments" holds ${typeName(parsed)}; expected a JSON object of named arguments.`, { path: [...fnPath, 'arguments'] });
    return;
  }
  const errors = schemaErrors(parsed, tool);
  if (errors.length > 0) report(errors, parsed, tool, (p, part) => ({ path: [...fnPath, 'arguments'], inner: { path: p, part } }), out);
  else memo?.rememberClean(checker, args);
}

/** The tool's name in quotes for a message, or "the tool" when the call names no declared tool. */
const toolNameOf = (tool: DeclaredTool | undefined) => (tool ? tick(tool.name) : 'the tool');

function reportUnparseable(args: string, path: JsonPath, out: Findings): void {
  // Python's syntax shows in quotes or keywords; JSON that only lacks escapes (raw newlines) is not it.
  const looksPython = args.trimStart().startsWith('{') && (args.includes("'") || /\b(True|False|None)\b/.test(args));
  const fromPython = looksPython ? pythonReprToJson(args) : null;
  if (fromPython !== null) {
    out.add('TC508', '"arguments" is written as a Python dict (single quotes, True/False/None); it must be JSON.', { path }, { json: fromPython });
    return;
  }
  if (args.trim() === '') {
    out.add('TC509', '"arguments" is empty; expected a JSON object such as "{}".', { path });
    return;
  }
  const depth = measureDepth(args, MAX_DEPTH);
  if (depth.offset !== -1) {
    out.add('TC509', `"arguments" nests deeper than ${MAX_DEPTH} levels.`, { path, inner: { offset: depth.offset, length: 1 } });
    return;
  }
  const problem = locateSyntaxError(args);
  out.add('TC509', `"arguments" is not valid JSON: ${problem.message}.`, { path, inner: { offset: problem.offset, length: problem.length } });
}

type TargetAt = (instancePath: JsonPath, part: Target['part']) => Target;

/** The tool's schema errors for `value` (none without a compiled schema). */
function schemaErrors(value: Record<string, unknown>, tool: DeclaredTool | undefined): readonly ArgumentError[] {
  const validator = tool?.compiled?.validate;
  return validator ? validator(value) : NO_ERRORS;
}

const NO_ERRORS: readonly ArgumentError[] = [];

/** One finding per schema error, up to MAX_ERRORS_PER_CALL (each error is one finding). */
function report(errors: readonly ArgumentError[], value: Record<string, unknown>, tool: DeclaredTool | undefined, at: TargetAt, out: Findings): void {
  const shown = errors.length > MAX_ERRORS_PER_CALL ? errors.slice(0, MAX_ERRORS_PER_CALL) : errors;
  for (const error of shown) reportSchemaError(error, value, tool!, at, out);
}

function reportSchemaError(error: ArgumentError, value: unknown, tool: DeclaredTool, at: TargetAt, out: Findings): void {
  const where = error.instancePath;
  const label = where.length === 0 ? '' : ` ${tick(where.join('.'))}`;
  const params = error.params;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const inside = where.length === 0 ? `the call to ${tick(tool.name)}` : `argument${label}`;
      out.add('TC511', `Missing required argument ${tick(missing)} in ${inside}.`, at(where, 'first-char'), { missing, objectPath: where });
      return;
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys(propertiesAt(tool, where));
      const hint = allowed.length ? `; allowed: ${allowed.join(', ')}` : '';
      out.add('TC514', `Unknown argument ${tick(extra)} for ${tick(tool.name)}${hint}.`, at([...where, extra], 'key'), { extra });
      return;
    }
    case 'type': {
      const actual = valueAt(value, where);
      out.add('TC512', `Argument${label} must be ${String(params.type)}, not ${typeName(actual)} (${show(actual)}).`, at(where, 'value'), { expected: params.type, actual });
      return;
    }
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      const actual = valueAt(value, where);
      out.add('TC513', `Argument${label} must be one of ${allowed.map((v) => show(v)).join(', ')}; got ${show(actual)}.`, at(where, 'value'), { allowed, actual });
      return;
    }
    case 'internal':
      out.add('TC515', `The arguments of the call to ${tick(tool.name)} could not be validated: ${error.message.replace(/\.$/, '')}.`, at(where, 'value'), { keyword: error.keyword });
      return;
    default:
      out.add('TC515', `Argument${label || ' object'} ${error.message}.`, at(where, 'value'), { keyword: error.keyword });
  }
}

/** The object as JSON text, or a stand-in when it is too deep to serialise. */
function serialized(args: Record<string, unknown>): string {
  try {
    return JSON.stringify(args);
  } catch {
    return '{...}';
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function valueAt(value: unknown, path: JsonPath): unknown {
  let v: unknown = value;
  for (const key of path) v = (v as Record<string | number, unknown> | undefined)?.[key];
  return v;
}

/** Declared properties of the (normalised) schema object at an argument path, for hints. */
function propertiesAt(tool: DeclaredTool, path: JsonPath): Record<string, unknown> {
  let schema: unknown = tool.fn.parameters;
  for (const key of path) {
    if (!isObject(schema)) return {};
    schema = typeof key === 'number' ? schema.items : (schema.properties as Record<string, unknown> | undefined)?.[key];
  }
  return isObject(schema) && isObject(schema.properties) ? schema.properties : {};
}
