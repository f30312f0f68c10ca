// Non-standard schema types (`dict`, `float`, `String`, ...) rewritten to JSON Schema in one
// declaration; the same rewrite run on every line gives "in all declarations of the file".
import { isObject } from '../../checks/findings.ts';
import type { JsonPath } from '../../dataset/jsonPath.ts';
import { normalizeTypes, type NonStandardType } from '../../schema/index.ts';
import { removeProperty, replaceValue, styleOf, toJsonText } from '../jsonEdit.ts';
import type { LineAnalysis } from '../lineAnalysis.ts';
import { valueIn } from './argumentSite.ts';
import { tick, type FixProvider } from './types.ts';

/** `[root, i, 'function', 'parameters']` (or `[functions, i, 'parameters']`) of a path inside a declaration. */
export function parametersPathOf(path: JsonPath): JsonPath | undefined {
  const base = path[0] === 'tools' ? path.slice(0, 4) : path[0] === 'functions' ? path.slice(0, 3) : undefined;
  return base && base[base.length - 1] === 'parameters' && typeof base[1] === 'number' ? base : undefined;
}

/** The line body with every non-standard `type` of the parameters at `parametersPath` made standard. */
export function standardizeTypes(line: LineAnalysis, body: string, parametersPath: JsonPath): { body: string; replaced: NonStandardType[] } | undefined {
  const parameters = line.valueAt(parametersPath);
  if (!isObject(parameters)) return undefined;
  const { schema, nonStandard } = normalizeTypes(parameters);
  if (nonStandard.length === 0) return undefined;
  // One edit per `type` keyword (a union lists several names under one keyword).
  const sites = new Map<string, JsonPath>();
  for (const found of nonStandard) {
    const site = typeof found.path[found.path.length - 1] === 'number' ? found.path.slice(0, -1) : found.path;
    sites.set(JSON.stringify(site), site);
  }
  const style = styleOf(body);
  let next: string | undefined = body;
  for (const site of sites.values()) {
    const normalizedParent = valueIn(schema, site.slice(0, -1));
    const path = [...parametersPath, ...site];
    next = isObject(normalizedParent) && Object.hasOwn(normalizedParent, 'type')
      ? next && replaceValue(next, path, toJsonText(normalizedParent.type, style))
      : next && removeProperty(next, path);
  }
  return next === undefined ? undefined : { body: next, replaced: nonStandard };
}

const describe = (replaced: NonStandardType[]) =>
  [...new Map(replaced.map((r) => [r.found, r.standard])).entries()].map(([found, standard]) => (standard ? `${tick(found)} → ${tick(standard)}` : `drop ${tick(found)}`)).join(', ');

const standardTypes: FixProvider = (finding, line) => {
  const parametersPath = parametersPathOf(finding.target.path);
  const result = parametersPath && standardizeTypes(line, line.body, parametersPath);
  if (!result) return [];
  const name = line.valueAt([...parametersPath.slice(0, -1), 'name']);
  return [{ title: `Use standard JSON Schema types in ${tick(name)}: ${describe(result.replaced)}`, newText: line.withBody(result.body), auto: true, preferred: true }];
};

export const schemaTypeFixes = { TC408: standardTypes };
