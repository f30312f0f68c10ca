// Infers a parameters schema from the arguments of every call to a tool.
import { argumentsValue, readLine } from './datasetLine.ts';

/**
 * Enum rule: a location becomes an `enum` when all its values are strings, it was seen at least
 * ENUM_MIN_OBSERVATIONS times, it took at most ENUM_MAX_VALUES distinct values, and at least
 * one value repeats (three calls with three different names are not a closed set).
 */
export const ENUM_MIN_OBSERVATIONS = 3;
export const ENUM_MAX_VALUES = 5;

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';
const TYPE_ORDER: JsonType[] = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'];

/** Everything observed at one location of the arguments. */
class Shape {
  seen = 0;
  readonly types = new Set<JsonType>();
  /** Distinct strings in first-seen order (tracking stops past ENUM_MAX_VALUES). */
  readonly strings: string[] = [];
  stringCount = 0;
  tooManyStrings = false;
  readonly properties = new Map<string, Shape>();
  objects = 0;
  items: Shape | undefined;

  observe(value: unknown): void {
    this.seen++;
    const type = typeOf(value);
    this.types.add(type);
    if (type === 'string') {
      this.stringCount++;
      if (!this.tooManyStrings && !this.strings.includes(value as string)) {
        if (this.strings.length === ENUM_MAX_VALUES) this.tooManyStrings = true;
        else this.strings.push(value as string);
      }
    } else if (type === 'object') {
      this.objects++;
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        let shape = this.properties.get(key);
        if (!shape) this.properties.set(key, (shape = new Shape()));
        shape.observe(child);
      }
    } else if (type === 'array') {
      this.items ??= new Shape();
      for (const item of value as unknown[]) this.items.observe(item);
    }
  }

  schema(): Record<string, unknown> {
    let types = TYPE_ORDER.filter((t) => this.types.has(t));
    if (types.includes('integer') && types.includes('number')) types = types.filter((t) => t !== 'integer');
    const schema: Record<string, unknown> = {};
    if (types.length > 0) schema.type = types.length === 1 ? types[0] : types;
    if (types.length === 1 && types[0] === 'string' && this.isClosedSet()) schema.enum = [...this.strings];
    if (this.types.has('object')) {
      const properties: Record<string, unknown> = {};
      for (const [key, shape] of this.properties) properties[key] = shape.schema();
      schema.properties = properties;
      const required = [...this.properties].filter(([, shape]) => shape.presentIn === this.objects).map(([key]) => key);
      if (required.length > 0) schema.required = required;
    }
    if (this.types.has('array') && this.items && this.items.seen > 0) schema.items = this.items.schema();
    return schema;
  }

  /** Times this location was present in its parent objects (each object counts once per key). */
  get presentIn(): number {
    return this.seen;
  }

  private isClosedSet(): boolean {
    return !this.tooManyStrings && this.stringCount >= ENUM_MIN_OBSERVATIONS && this.strings.length < this.stringCount;
  }
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

export interface Inference {
  /** The inferred parameters schema (`{"type": "object", ...}`). */
  schema: Record<string, unknown>;
  /** Calls to the tool found. */
  calls: number;
  /** Calls whose arguments could not be used, with why (0-based lines). */
  skipped: { line: number; reason: string }[];
}

/**
 * A JSON Schema for `toolName`'s parameters from the arguments of all its calls: types (integer
 * when every number is whole, else number), `required` for keys present in every call, `enum`
 * for small closed sets of strings (see ENUM_*), nested objects, and `items` merged over every
 * element of every array.
 */
export function inferSchema(lines: readonly string[], toolName: string): Inference {
  const root = new Shape();
  let calls = 0;
  const skipped: Inference['skipped'] = [];
  lines.forEach((text, line) => {
    for (const call of readLine(text).calls) {
      if (call.name !== toolName) continue;
      calls++;
      const args = argumentsValue(call.arguments);
      if (!args) skipped.push({ line, reason: '`arguments` is not valid JSON' });
      else if (typeof args.value !== 'object' || args.value === null || Array.isArray(args.value)) skipped.push({ line, reason: '`arguments` is not a JSON object' });
      else root.observe(args.value);
    }
  });
  const schema = root.seen > 0 ? root.schema() : { type: 'object', properties: {} };
  return { schema, calls, skipped };
}

/** Names of the tools called in the dataset, in order of first call, with their call counts. */
export function calledTools(lines: readonly string[]): { name: string; calls: number }[] {
  const counts = new Map<string, number>();
  for (const text of lines) for (const call of readLine(text).calls) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  return [...counts].map(([name, calls]) => ({ name, calls }));
}
