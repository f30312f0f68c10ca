// ajv checks `uniqueItems` by comparing every pair of items: 20,000 objects take seconds, and the
// meta-schema itself uses uniqueItems (on `enum`, `required`), so a 30,000-value enum is slow to
// even check. This replacement is linear: it remembers each item's canonical JSON text.
import type { FuncKeywordDefinition, SchemaValidateFunction } from 'ajv';
import { canonicalJson } from './canonical.ts';

// Prefixes keep the fast paths apart from each other and from canonical JSON ({, [, t, f, n(ull)).
function itemKey(item: unknown): string {
  if (typeof item === 'string') return 's' + item;
  if (typeof item === 'number') return 'n' + item; // -0 and 0 give "n0", as JSON equality wants
  return canonicalJson(item);
}

// Returned by `compile`, so ajv calls it as (data, dataContext), without the schema.
const validateUnique: SchemaValidateFunction = (data: unknown) => {
  if (!Array.isArray(data)) return true;
  const seen = new Map<string, number>();
  for (let i = 0; i < data.length; i++) {
    const key = itemKey(data[i]);
    const j = seen.get(key);
    if (j !== undefined) {
      // Same params and message as ajv's own uniqueItems (i: later index, j: earlier index).
      validateUnique.errors = [{
        keyword: 'uniqueItems',
        params: { i, j },
        message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      } as never];
      return false;
    }
    seen.set(key, i);
  }
  return true;
};

const alwaysValid: SchemaValidateFunction = () => true;

/** Keyword definition replacing ajv's built-in `uniqueItems` (remove that one first). */
export const linearUniqueItems: FuncKeywordDefinition = {
  keyword: 'uniqueItems',
  type: 'array',
  schemaType: 'boolean',
  errors: true,
  compile: (schema: unknown) => (schema === true ? validateUnique : alwaysValid),
};
