// The tools-file rules' codes and the keywords strict mode accepts. The codes themselves are
// declared with every other rule in core/checks/rules.ts.
import { severityOf, type RuleCode, type SeverityOverrides, type SeveritySetting } from '../checks/rules.ts';

/** The tools-file rules (authoring hints TC42x, strict-mode readiness TC43x); declared in RULES. */
export type ToolsRuleCode = 'TC420' | 'TC421' | 'TC422' | 'TC430' | 'TC431' | 'TC432';

/** Codes this module reports: the declaration checks of core/checks (TC4xx) and its own. */
export type ToolsFileCode = RuleCode;

export const toolsSeverityOf = (code: ToolsFileCode, overrides?: SeverityOverrides): SeveritySetting => severityOf(code, overrides);

/**
 * Keywords a strict-mode function schema may use (OpenAI Structured Outputs' supported subset):
 * structure, composition by `anyOf` and `$ref`/`$defs`, string `pattern`/`format`, numeric
 * bounds and array sizes. Anything else (allOf, oneOf, not, if/then/else, patternProperties,
 * minLength/maxLength, uniqueItems, default, ...) is reported as TC432.
 */
export const STRICT_KEYWORDS = new Set([
  'type', 'description', 'title', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const',
  'anyOf', '$ref', '$defs', 'definitions', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
]);
