// Turns tools read from a source (an MCP server, an OpenAPI spec) into OpenAI function
// declarations, and says what did not carry over.
import { declarationHints } from '../schemaHints.ts';
import { assignToolNames, type NameChange } from './toolNames.ts';
import { plural } from '../../text/plural.ts';

/** A tool as a source describes it, before its name is made valid. */
export interface SourceTool {
  name: string;
  description?: string;
  /** A JSON Schema of type object (the `parameters` to be). */
  parameters: Record<string, unknown>;
  /** What the source said about this tool that a function declaration cannot hold. */
  dropped: string[];
}

/** `{"type": "function", "function": {...}}`, as a tools file holds it. */
export interface FunctionDeclaration {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** One thing about one tool that is not in the tools file, or would not pass strict mode. */
export interface ImportNote {
  /** The tool's name in the tools file. */
  tool: string;
  message: string;
}

export interface ImportResult {
  tools: FunctionDeclaration[];
  /** Names that had to change, source name -> tools-file name. */
  renamed: NameChange[];
  /** Dropped data (annotations, output schemas, ...) and schema features strict mode refuses. */
  notCarried: ImportNote[];
  /** Tools left out, with why (an OpenAPI operation whose schema is cyclic, ...). */
  refused: { tool: string; reason: string }[];
}

/** Declarations for `tools`, in order, with valid unique names and the notes of what was lost. */
export function declarationsFrom(tools: readonly SourceTool[], refused: ImportResult['refused'] = []): ImportResult {
  const { names, changes } = assignToolNames(tools.map((t) => t.name));
  const notCarried: ImportNote[] = [];
  const declarations = tools.map((tool, i): FunctionDeclaration => {
    const name = names[i];
    for (const message of tool.dropped) notCarried.push({ tool: name, message });
    const fn: FunctionDeclaration['function'] = tool.description ? { name, description: tool.description, parameters: tool.parameters } : { name, parameters: tool.parameters };
    // Only keywords strict mode refuses count here: `additionalProperties` and `required` a
    // strict conversion can add, a missing keyword it cannot.
    const strict = declarationHints(fn, [], true).filter((h) => h.code === 'TC432');
    for (const hint of strict) {
      const path = hint.path.slice(1); // below `parameters`
      notCarried.push({ tool: name, message: `strict mode refuses "${String(path.at(-1))}" at parameters${path.slice(0, -1).map((p) => `.${String(p)}`).join('')}` });
    }
    return { type: 'function', function: fn };
  });
  return { tools: declarations, renamed: changes, notCarried, refused };
}

/** The tools file text: a JSON array, or `{"tools": [...], "toolNames": {...}}` when names changed, so the mapping travels with it. */
export function importedFileText(result: ImportResult): string {
  if (result.renamed.length === 0) return JSON.stringify(result.tools, null, 2) + '\n';
  const toolNames = Object.fromEntries(result.renamed.map((c) => [c.to, c.from]));
  return JSON.stringify({ tools: result.tools, toolNames }, null, 2) + '\n';
}

/** Plain-text report of an import: counts, renamed tools, what did not carry over, what was refused. */
export function importReport(result: ImportResult, source: string): string {
  const out = [`Imported ${plural(result.tools.length, 'tool')} from ${source}.`];
  if (result.renamed.length > 0) {
    out.push(`Renamed to match ^[a-zA-Z0-9_-]{1,64}$ (mapping kept in "toolNames"):`);
    for (const c of result.renamed) out.push(`  ${JSON.stringify(c.from)} -> ${c.to}`);
  }
  if (result.notCarried.length > 0) {
    out.push('Not carried over:');
    for (const n of result.notCarried) out.push(`  ${n.tool}: ${n.message}`);
  }
  if (result.refused.length > 0) {
    out.push('Refused:');
    for (const r of result.refused) out.push(`  ${r.tool}: ${r.reason}`);
  }
  return out.join('\n') + '\n';
}
