// xLAM writes parameters as {name: {type: "str" | "int" | "List[str]" | "str, optional", description,
// default}}. These map the Python-style type names to JSON Schema and back; a name that does not
// map is kept under "x-xlam-type" (and reported) so writing xLAM again restores it.
import { isObject } from './example.ts';

/** JSON Schema for an xLAM type name, or undefined when it does not map. */
export function schemaForXlamType(name: string): Record<string, unknown> | undefined {
  const t = name.trim();
  const simple: Record<string, Record<string, unknown>> = {
    str: { type: 'string' }, string: { type: 'string' },
    int: { type: 'integer' }, integer: { type: 'integer' },
    float: { type: 'number' }, number: { type: 'number' },
    bool: { type: 'boolean' }, boolean: { type: 'boolean' },
    dict: { type: 'object' }, Dict: { type: 'object' }, 'Dict[str, Any]': { type: 'object' }, object: { type: 'object' },
    list: { type: 'array' }, List: { type: 'array' }, array: { type: 'array' },
    Any: {},
  };
  if (Object.hasOwn(simple, t)) return { ...simple[t] };
  const list = /^(?:List|list)\[(.+)\]$/.exec(t);
  if (list) {
    const items = schemaForXlamType(list[1]);
    return items ? { type: 'array', items } : undefined;
  }
  return undefined;
}

/** The xLAM type name of a JSON Schema, and the keywords it cannot carry. */
export function xlamTypeForSchema(schema: Record<string, unknown>): { type: string; dropped: string[] } {
  const dropped: string[] = [];
  const type = typeName(schema, dropped);
  return { type, dropped };
}

const NAMES: Record<string, string> = { string: 'str', integer: 'int', number: 'float', boolean: 'bool', object: 'dict' };
// Keywords an xLAM parameter holds itself; everything else in the schema is reported as dropped.
// Items of a list are only a type name.
const CARRIED = new Set(['type', 'description', 'default', 'x-xlam-type']);
const CARRIED_IN_ITEMS = new Set(['type', 'x-xlam-type']);

function typeName(schema: Record<string, unknown>, dropped: string[], prefix = ''): string {
  const carried = prefix === '' ? CARRIED : CARRIED_IN_ITEMS;
  for (const key of Object.keys(schema)) {
    if (!carried.has(key) && !(key === 'items' && schema['type'] === 'array')) dropped.push(prefix + key);
  }
  if (typeof schema['x-xlam-type'] === 'string') return schema['x-xlam-type'];
  const type = schema['type'];
  if (type === undefined) return 'Any';
  if (typeof type !== 'string') {
    dropped.push(`${prefix}type`);
    return 'Any';
  }
  if (type === 'array') {
    const items = schema['items'];
    if (!isObject(items)) return 'List';
    return `List[${typeName(items, dropped, `${prefix}items.`)}]`;
  }
  if (Object.hasOwn(NAMES, type)) return NAMES[type];
  dropped.push(`${prefix}type`);
  return 'Any';
}

const OPTIONAL = /,\s*optional\s*$/i;

/** Splits "str, optional" into the type and whether the parameter is optional. */
export function splitOptional(type: string): { type: string; optional: boolean } {
  return OPTIONAL.test(type) ? { type: type.replace(OPTIONAL, ''), optional: true } : { type, optional: false };
}
