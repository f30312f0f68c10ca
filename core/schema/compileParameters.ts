// Compiles one parameters schema (no caching: see schemaCache.ts). Order matters: the meta-schema
// check first (so paths point at what is wrong), then the pre-compile scan (refs, patterns,
// formats), then ajv, whose strict-mode log becomes problems.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ArgumentError, CompiledParameters, JsonPath, SchemaProblem } from './types.ts';
import type { AjvPool } from './ajvPool.ts';
import { draftOf, prepareSchema } from './prepareSchema.ts';
import { metaSchemaProblems } from './metaSchemaProblems.ts';
import { knownDraft07Valid } from './metaValid.ts';
import { strictProblems } from './strictProblems.ts';
import { internalError, toArgumentErrors } from './argumentErrors.ts';
import { pathOf, walkSchemas } from './schemaWalk.ts';

/** Validation that never throws: a stack overflow on deep arguments becomes an 'internal' error. */
function safeValidate(validate: ValidateFunction): (args: unknown) => ArgumentError[] {
  return (args) => {
    try {
      if (validate(args)) return [];
      return toArgumentErrors(validate.errors ?? [], args);
    } catch (error) {
      return [internalError(error)];
    }
  };
}

function fatal(code: SchemaProblem['code'], message: string, path: JsonPath = []): SchemaProblem {
  return { code, message, path, fatal: true };
}

/** The path of the first `$ref` whose value is `ref`, for ajv's "can't resolve reference" errors. */
function refPath(schema: unknown, ref: string): JsonPath {
  let found: JsonPath = [];
  walkSchemas(schema, (site) => {
    if (found.length === 0 && site.schema.$ref === ref) found = [...pathOf(site), '$ref'];
  });
  return found;
}

/** Turns an exception from ajv.compile into a fatal problem. */
function compileErrorProblem(error: unknown, schema: unknown): SchemaProblem {
  const message = error instanceof Error ? error.message : String(error);
  const missingRef = (error as { missingRef?: unknown }).missingRef;
  if (typeof missingRef === 'string') {
    return fatal('invalid-schema', `"$ref" ${JSON.stringify(missingRef)} points to nothing in this schema; define the target under "$defs" or "definitions".`, refPath(schema, missingRef));
  }
  if (error instanceof RangeError) {
    return fatal('budget', 'The schema is too deeply nested to compile (the call stack overflowed); flatten it.');
  }
  return fatal('invalid-schema', `The schema could not be compiled (${message.replace(/\.$/, '')}); fix it so it is valid JSON Schema.`);
}

/** Compiles a parameters schema that passed the budget. Never throws. */
export function compileParameters(schema: unknown, pool: AjvPool): CompiledParameters {
  const { draft } = draftOf(schema);
  const slot = pool.take(draft);
  const { ajv } = slot;
  const prepared = prepareSchema(schema, (name) => Object.hasOwn(ajv.formats, name));
  const problems: SchemaProblem[] = [];
  // The meta-schema check runs on the prepared copy: its root `$schema` is gone, so ajv uses the
  // draft's own meta-schema instead of looking up an arbitrary URI. A plain draft-07 schema is
  // known to pass it (metaValid.ts), which spares compiling the meta-schema.
  const knownValid = draft === 'draft-07' && knownDraft07Valid(prepared.schema);
  if (!knownValid && !ajv.validateSchema(prepared.schema as object)) {
    problems.push(...metaSchemaProblems(ajv.errors as ErrorObject[], prepared.schema));
  }
  problems.push(...prepared.problems);
  if (problems.some((p) => p.fatal)) return { problems, validate: null };

  // ajv caches compiled schemas by object identity; a fresh root object makes sure this compile
  // really runs (and logs its strict complaints) even if the caller passes an object seen before.
  // ajv.removeSchema is not used: it deletes by the schema's untrusted `$id`, which could name a
  // meta-schema. The pool replaces instances instead, which bounds ajv's cache.
  const target = typeof prepared.schema === 'object' && prepared.schema !== null ? { ...prepared.schema } : prepared.schema;
  let validate: ValidateFunction;
  try {
    const { result, log } = slot.collectStrictLog(() => ajv.compile(target as object));
    validate = result;
    problems.push(...strictProblems(log, prepared.schema));
  } catch (error) {
    problems.push(compileErrorProblem(error, prepared.schema));
    return { problems, validate: null };
  }
  return { problems, validate: safeValidate(validate) };
}
