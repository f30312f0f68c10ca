// Looks through a schema before ajv compiles it, for what ajv would fetch, choke on or run unsafely:
// `$ref`s leaving the document, patterns RE2 cannot run, formats ajv does not know, and `$schema`.
// Returns an edited copy (the input is never mutated) and the problems found.
import type { JsonPath, SchemaProblem } from './types.ts';
import type { Draft } from './ajvPool.ts';
import { isPlainObject, pathOf, walkSchemas, type SchemaSite } from './schemaWalk.ts';
import { SchemaEditor } from './schemaEditor.ts';
import { unsupportedPatternMessage } from './safeRegExp.ts';

const DRAFTS: Record<string, Draft> = {
  'http://json-schema.org/draft-07/schema': 'draft-07',
  'https://json-schema.org/draft-07/schema': 'draft-07',
  'https://json-schema.org/draft/2019-09/schema': '2019-09',
  'https://json-schema.org/draft/2020-12/schema': '2020-12',
};

const REF_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'];

export interface PreparedSchema {
  schema: unknown;
  draft: Draft;
  problems: SchemaProblem[];
}

/** The draft named by a root `$schema` (default draft-07), and a problem when it names another. */
export function draftOf(schema: unknown): { draft: Draft; problem: SchemaProblem | null } {
  if (!isPlainObject(schema) || !Object.hasOwn(schema, '$schema')) return { draft: 'draft-07', problem: null };
  const uri = schema.$schema;
  const key = typeof uri === 'string' ? uri.replace(/#$/, '') : '';
  if (Object.hasOwn(DRAFTS, key)) return { draft: DRAFTS[key], problem: null };
  return {
    draft: 'draft-07',
    problem: {
      code: 'invalid-schema',
      message: `"$schema" ${JSON.stringify(uri)} is not a supported draft, so the schema is checked as draft-07; use draft-07, 2019-09 or 2020-12, or leave "$schema" out.`,
      path: ['$schema'],
      fatal: false,
    },
  };
}

/**
 * Why `pattern` is not a JavaScript regex, or null. ajv's meta-schema check skips formats, so
 * `"format": "regex"` is checked here. Accepted with or without the `u` flag: pasted patterns
 * often escape characters (`\_`) that only non-Unicode mode allows.
 */
function jsRegExpError(pattern: string): string | null {
  try {
    new RegExp(pattern); // compiling only: nothing is matched, so this cannot backtrack
    return null;
  } catch {
    try {
      new RegExp(pattern, 'u');
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}

/** The problem with a `pattern` or `patternProperties` key, or null when RE2 can run it. */
function patternProblem(pattern: string, path: JsonPath, fatalIfUnsupported: boolean): SchemaProblem | null {
  const jsError = jsRegExpError(pattern);
  if (jsError) {
    return {
      code: 'invalid-schema',
      message: `Pattern ${JSON.stringify(pattern)} is not a valid regular expression (${jsError.replace(/^Invalid regular expression: \/.*\/\w*: /s, '')}); fix its syntax.`,
      path,
      fatal: true,
    };
  }
  const message = unsupportedPatternMessage(pattern);
  return message ? { code: 'unsupported-pattern', message, path, fatal: fatalIfUnsupported } : null;
}

/** True when dropping a patternProperties entry would make its properties count as "additional". */
function constrainsOtherProperties(schema: Record<string, unknown>): boolean {
  return (Object.hasOwn(schema, 'additionalProperties') && schema.additionalProperties !== true)
    || (Object.hasOwn(schema, 'unevaluatedProperties') && schema.unevaluatedProperties !== true);
}

/**
 * Finds external refs (fatal: nothing is ever fetched), unsupported patterns and unknown formats
 * (dropped from the copy, so the rest of the schema still checks arguments), and removes the root
 * `$schema` (the draft picks the ajv instance instead).
 */
export function prepareSchema(schema: unknown, knownFormats: (name: string) => boolean): PreparedSchema {
  const { draft, problem } = draftOf(schema);
  const problems: SchemaProblem[] = problem ? [problem] : [];
  const editor = new SchemaEditor(schema);
  walkSchemas(schema, (site) => {
    const node = site.schema;
    if (site.parent === null && Object.hasOwn(node, '$schema')) delete editor.writable(site).$schema;
    for (const keyword of REF_KEYWORDS) {
      const ref = Object.hasOwn(node, keyword) ? node[keyword] : undefined;
      if (typeof ref === 'string' && !ref.startsWith('#')) {
        problems.push({
          code: 'external-ref',
          message: `"${keyword}" ${JSON.stringify(ref)} points outside this schema, and schemas are never fetched; copy the definition into "$defs" and refer to it as "#/$defs/<name>".`,
          path: [...pathOf(site), keyword],
          fatal: true,
        });
      }
    }
    checkProtoProperty(site, problems);
    checkPattern(site, editor, problems);
    checkPatternProperties(site, editor, problems);
    checkFormat(site, editor, problems, knownFormats);
  });
  return { schema: editor.result, draft, problems };
}

// ajv skips a property named "__proto__" (to prevent prototype pollution), so say it is unchecked.
function checkProtoProperty(site: SchemaSite, problems: SchemaProblem[]): void {
  const properties = Object.hasOwn(site.schema, 'properties') ? site.schema.properties : undefined;
  if (!isPlainObject(properties) || !Object.hasOwn(properties, '__proto__')) return;
  problems.push({
    code: 'strict-keyword',
    message: 'Property "__proto__" cannot be declared (validators ignore that name to prevent prototype pollution, so it counts as undeclared); rename the property.',
    path: [...pathOf(site), 'properties', '__proto__'],
    fatal: false,
  });
}

function checkPattern(site: SchemaSite, editor: SchemaEditor, problems: SchemaProblem[]): void {
  const pattern = Object.hasOwn(site.schema, 'pattern') ? site.schema.pattern : undefined;
  if (typeof pattern !== 'string') return;
  const problem = patternProblem(pattern, [...pathOf(site), 'pattern'], false);
  if (!problem) return;
  problems.push(problem);
  delete editor.writable(site).pattern;
}

function checkPatternProperties(site: SchemaSite, editor: SchemaEditor, problems: SchemaProblem[]): void {
  const map = Object.hasOwn(site.schema, 'patternProperties') ? site.schema.patternProperties : undefined;
  if (!isPlainObject(map)) return;
  const fatal = constrainsOtherProperties(site.schema);
  let kept: Record<string, unknown> | null = null;
  for (const pattern of Object.keys(map)) {
    const problem = patternProblem(pattern, [...pathOf(site), 'patternProperties', pattern], fatal);
    if (!problem) continue;
    problems.push(problem);
    kept ??= { ...map };
    delete kept[pattern];
  }
  if (kept) editor.writable(site).patternProperties = kept;
}

function checkFormat(site: SchemaSite, editor: SchemaEditor, problems: SchemaProblem[], knownFormats: (name: string) => boolean): void {
  const format = Object.hasOwn(site.schema, 'format') ? site.schema.format : undefined;
  if (typeof format !== 'string' || knownFormats(format)) return;
  problems.push({
    code: 'unknown-format',
    message: `Format ${JSON.stringify(format)} is not known, so it is not checked; use a standard format (date-time, date, email, uri, uuid, ...) or explain it in "description".`,
    path: [...pathOf(site), 'format'],
    fatal: false,
  });
  // ajv throws on unknown formats in strict mode; dropping the keyword keeps the rest usable.
  delete editor.writable(site).format;
}
