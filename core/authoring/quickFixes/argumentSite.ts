// Fixes of argument values work the same whether `arguments` is the expected JSON string
// (the finding points inside it) or an object written by mistake (the finding points into
// the line itself): this resolves both to "a JSON text and a path in it".
import type { JsonPath } from '../../dataset/jsonPath.ts';
import type { DeclaredTool } from '../../checks/toolSet.ts';
import { callPathOf, functionPathOf, type LineAnalysis, type LocatedFinding } from '../lineAnalysis.ts';

export interface ArgumentSite {
  /** The call's tool, when declared. */
  tool: DeclaredTool | undefined;
  /** The finding's location relative to the arguments object. */
  path: JsonPath;
  /** The parsed arguments object. */
  args: unknown;
  /** The new line after `change(jsonText, pathInThatText)` edits the JSON holding the arguments. */
  edit(change: (json: string, path: JsonPath) => string | undefined): string | undefined;
}

export function argumentSite(finding: LocatedFinding, line: LineAnalysis): ArgumentSite | undefined {
  const target = finding.target;
  const callPath = callPathOf(target.path);
  if (!callPath) return undefined;
  const fnPath = functionPathOf(callPath);
  const argsPath = [...fnPath, 'arguments'];
  const tool = line.tool(line.valueAt([...fnPath, 'name']));
  if (target.inner && 'path' in target.inner) {
    const innerPath = target.inner.path;
    const embedded = line.embedded(argsPath);
    if (!embedded) return undefined;
    let args: unknown;
    try {
      args = JSON.parse(embedded.decoded);
    } catch {
      return undefined;
    }
    return {
      tool,
      path: innerPath,
      args,
      edit(change) {
        const next = change(embedded.decoded, innerPath);
        return next === undefined ? undefined : line.withBody(embedded.withDecoded(next));
      },
    };
  }
  if (target.path.length < argsPath.length || target.path[argsPath.length - 1] !== 'arguments') return undefined;
  return {
    tool,
    path: target.path.slice(argsPath.length),
    args: line.valueAt(argsPath),
    edit(change) {
      const next = change(line.body, target.path);
      return next === undefined ? undefined : line.withBody(next);
    },
  };
}

export function valueIn(value: unknown, path: JsonPath): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
