// An OpenAPI schema object (resolved) as a plain JSON Schema for a function's parameters:
// OpenAPI 3.0's `nullable` becomes a null type, documentation-only keywords are dropped (and
// named), and a `$ref` still present (swagger-parser leaves cycles unresolved) refuses the tool.

/** An operation whose schema refers back to itself; the message has the path of the cycle. */
export class CycleError extends Error {}

type Json = Record<string, any>;

/** Keywords that only document or describe serialisation; a function schema has no use for them. */
const DROPPED = new Set(['example', 'examples', 'xml', 'externalDocs', 'discriminator', 'readOnly', 'writeOnly', 'deprecated', 'nullable']);
const MAX_DEPTH = 64;

/**
 * A copy of `schema` fit for `parameters`. `context` names where it is ("GET /pets parameter
 * limit"), for the notes pushed to `dropped` and for the cycle error.
 */
export function openApiSchema(schema: Json, context: string, dropped: string[], document: Json = {}): Json {
  const removed = new Set<string>();
  const out = convert(schema, [], new Set(), { removed, context, document, refs: [] });
  if (removed.size > 0) dropped.push(`${context}: ${[...removed].map((k) => JSON.stringify(k)).join(', ')}`);
  return out;
}

interface Walk {
  removed: Set<string>;
  context: string;
  /** The resolved spec, to follow the `$ref`s swagger-parser left (they all lead into a cycle). */
  document: Json;
  /** The `$ref`s being expanded, outermost first. */
  refs: string[];
}

function convert(schema: unknown, path: string[], ancestors: Set<object>, walk: Walk): any {
  if (Array.isArray(schema)) return schema.map((s, i) => convert(s, [...path, String(i)], ancestors, walk));
  if (schema === null || typeof schema !== 'object') return schema;
  const at = () => (path.length > 0 ? ` at ${path.join('.')}` : '');
  const ref = (schema as Json).$ref;
  if (typeof ref === 'string') {
    const first = walk.refs.indexOf(ref);
    if (first >= 0) throw new CycleError(`its schema is cyclic: ${walk.context}${at()}: ${[...walk.refs.slice(first), ref].join(' -> ')}; a cyclic schema cannot be declared to OpenAI.`);
    const target = resolvePointer(walk.document, ref);
    if (target === undefined) throw new CycleError(`its schema has a $ref that cannot be resolved: ${walk.context}${at()}: ${ref}.`);
    walk.refs.push(ref);
    try {
      return convert(target, path, ancestors, walk);
    } finally {
      walk.refs.pop();
    }
  }
  if (ancestors.has(schema)) throw new CycleError(`its schema is cyclic: ${walk.context}${at()} contains itself.`);
  if (path.length > MAX_DEPTH) throw new CycleError(`its schema is nested deeper than ${MAX_DEPTH} levels: ${walk.context}${at()}.`);
  ancestors.add(schema);
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (DROPPED.has(key) || key.startsWith('x-')) {
      if (key !== 'nullable') walk.removed.add(key);
      continue;
    }
    if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions') {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([name, s]) => [name, convert(s, [...path, key, name], ancestors, walk)]));
    } else if (['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf', 'prefixItems', 'contains'].includes(key)) {
      out[key] = convert(value, [...path, key], ancestors, walk);
    } else {
      out[key] = value;
    }
  }
  ancestors.delete(schema);
  if ((schema as Json).nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.type === undefined) return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

/** The value at a local JSON pointer (`#/components/schemas/Node`), or undefined. */
function resolvePointer(document: Json, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let current: unknown = document;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}
