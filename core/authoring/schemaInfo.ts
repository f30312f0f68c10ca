// What the authoring features read from a tool's parameters schema: the schema of an
// argument, its type as words, a placeholder value, and a schema inferred from a call.
import { isObject } from '../checks/findings.ts';
import type { DeclaredTool } from '../checks/toolSet.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { normalizeTypes } from '../schema/index.ts';

export type Schema = Record<string, unknown>;

/** The tool's parameters with non-standard type names mapped (what validation uses). */
export function parametersOf(tool: DeclaredTool | undefined): Schema | undefined {
  const parameters = tool?.fn.parameters;
  if (!isObject(parameters)) return undefined;
  const normalized = normalizeTypes(parameters).schema;
  return isObject(normalized) ? normalized : undefined;
}

/** The schema of the value at `path` inside the arguments (properties for keys, items for indexes). */
export function schemaAt(parameters: Schema | undefined, path: JsonPath): Schema | undefined {
  let schema: unknown = parameters;
  for (const key of path) {
    if (!isObject(schema)) return undefined;
    if (typeof key === 'number') {
      schema = Array.isArray(schema.prefixItems) && key < schema.prefixItems.length ? schema.prefixItems[key] : schema.items;
    } else {
      const properties = schema.properties;
      schema = isObject(properties) && Object.hasOwn(properties, key) ? properties[key] : undefined;
    }
  }
  return isObject(schema) ? schema : undefined;
}

/** Declared properties of an object schema, in declaration order. */
export function propertiesOf(schema: Schema | undefined): [string, Schema][] {
  const properties = schema?.properties;
  if (!isObject(properties)) return [];
  return Object.entries(properties).map(([k, v]) => [k, isObject(v) ? v : {}]);
}

export function requiredOf(schema: Schema | undefined): string[] {
  return Array.isArray(schema?.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
}

/** `string`, `integer`, `"a" | "b"`, `string | null`, `array of string`, `any`. */
export function typeLabel(schema: Schema | undefined): string {
  if (!schema) return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length === 0) return 'any';
  return types.map((t) => (t === 'array' && isObject(schema.items) ? `array of ${typeLabel(schema.items)}` : t)).join(' | ');
}

/** A value of the right type to start from: the first enum value, else "", 0 (or the minimum), false, [], {}. */
export function placeholderFor(schema: Schema | undefined): unknown {
  if (!schema) return '';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
      if (min !== undefined && min > 0) return type === 'integer' ? Math.ceil(min) : min;
      const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
      return max !== undefined && max < 0 ? (type === 'integer' ? Math.floor(max) : max) : 0;
    }
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    case 'null':
      return null;
    default:
      return '';
  }
}

/** A JSON Schema describing a value, from the value alone (for a declaration skeleton). */
export function inferSchema(value: unknown): Schema {
  if (value === null) return {};
  if (Array.isArray(value)) return value.length > 0 ? { type: 'array', items: inferSchema(value[0]) } : { type: 'array' };
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      const entries = Object.entries(value as Record<string, unknown>);
      return { type: 'object', properties: Object.fromEntries(entries.map(([k, v]) => [k, inferSchema(v)])), required: entries.map(([k]) => k) };
    }
    default:
      return {};
  }
}
