// Rewrites type names people paste from Python, Java and JavaScript (BFCL's "dict", "float",
// "HashMap", "String", ...) to JSON Schema types, so such schemas can still check arguments.
import type { JsonPath, NonStandardType } from './types.ts';
import { pathOf, walkSchemas, type SchemaSite } from './schemaWalk.ts';
import { SchemaEditor, setOwn } from './schemaEditor.ts';
import { DEFAULT_BUDGET } from './budget.ts';

export const STANDARD_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/**
 * Non-standard names, matched case-insensitively, and the JSON Schema type each means.
 * null means "any value": the type constraint is dropped rather than guessed.
 */
const TYPE_SYNONYMS: Record<string, string | null> = {
  // Python
  dict: 'object', list: 'array', tuple: 'array', set: 'array', str: 'string', int: 'integer',
  float: 'number', bool: 'boolean', none: 'null', nonetype: 'null', any: null,
  // Java / JavaScript / C#
  hashmap: 'object', map: 'object', treemap: 'object', linkedhashmap: 'object', hashtable: 'object',
  dictionary: 'object', arraylist: 'array', linkedlist: 'array', hashset: 'array', vector: 'array',
  collection: 'array', char: 'string', character: 'string', long: 'integer', short: 'integer',
  byte: 'integer', bigint: 'integer', biginteger: 'integer', double: 'number', decimal: 'number',
  bigdecimal: 'number',
  // Sized numeric names from OpenAPI/protobuf habits
  int32: 'integer', int64: 'integer', float32: 'number', float64: 'number',
  // Capitalised standard names ("String", "Boolean", "Array", "Integer", "Number", "Null")
  string: 'string', boolean: 'boolean', array: 'array', integer: 'integer', number: 'number', null: 'null',
  object: 'object',
};

/**
 * Exact spellings that differ from their lowercase: Java's `Object` accepts any value (BFCL's Java
 * answers pass variable names as strings), so it means "any", while `object` is already standard.
 */
const EXACT_SYNONYMS: Record<string, string | null> = { Object: null };

/** The JSON Schema type for a type name, or null for "any" (unknown names included: nothing sound to check). */
export function standardTypeFor(name: string): string | null {
  if (STANDARD_TYPES.has(name)) return name;
  if (Object.hasOwn(EXACT_SYNONYMS, name)) return EXACT_SYNONYMS[name];
  const lower = name.toLowerCase();
  return Object.hasOwn(TYPE_SYNONYMS, lower) ? TYPE_SYNONYMS[lower] : null;
}

/**
 * Rewrites non-standard type names to standard JSON Schema types, returning a copy and the list of
 * replacements. Standard schemas are returned unchanged (same object) with an empty list.
 * Parts nested deeper than the compile budget's depth are left as they are: compile() refuses
 * such schemas anyway, and listing paths thousands of levels long would cost quadratic memory.
 */
export function normalizeTypes(schema: unknown): { schema: unknown; nonStandard: NonStandardType[] } {
  const nonStandard: NonStandardType[] = [];
  const editor = new SchemaEditor(schema);
  walkSchemas(schema, (site) => {
    if (!Object.hasOwn(site.schema, 'type')) return;
    const type = site.schema.type;
    if (typeof type === 'string') normalizeSingle(site, type, editor, nonStandard);
    else if (Array.isArray(type)) normalizeUnion(site, type, editor, nonStandard);
  }, DEFAULT_BUDGET.maxDepth);
  return { schema: editor.result, nonStandard };
}

function normalizeSingle(site: SchemaSite, type: string, editor: SchemaEditor, found: NonStandardType[]): void {
  if (STANDARD_TYPES.has(type)) return;
  const standard = standardTypeFor(type);
  found.push({ path: [...pathOf(site), 'type'], found: type, standard });
  const copy = editor.writable(site);
  if (standard === null) delete copy.type;
  else setOwn(copy, 'type', standard);
}

function normalizeUnion(site: SchemaSite, types: unknown[], editor: SchemaEditor, found: NonStandardType[]): void {
  if (types.every((t) => typeof t !== 'string' || STANDARD_TYPES.has(t))) return;
  const base: JsonPath = [...pathOf(site), 'type'];
  const mapped: unknown[] = [];
  let any = false;
  types.forEach((t, i) => {
    if (typeof t !== 'string') {
      mapped.push(t); // kept for the meta-schema check to report
      return;
    }
    const standard = standardTypeFor(t);
    if (!STANDARD_TYPES.has(t)) found.push({ path: [...base, i], found: t, standard });
    if (standard === null) any = true;
    else if (!mapped.includes(standard)) mapped.push(standard);
  });
  const copy = editor.writable(site);
  // One member meaning "any" makes the whole union "any".
  if (any) delete copy.type;
  else setOwn(copy, 'type', mapped.length === 1 ? mapped[0] : mapped);
}
