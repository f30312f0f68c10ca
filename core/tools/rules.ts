// Rule codes of the tools-file checks (authoring hints and strict-mode readiness). Kept apart
// from core/checks/rules.ts until they are merged there; codes never change meaning.
import type { Severity, SeverityOverrides, SeveritySetting } from '../checks/rules.ts';
import { RULES } from '../checks/rules.ts';

/** Every tools-file rule, by stable code. */
export const TOOLS_RULES = {
  // 42x: authoring hints (info)
  TC420: { severity: 'info', title: 'Parameter without a description' },
  TC421: { severity: 'info', title: 'Function without a description' },
  TC422: { severity: 'info', title: '`enum` values of mixed types' },
  // 43x: strict mode readiness (only with `toolcall.tools.strictReadiness`)
  TC430: { severity: 'warning', title: 'Object schema without `additionalProperties: false`' },
  TC431: { severity: 'warning', title: 'Property not listed in `required`' },
  TC432: { severity: 'warning', title: 'Keyword not supported in strict mode' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type ToolsRuleCode = keyof typeof TOOLS_RULES;

/** Codes this module reports: the declaration checks of core/checks (TC4xx) and its own. */
export type ToolsFileCode = ToolsRuleCode | keyof typeof RULES;

export function toolsSeverityOf(code: ToolsFileCode, overrides?: SeverityOverrides): SeveritySetting {
  const own = overrides?.[code];
  if (own) return own;
  return code in TOOLS_RULES ? TOOLS_RULES[code as ToolsRuleCode].severity : RULES[code as keyof typeof RULES].severity;
}

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
