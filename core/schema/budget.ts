// Size limits checked BEFORE ajv sees a schema. ajv compiles recursively and generates code per
// subschema, so a hostile schema (500-deep, thousands of properties, huge enums) could overflow the
// stack or take seconds. The walk is iterative and stops at the first limit, so its cost is bounded too.
import type { JsonPath, SchemaProblem } from './types.ts';

/** Limits on a parameters schema. */
export interface SchemaBudget {
  /** JSON nesting levels (each `properties` level adds two). */
  maxDepth: number;
  /** JSON values of any kind (objects, arrays, strings, numbers, ...). */
  maxValues: number;
  /** JSON objects (subschemas and object values): ajv's compile time grows with them. */
  maxObjects: number;
  /** Entries of all `properties` maps together. */
  maxProperties: number;
  /** Entries in one allOf/anyOf/oneOf/prefixItems/items list: ajv nests the generated code once per entry. */
  maxListLength: number;
  /** Values in one `enum`. */
  maxEnumValues: number;
  /** Approximate length of the schema as JSON text. */
  maxChars: number;
}

/**
 * Limits chosen far above real tool schemas (the BFCL and cookbook corpora peak at 7 levels,
 * 8 properties, 7 enum values, 1 KB) and at or above OpenAI's Structured Outputs limits where
 * they matter (10 schema levels ~ 40 JSON levels, 1,000 enum values), while keeping ajv's compile
 * of a schema at the limits under a second on a cold, loaded machine (2,000 properties: 0.1-0.9 s;
 * 4,000 anyOf entries overflow V8's parser on the generated code).
 */
export const DEFAULT_BUDGET: SchemaBudget = {
  maxDepth: 64,
  maxValues: 50_000,
  maxObjects: 3_000,
  maxProperties: 2_000,
  maxListLength: 500,
  maxEnumValues: 10_000,
  maxChars: 1_000_000,
};

const LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);

interface Frame {
  value: unknown;
  parent: Frame | null;
  key: string | number | null;
  depth: number;
}

function pathOfFrame(frame: Frame): JsonPath {
  const path: JsonPath = [];
  for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) path.push(f.key);
  return path.reverse();
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The first budget the schema exceeds, as a fatal problem, or null when it is within budget.
 * Fatal because compiling a trimmed copy would check arguments against a schema nobody wrote.
 */
export function checkBudget(schema: unknown, budget: SchemaBudget = DEFAULT_BUDGET): SchemaProblem | null {
  return withinBudget(schema, budget) ? null : firstBudgetProblem(schema, budget);
}

/** The counts firstBudgetProblem keeps, summed over the whole value. */
class Totals {
  values = 0;
  chars = 0;
  objects = 0;
  properties = 0;
}

/**
 * True when firstBudgetProblem would find nothing: each of its counts only grows as it walks
 * (values visited, pending and about to be pushed are all values of the schema), so totals
 * within the limits, no container at the depth limit and no list too long mean no problem. A
 * recursive walk without a frame per value: a real schema's check costs a third of the frames'.
 * False (the walk decides) at the first limit reached.
 */
function withinBudget(schema: unknown, budget: SchemaBudget): boolean {
  const totals = new Totals();
  return sumWithin(schema, null, 0, budget, totals) && totals.chars <= budget.maxChars;
}

function sumWithin(value: unknown, key: string | number | null, depth: number, budget: SchemaBudget, totals: Totals): boolean {
  if (++totals.values > budget.maxValues) return false;
  if (typeof value === 'string') {
    totals.chars += value.length + 2;
    return true;
  }
  if (value === null || typeof value !== 'object') {
    totals.chars += 5;
    return true;
  }
  if (depth >= budget.maxDepth) return false;
  totals.chars += 2;
  if (Array.isArray(value)) {
    if ((key === 'enum' && value.length > budget.maxEnumValues) || (LIST_KEYWORDS.has(key as string) && value.length > budget.maxListLength)) return false;
    for (let i = 0; i < value.length; i++) if (!sumWithin(value[i], i, depth + 1, budget, totals)) return false;
    return true;
  }
  const keys = Object.keys(value);
  if (++totals.objects > budget.maxObjects) return false;
  if (key === 'properties' && (totals.properties += keys.length) > budget.maxProperties) return false;
  for (let i = 0; i < keys.length; i++) {
    totals.chars += keys[i].length + 3;
    if (!sumWithin((value as Record<string, unknown>)[keys[i]], keys[i], depth + 1, budget, totals)) return false;
  }
  return true;
}

/** checkBudget's walk: the first limit reached, in document order, with its path. */
export function firstBudgetProblem(schema: unknown, budget: SchemaBudget = DEFAULT_BUDGET): SchemaProblem | null {
  let values = 0;
  let chars = 0;
  let properties = 0;
  let objects = 0;
  const stack: Frame[] = [{ value: schema, parent: null, key: null, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const value = frame.value;
    values++;
    if (typeof value === 'string') {
      chars += value.length + 2;
    } else if (value === null || typeof value !== 'object') {
      chars += 5;
    } else {
      if (frame.depth >= budget.maxDepth) {
        return problem(frame, `The schema nests deeper than ${fmt(budget.maxDepth)} levels; flatten it (tool parameters are rarely more than a few levels deep).`);
      }
      chars += 2;
      const keys = Array.isArray(value) ? null : Object.keys(value);
      const size = keys ? keys.length : (value as unknown[]).length;
      if (!keys && frame.key === 'enum' && size > budget.maxEnumValues) {
        return problem(frame, `This "enum" lists ${fmt(size)} values, more than the ${fmt(budget.maxEnumValues)} allowed; list fewer values or describe them with a "pattern".`);
      }
      if (!keys && LIST_KEYWORDS.has(frame.key as string) && size > budget.maxListLength) {
        return problem(frame, `This "${frame.key}" lists ${fmt(size)} schemas, more than the ${fmt(budget.maxListLength)} allowed; merge alternatives or split the tool.`);
      }
      if (keys && ++objects > budget.maxObjects) {
        return problem(frame, `The schema has more than ${fmt(budget.maxObjects)} objects (subschemas), more than any real tool schema; split the tool or simplify its parameters.`);
      }
      // Visited + pending + these children: checked before pushing, so the stack stays bounded too.
      if (values + stack.length + size > budget.maxValues) {
        return problem(frame, `The schema has more than ${fmt(budget.maxValues)} JSON values, more than any real tool schema; split the tool or simplify its parameters.`);
      }
      if (!keys) {
        const array = value as unknown[];
        for (let i = size - 1; i >= 0; i--) {
          stack.push({ value: array[i], parent: frame, key: i, depth: frame.depth + 1 });
        }
      } else {
        // Approximate: a property literally named "properties" also counts; a budget need not be exact.
        if (frame.key === 'properties') {
          properties += size;
          if (properties > budget.maxProperties) {
            return problem(frame, `The schema declares more than ${fmt(budget.maxProperties)} properties in total; split the tool or simplify its parameters.`);
          }
        }
        for (let i = size - 1; i >= 0; i--) {
          chars += keys[i].length + 3;
          stack.push({ value: (value as Record<string, unknown>)[keys[i]], parent: frame, key: keys[i], depth: frame.depth + 1 });
        }
      }
    }
    if (chars > budget.maxChars) {
      return problem(frame, `The schema is longer than ${fmt(budget.maxChars)} characters, more than any real tool schema; shorten its descriptions or split the tool.`);
    }
  }
  return null;
}

function problem(frame: Frame, message: string): SchemaProblem {
  return { code: 'budget', message, path: pathOfFrame(frame), fatal: true };
}
