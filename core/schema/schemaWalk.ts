// Visits every subschema of a JSON Schema (draft-07, 2019-09, 2020-12 keywords) without recursion.
// Only schema positions are visited: a property *named* "pattern" or "type" is not a keyword.
import type { JsonPath } from './types.ts';

/** A schema object found in the tree. Paths are built on demand from parent links, so deep trees stay linear. */
export interface SchemaSite {
  schema: Record<string, unknown>;
  parent: SchemaSite | null;
  /** Segments from the parent schema to this one: ['items'] or ['properties', 'unit']. */
  via: JsonPath;
  /** Length of the path from the root (JSON nesting levels). */
  depth: number;
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

/**
 * Calls `visit` for the root and every nested schema object, parents before children, in document
 * order. Sites deeper than `maxDepth` JSON levels are not visited (paths to them would make the
 * output quadratic in the depth).
 */
export function walkSchemas(root: unknown, visit: (site: SchemaSite) => void, maxDepth = Infinity): void {
  if (!isPlainObject(root)) return;
  const seen = new Set<object>();
  const stack: SchemaSite[] = [{ schema: root, parent: null, via: [], depth: 0 }];
  while (stack.length > 0) {
    const site = stack.pop()!;
    if (seen.has(site.schema) || site.depth > maxDepth) continue; // shared or cyclic objects only come from code
    seen.add(site.schema);
    visit(site);
    pushChildren(site, stack);
  }
}

const SINGLE = new Set(SINGLE_SCHEMA_KEYWORDS);
const LIST = new Set(SCHEMA_LIST_KEYWORDS);
const MAP = new Set(SCHEMA_MAP_KEYWORDS);

function pushChildren(site: SchemaSite, stack: SchemaSite[]): void {
  const schema = site.schema;
  const children: SchemaSite[] = [];
  const add = (value: unknown, via: JsonPath) => {
    if (isPlainObject(value)) children.push({ schema: value, parent: site, via, depth: site.depth + via.length });
  };
  for (const keyword of Object.keys(schema)) {
    const value = schema[keyword];
    if (MAP.has(keyword) && isPlainObject(value)) {
      for (const name of Object.keys(value)) add(value[name], [keyword, name]);
    } else if (LIST.has(keyword) && Array.isArray(value)) {
      value.forEach((item, i) => add(item, [keyword, i]));
    } else if (SINGLE.has(keyword) || keyword === 'items') {
      add(value, [keyword]);
    }
  }
  // Pushed in reverse so children are visited in document order.
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
}
