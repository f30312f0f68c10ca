// Which dataset lines a drift touches: broken (a call that passed the tools file's declaration
// fails the source's, or calls a tool the source dropped) or stale (calls or declares a changed
// tool but still passes).
import { ToolSetCache } from '../../checks/toolSet.ts';
import { describeErrors } from '../apply.ts';
import { argumentsValue, readLine } from '../datasetLine.ts';
import type { ArgumentError } from '../../schema/index.ts';
import type { ToolDiff } from './toolsDiff.ts';

type Validate = ((args: unknown) => ArgumentError[]) | null;

/** A dataset line (1-based) and why it is listed. */
export interface LineImpact {
  file: string;
  line: number;
  reason: string;
}

export interface ToolImpact {
  broken: LineImpact[];
  stale: LineImpact[];
}

/** One dataset: a name to report and its lines. */
export interface DatasetLines {
  file: string;
  lines: readonly string[];
}

/** The impact of each removed or changed tool of `diffs` on `datasets`, by tool name. */
export function datasetImpact(diffs: readonly ToolDiff[], datasets: readonly DatasetLines[], toolSets = new ToolSetCache()): Map<string, ToolImpact> {
  const impact = new Map<string, ToolImpact>();
  const validators = new Map<string, { before: Validate; after: Validate }>();
  for (const diff of diffs) {
    if (diff.status === 'added') continue;
    impact.set(diff.tool, { broken: [], stale: [] });
    const before = diff.before ? toolSets.analyze([diff.before], 'tools').byName.get(diff.tool)?.compiled?.validate ?? null : null;
    const after = diff.after ? toolSets.analyze([diff.after], 'tools').byName.get(diff.tool)?.compiled?.validate ?? null : null;
    validators.set(diff.tool, { before, after });
  }
  if (impact.size === 0) return impact;
  for (const { file, lines } of datasets) {
    lines.forEach((text, index) => {
      if (!hasAnyName(text, impact)) return; // most lines name none of the drifting tools: skip the parse
      const { calls, declarations } = readLine(text);
      const listed = new Map<string, 'broken' | 'stale'>();
      for (const call of calls) {
        const tool = impact.get(call.name);
        if (!tool || listed.get(call.name) === 'broken') continue;
        const { before, after } = validators.get(call.name)!;
        if (!after) {
          tool.broken.push({ file, line: index + 1, reason: `calls "${call.name}", which the source no longer offers` });
          listed.set(call.name, 'broken');
          continue;
        }
        const args = argumentsValue(call.arguments);
        const errors = args ? after(args.value) : [];
        if (errors.length > 0 && !(before && args && before(args.value).length > 0)) {
          tool.broken.push({ file, line: index + 1, reason: `a call to "${call.name}" is now invalid: ${plain(describeErrors(errors))}` });
          listed.set(call.name, 'broken');
        } else if (!listed.has(call.name)) {
          listed.set(call.name, 'stale');
        }
      }
      for (const d of declarations) if (impact.has(d.name) && !listed.has(d.name)) listed.set(d.name, 'stale');
      for (const [name, kind] of listed) {
        if (kind === 'stale') impact.get(name)!.stale.push({ file, line: index + 1, reason: `calls or declares "${name}" as it was before` });
      }
    });
  }
  return impact;
}

/** The validator's wording with quotes for its Markdown backticks (these reasons end up in diagnostics). */
const plain = (text: string) => text.replace(/`([^`]*)`/g, '"$1"');

function hasAnyName(text: string, impact: Map<string, ToolImpact>): boolean {
  for (const name of impact.keys()) if (text.includes(JSON.stringify(name).slice(1, -1))) return true;
  return false;
}
