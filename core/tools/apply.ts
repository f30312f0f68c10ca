// Rewrites each line's `tools` with the tools file's declarations, refusing (changing nothing)
// when a call that was valid would no longer be.
import { invalidUtf8ByLine } from '../dataset/utf8.ts';
import { ToolSetCache, type DeclaredTool } from '../checks/toolSet.ts';
import { isObject } from '../checks/findings.ts';
import type { ArgumentError } from '../schema/index.ts';
import { canonicalKey } from '../schema/index.ts';
import { argumentsValue, readLine } from './datasetLine.ts';
import { replaceValues } from './lineJson.ts';

/** Why one call blocks the rewrite. */
export interface ApplyRefusal {
  /** 0-based line. */
  line: number;
  tool: string;
  reason: string;
}

export type ApplyResult =
  | {
      ok: true;
      /** Every line, rewritten where needed (unchanged lines are the same strings). */
      lines: string[];
      /** 0-based indexes of the lines that changed. */
      changed: number[];
      /** Declarations kept as they were because the tools file has no tool of that name. */
      notInToolsFile: { line: number; tool: string }[];
    }
  | { ok: false; refusals: ApplyRefusal[]; toolsFileErrors: string[] };

/**
 * Each declaration in a line's `tools` is replaced by the tools file's declaration of the same
 * name; the line keeps its own selection and order of tools, and declarations the tools file
 * does not have stay as they are. Only the replaced declarations' text changes. A call that
 * passed its old declaration (or could not be checked against it) and fails the new one is a
 * refusal; calls that were already invalid do not block.
 */
export function applyTools(lines: readonly string[], tools: unknown, toolSets = new ToolSetCache()): ApplyResult {
  const file = toolSets.analyze(tools, 'tools');
  const toolsFileErrors = file.findings.filter((f) => ['TC401', 'TC403', 'TC405', 'TC406', 'TC407'].includes(f.code)).map((f) => f.message);
  if (toolsFileErrors.length > 0) return { ok: false, refusals: [], toolsFileErrors };
  const raw = new Map<string, { tool: unknown; declared: DeclaredTool }>();
  for (const declared of file.byName.values()) raw.set(declared.name, { tool: (tools as unknown[])[declared.index], declared });

  const out = [...lines];
  const changed: number[] = [];
  const refusals: ApplyRefusal[] = [];
  const notInToolsFile: { line: number; tool: string }[] = [];
  lines.forEach((text, line) => {
    const { value, declarations, calls } = readLine(text);
    if (!value || !Array.isArray(value.tools)) return;
    const replacements: { path: (string | number)[]; value: unknown }[] = [];
    const replaced = new Set<string>();
    for (const d of declarations) {
      const canonical = raw.get(d.name);
      if (!canonical) {
        notInToolsFile.push({ line, tool: d.name });
        continue;
      }
      if (canonicalKey(d.tool) === canonical.declared.key) continue;
      replacements.push({ path: ['tools', d.index], value: canonical.tool });
      replaced.add(d.name);
    }
    if (replacements.length === 0) return;
    const before = toolSets.analyze(value.tools, 'tools');
    for (const call of calls) {
      if (!replaced.has(call.name)) continue;
      const args = argumentsValue(call.arguments);
      const after = raw.get(call.name)!.declared.compiled?.validate;
      if (!args || !after) continue;
      const errors = after(args.value);
      if (errors.length === 0) continue;
      const old = before.byName.get(call.name)?.compiled?.validate;
      if (old && old(args.value).length > 0) continue; // already invalid: not made worse by this rewrite
      refusals.push({ line, tool: call.name, reason: describeErrors(errors) });
    }
    const rewritten = replaceValues(text, replacements);
    if (rewritten === undefined) return;
    out[line] = rewritten;
    changed.push(line);
  });
  if (refusals.length > 0) return { ok: false, refusals, toolsFileErrors: [] };
  return { ok: true, lines: out, changed, notInToolsFile };
}

/** `unit` must be equal to one of the allowed values; must have required property 'city' */
export function describeErrors(errors: ArgumentError[]): string {
  return errors
    .map((e) => {
      const where = e.instancePath.length > 0 ? `"${e.instancePath.join('.')}" ` : '';
      const extra = e.keyword === 'enum' && Array.isArray(e.params.allowedValues) ? ` (${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : e.keyword === 'additionalProperties' && isObject(e.params) ? ` ("${String(e.params.additionalProperty)}")` : '';
      return `${where}${e.message}${extra}`;
    })
    .join('; ');
}

/** One line per refusal: `line 6: get_weather: `unit` must be ...` (1-based lines). */
export function formatRefusals(refusals: readonly ApplyRefusal[]): string {
  return refusals.map((r) => `line ${r.line + 1}: ${r.tool}: ${r.reason}`).join('\n');
}

/**
 * Why a dataset must not be rewritten in the editor: bytes that are not UTF-8, which the editor
 * shows as U+FFFD and would write as such on save, changing lines nobody touched. Undefined when
 * the bytes are valid UTF-8.
 */
export function editorRewriteRefusal(bytes: Uint8Array, fileName: string): string | undefined {
  const problems = invalidUtf8ByLine(bytes);
  if (problems.size === 0) return undefined;
  const [line, [first]] = problems.entries().next().value!;
  const lines = problems.size === 1 ? `line ${line + 1}` : `${problems.size} lines, first line ${line + 1}`;
  return `${fileName} has bytes that are not UTF-8 (${lines}: ${first.hex} at byte ${first.byte}); saving it from the editor would write them as U+FFFD on lines nothing else changed, so fix them first (TC108) or run "toolcall tools apply --in-place", which keeps every byte.`;
}
