// Authoring hints (TC420-TC422) and strict-mode readiness (TC430-TC432) for one declaration's
// parameters schema. Pure: findings carry JSON paths; the caller positions them.
import type { JsonPath } from '../dataset/jsonPath.ts';
import type { Part } from '../dataset/locate.ts';
import { isPlainObject, pathOf, walkSchemas } from '../schema/schemaWalk.ts';
import { STRICT_KEYWORDS, type ToolsRuleCode } from './rules.ts';

/** A hint before positioning: where (a path from the file's root) and what. */
export interface ToolHint {
  code: ToolsRuleCode;
  message: string;
  path: JsonPath;
  part?: Part;
}

const tick = (s: unknown) => '"' + String(s) + '"';

/**
 * Hints for one `function` object found at `fnPath`. `strict` adds the readiness checks.
 * Schemas nested deeper than `maxDepth` are not visited.
 */
export function declarationHints(fn: Record<string, unknown>, fnPath: JsonPath, strict: boolean, maxDepth = 64): ToolHint[] {
  const hints: ToolHint[] = [];
  const name = typeof fn.name === 'string' ? fn.name : '(unnamed)';
  if (typeof fn.description !== 'string' || fn.description.trim() === '') {
    const hasName = typeof fn.name === 'string';
    hints.push({
      code: 'TC421',
      message: `Function ${tick(name)} has no description; say what it does and when to call it, so the model can choose it.`,
      path: hasName ? [...fnPath, 'name'] : fnPath,
      part: hasName ? 'value' : 'first-char',
    });
  }
  const parameters = fn.parameters;
  if (!isPlainObject(parameters)) return hints;
  const base: JsonPath = [...fnPath, 'parameters'];
  walkSchemas(parameters, (site) => {
    const schema = site.schema;
    const at = [...base, ...pathOf(site)];
    const properties = isPlainObject(schema.properties) ? schema.properties : undefined;
    if (properties) {
      for (const [key, property] of Object.entries(properties)) {
        if (isPlainObject(property) && (typeof property.description !== 'string' || property.description.trim() === '')) {
          hints.push({ code: 'TC420', message: `Parameter ${tick(key)} of ${tick(name)} has no description; say what the value means and its format.`, path: [...at, 'properties', key], part: 'key' });
        }
      }
    }
    if (Array.isArray(schema.enum)) {
      const kinds = [...new Set(schema.enum.map(kindOf))];
      if (kinds.length > 1) {
        hints.push({ code: 'TC422', message: `"enum" of ${tick(name)} mixes ${kinds.join(' and ')} values; use one type so arguments match as written.`, path: [...at, 'enum'] });
      }
    }
    if (strict) strictHints(schema, at, name, hints);
  }, maxDepth);
  return hints;
}

function strictHints(schema: Record<string, unknown>, at: JsonPath, name: string, hints: ToolHint[]): void {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const properties = isPlainObject(schema.properties) ? schema.properties : undefined;
  if ((types.includes('object') || properties) && schema.additionalProperties !== false) {
    const where: Pick<ToolHint, 'path' | 'part'> = 'additionalProperties' in schema
      ? { path: [...at, 'additionalProperties'] }
      : 'type' in schema ? { path: [...at, 'type'] } : { path: at, part: 'first-char' };
    hints.push({ code: 'TC430', message: `Object schema in ${tick(name)} needs "additionalProperties": false in strict mode.`, ...where });
  }
  if (properties) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const key of Object.keys(properties)) {
      if (!required.includes(key)) {
        hints.push({ code: 'TC431', message: `Property ${tick(key)} of ${tick(name)} is not in "required"; strict mode needs every property required (allow null in its "type" to make it optional).`, path: [...at, 'properties', key], part: 'key' });
      }
    }
  }
  for (const keyword of Object.keys(schema)) {
    if (!STRICT_KEYWORDS.has(keyword)) {
      hints.push({ code: 'TC432', message: `Keyword ${tick(keyword)} is not supported in strict mode; remove it, or state the constraint in "description".`, path: [...at, keyword], part: 'key' });
    }
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value === 'object' ? 'object' : typeof value;
}
