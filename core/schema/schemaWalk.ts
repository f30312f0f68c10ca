// Visits every subschema of a JSON Schema (draft-07, 2019-09, 2020-12 keywords) without recursion.
// Only schema positions are visited: a property *named* "pattern" or "type" is not a keyword.
import type { JsonPath } from './types.ts';

/** A schema object found in the tree. Paths are built on demand from parent links, so deep trees stay linear. */
export interface SchemaSite {
  schema: Record<string, unknown>;
  parent: SchemaSite | null;
  /** Segments from the parent schema to this one: ['items'] or ['properties', 'unit']. */
  via: JsonPath;
}

/** Keywords whose value is one schema. */
export const SINGLE_SCHEMA_KEYWORDS = [
  'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else',
  'unevaluatedItems', 'unevaluatedProperties', 'contentSchema',
];
/** Keywords whose value is an array of schemas (`items` may be either form). */
export const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords whose value maps names to schemas (`dependencies` values may also be name arrays, skipped). */
export const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies'];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The path of a site from the root schema. */
export function pathOf(site: SchemaSite): JsonPath {
  const parts: JsonPath[] = [];
  for (let s: SchemaSite | null = site; s && s.parent; s = s.parent) parts.push(s.via);
  const path: JsonPath = [];
  for (let i = parts.length - 1; i >= 0; i--) path.push(...parts[i]);
  return path;
}

/** Calls `visit` for the root and every nested schema object, parents before children. */
export function walkSchemas(root: unknown, visit: (site: SchemaSite) => void): void {
  if (!isPlainObject(root)) return;
  const seen = new Set<object>();
  const stack: SchemaSite[] = [{ schema: root, parent: null, via: [] }];
  while (stack.length > 0) {
    const site = stack.pop()!;
    if (seen.has(site.schema)) continue; // shared or cyclic objects (only possible from code, not JSON.parse)
    seen.add(site.schema);
    visit(site);
    pushChildren(site, stack);
  }
}

function pushChildren(site: SchemaSite, stack: SchemaSite[]): void {
  const schema = site.schema;
  const push = (value: unknown, via: JsonPath) => {
    if (isPlainObject(value)) stack.push({ schema: value, parent: site, via });
  };
  // Pushed in reverse so siblings are visited in document order.
  for (let k = SCHEMA_MAP_KEYWORDS.length - 1; k >= 0; k--) {
    const keyword = SCHEMA_MAP_KEYWORDS[k];
    const map = Object.hasOwn(schema, keyword) ? schema[keyword] : undefined;
    if (!isPlainObject(map)) continue;
    const names = Object.keys(map);
    for (let i = names.length - 1; i >= 0; i--) push(map[names[i]], [keyword, names[i]]);
  }
  for (let k = SCHEMA_LIST_KEYWORDS.length - 1; k >= 0; k--) {
    const keyword = SCHEMA_LIST_KEYWORDS[k];
    const list = Object.hasOwn(schema, keyword) ? schema[keyword] : undefined;
    if (Array.isArray(list)) {
      for (let i = list.length - 1; i >= 0; i--) push(list[i], [keyword, i]);
    } else {
      push(list, [keyword]);
    }
  }
  for (let k = SINGLE_SCHEMA_KEYWORDS.length - 1; k >= 0; k--) {
    const keyword = SINGLE_SCHEMA_KEYWORDS[k];
    if (Object.hasOwn(schema, keyword)) push(schema[keyword], [keyword]);
  }
}
