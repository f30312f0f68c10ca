// Public API of the safe tool-schema compiler: budgets, linear-time patterns, no remote refs,
// a bounded cache, and validation that never throws.
export type { JsonPath, SchemaProblem, ArgumentError, CompiledParameters, NonStandardType } from './types.ts';
export { normalizeTypes } from './normalizeTypes.ts';
export { canonicalKey, canonicalKeyOfParsed } from './canonical.ts';
export { SchemaCache } from './schemaCache.ts';
export { DEFAULT_BUDGET, type SchemaBudget } from './budget.ts';
export { liftRequiredFlags, type RequiredFlag } from './requiredFlags.ts';
