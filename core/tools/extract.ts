// Collects every distinct declaration of each tool in a dataset, picks the one to keep, and
// says line by line where the others differ from it (the drift).
import { canonicalKey } from '../schema/index.ts';
import { readLine } from './datasetLine.ts';
import { differingPaths } from './jsonDiff.ts';
import { formatLines } from './lineRanges.ts';
import { plural } from '../text/plural.ts';

/** One way a tool is declared, and the lines (0-based) that declare it so. */
export interface DeclarationVariant {
  /** Canonical key of the whole `{"type": "function", "function": {...}}` object. */
  key: string;
  tool: Record<string, unknown>;
  lines: number[];
}

/** Everything known about one tool name. */
export interface ExtractedTool {
  name: string;
  /** Distinct declarations, in order of first appearance. */
  variants: DeclarationVariant[];
  /** Index in `variants` of the declaration for the tools file: the one most lines use; ties go to the first seen. */
  canonical: number;
  /** Lines (0-based) with a call to the tool. */
  callLines: number[];
}

/** A line whose declaration of a tool differs from the canonical one. */
export interface DriftEntry {
  line: number;
  tool: string;
  /** Index of the line's variant in the tool's `variants`. */
  variant: number;
  /** What differs: `description`, `parameters.properties.unit.enum`, `type`, ... (paths inside `function` without the prefix). */
  fields: string[];
}

export interface Extraction {
  /** Tools in order of first declaration. */
  tools: ExtractedTool[];
  /** In line order, then in the line's declaration order. */
  drift: DriftEntry[];
  lines: number;
  /** Lines with a `tools` array. */
  linesWithTools: number;
  /** Names called somewhere but declared nowhere, with their call lines. */
  undeclared: { name: string; lines: number[] }[];
}

/** Extracts tools from the lines of a dataset (texts without line breaks). */
export function extractTools(lines: readonly string[]): Extraction {
  const byName = new Map<string, ExtractedTool>();
  const calls = new Map<string, number[]>();
  const seenOn: { line: number; name: string; key: string }[] = [];
  let linesWithTools = 0;
  lines.forEach((text, line) => {
    const { declarations, calls: lineCalls, value } = readLine(text);
    if (value && Array.isArray(value.tools)) linesWithTools++;
    const declaredHere = new Set<string>();
    for (const { name, tool } of declarations) {
      if (declaredHere.has(name)) continue; // a duplicate in one line is TC405's business
      declaredHere.add(name);
      const key = canonicalKey(tool);
      let entry = byName.get(name);
      if (!entry) byName.set(name, (entry = { name, variants: [], canonical: 0, callLines: [] }));
      let variant = entry.variants.find((v) => v.key === key);
      if (!variant) entry.variants.push((variant = { key, tool, lines: [] }));
      variant.lines.push(line);
      seenOn.push({ line, name, key });
    }
    for (const call of lineCalls) {
      const list = calls.get(call.name) ?? [];
      if (list[list.length - 1] !== line) list.push(line);
      calls.set(call.name, list);
    }
  });
  for (const tool of byName.values()) {
    tool.canonical = tool.variants.reduce((best, v, i) => (v.lines.length > tool.variants[best].lines.length ? i : best), 0);
    tool.callLines = calls.get(tool.name) ?? [];
  }
  const drift: DriftEntry[] = [];
  const fieldsOf = new Map<string, string[]>();
  for (const { line, name, key } of seenOn) {
    const tool = byName.get(name)!;
    const canonical = tool.variants[tool.canonical];
    if (key === canonical.key) continue;
    const variant = tool.variants.findIndex((v) => v.key === key);
    let fields = fieldsOf.get(name + '\u0000' + key);
    if (!fields) {
      fields = differingPaths(canonical.tool, tool.variants[variant].tool).map((p) => p.replace(/^function\./, ''));
      fieldsOf.set(name + '\u0000' + key, fields);
    }
    drift.push({ line, tool: name, variant, fields });
  }
  const undeclared = [...calls.entries()].filter(([name]) => !byName.has(name)).map(([name, lines]) => ({ name, lines }));
  return { tools: [...byName.values()], drift, lines: lines.length, linesWithTools, undeclared };
}

/** The tools file: each tool's canonical declaration, in order of first declaration. */
export function canonicalTools(extraction: Extraction): Record<string, unknown>[] {
  return extraction.tools.map((t) => t.variants[t.canonical].tool);
}

/** The tools file's text: a JSON array, two-space indent, final newline. */
export function toolsFileText(extraction: Extraction): string {
  return JSON.stringify(canonicalTools(extraction), null, 2) + '\n';
}

/** Variant letters: A, B, ... Z, AA, AB, ... */
export function variantLabel(index: number): string {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

/** A Markdown report of the extraction: a summary, each drifting tool's declarations, the drift line by line. */
export function driftReport(extraction: Extraction, title = 'Tools'): string {
  const drifting = extraction.tools.filter((t) => t.variants.length > 1);
  const out: string[] = [`# ${title}`, ''];
  out.push(`${plural(extraction.tools.length, 'tool')} declared in ${extraction.linesWithTools} of ${plural(extraction.lines, 'line')}; ${drifting.length} declared in more than one way (${plural(extraction.drift.length, 'drifting declaration')}).`, '');
  out.push('| Tool | Declarations | Declared on | Called on |', '| --- | --- | --- | --- |');
  for (const t of extraction.tools) {
    const declared = t.variants.reduce((n, v) => n + v.lines.length, 0);
    out.push(`| \`${t.name}\` | ${t.variants.length} | ${plural(declared, 'line')} | ${plural(t.callLines.length, 'line')} |`);
  }
  for (const u of extraction.undeclared) out.push('', `Called but never declared: \`${u.name}\` (lines ${formatLines(u.lines)}).`);
  for (const t of drifting) {
    out.push('', `## \`${t.name}\``, '');
    const canonical = t.variants[t.canonical];
    t.variants.forEach((v, i) => {
      const what = i === t.canonical ? 'kept in the tools file' : `differs in ${differingPaths(canonical.tool, v.tool).map((p) => '`' + p.replace(/^function\./, '') + '`').join(', ')}`;
      out.push(`- ${variantLabel(i)}: ${plural(v.lines.length, 'line')} (${formatLines(v.lines)}), ${what}`);
    });
  }
  if (extraction.drift.length > 0) {
    out.push('', '## Drift by line', '');
    for (const d of extraction.drift) out.push(`- line ${d.line + 1}: \`${d.tool}\` ${variantLabel(d.variant)}: ${d.fields.map((f) => '`' + f + '`').join(', ')}`);
  }
  return out.join('\n') + '\n';
}

