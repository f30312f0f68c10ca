// Coverage per tool and per category, and tools declared differently across lines.
import { canonicalKeyOfParsed } from '../schema/canonical.ts';
import { CATEGORIES, type Category, type Classification } from './category.ts';
import { declarationsOf, type Example, type SharedArray } from './example.ts';

/** Examples and calls of one tool within one category. */
export interface CategoryCount {
  examples: number;
  calls: number;
}

/** How one tool is used across the file. */
export interface ToolCoverage {
  /** Examples that call it. */
  examples: number;
  calls: number;
  byCategory: Record<Category, CategoryCount>;
  /** Examples that declare it (in `tools` or legacy `functions`). */
  declaredIn: number;
  /** Lines that call it. */
  lines: number[];
}

/** One distinct declaration of a tool name and the lines that carry it. */
export interface DeclarationVariant {
  lines: number[];
  declaration: unknown;
}

export interface CoverageResult {
  categories: Record<Category, number>;
  /** Lines of each category. */
  categoryLines: Record<Category, number[]>;
  /** By tool name, sorted by name. */
  tools: Record<string, ToolCoverage>;
  /** Declared somewhere, never called. */
  unusedTools: string[];
  /** Called, but only in examples of one category. */
  singleCategoryTools: { name: string; category: Category }[];
  /** Tool names with two or more distinct declarations (canonical JSON), by name. */
  declarationDrift: Record<string, DeclarationVariant[]>;
}

/** The example's one declarations array when it is shared with other lines and the example has no other. */
function onlySharedArray(example: Example): SharedArray | undefined {
  const { tools, functions } = example.value;
  if (Array.isArray(tools)) return Array.isArray(functions) ? undefined : example.shared?.tools;
  return Array.isArray(functions) ? example.shared?.functions : undefined;
}

/** canonicalKeyOfParsed of a declaration of a shared array, computed once for all the lines that share it. */
function sharedKey(shared: SharedArray, declaration: unknown): string {
  shared.declarationKeys ??= new Map();
  let key = shared.declarationKeys.get(declaration);
  if (key === undefined) shared.declarationKeys.set(declaration, (key = canonicalKeyOfParsed(declaration)));
  return key;
}

const emptyByCategory = (): Record<Category, CategoryCount> =>
  Object.fromEntries(CATEGORIES.map((c) => [c, { examples: 0, calls: 0 }])) as Record<Category, CategoryCount>;

/** Collects coverage one example at a time. */
export class CoverageCollector {
  private readonly categoryLines = Object.fromEntries(CATEGORIES.map((c) => [c, [] as number[]])) as Record<Category, number[]>;
  private readonly tools = new Map<string, ToolCoverage>();
  private readonly declarations = new Map<string, Map<string, DeclarationVariant>>();

  // What the lines carrying one shared declarations array add to the declarations, worked out on
  // the first of them: the same tools and variants on each (sharedDeclarations.ts).
  private readonly sharedTargets = new WeakMap<SharedArray, { tool: ToolCoverage; variant: DeclarationVariant }[]>();

  add(example: Example, classification: Classification): void {
    const { category, calls } = classification;
    this.categoryLines[category].push(example.line);
    this.addDeclarations(example);
    const callsByTool = new Map<string, number>();
    for (const call of calls) callsByTool.set(call.name, (callsByTool.get(call.name) ?? 0) + 1);
    for (const [name, n] of callsByTool) {
      const tool = this.tool(name);
      tool.examples++;
      tool.calls += n;
      tool.byCategory[category].examples++;
      tool.byCategory[category].calls += n;
      tool.lines.push(example.line);
    }
  }

  private addDeclarations(example: Example): void {
    const only = onlySharedArray(example);
    const known = only && this.sharedTargets.get(only);
    if (known) {
      for (const { tool, variant } of known) {
        tool.declaredIn++;
        variant.lines.push(example.line);
      }
      return;
    }
    const targets: { tool: ToolCoverage; variant: DeclarationVariant }[] = [];
    const declared = new Set<string>();
    for (const { name, declaration, shared } of declarationsOf(example)) {
      if (declared.has(name)) continue; // a name declared twice in one line is the validator's business
      declared.add(name);
      const tool = this.tool(name);
      tool.declaredIn++;
      const variants = this.declarations.get(name) ?? new Map<string, DeclarationVariant>();
      this.declarations.set(name, variants);
      const key = shared ? sharedKey(shared, declaration) : canonicalKeyOfParsed(declaration);
      let variant = variants.get(key);
      if (variant) variant.lines.push(example.line);
      else variants.set(key, (variant = { lines: [example.line], declaration }));
      targets.push({ tool, variant });
    }
    if (only) this.sharedTargets.set(only, targets);
  }

  result(): CoverageResult {
    const names = [...this.tools.keys()].sort();
    const tools: Record<string, ToolCoverage> = {};
    for (const name of names) tools[name] = this.tools.get(name)!;
    const unusedTools = names.filter((name) => tools[name].calls === 0);
    const singleCategoryTools: { name: string; category: Category }[] = [];
    for (const name of names) {
      const used = CATEGORIES.filter((c) => tools[name].byCategory[c].calls > 0);
      if (used.length === 1) singleCategoryTools.push({ name, category: used[0] });
    }
    const declarationDrift: Record<string, DeclarationVariant[]> = {};
    for (const name of [...this.declarations.keys()].sort()) {
      const variants = [...this.declarations.get(name)!.values()];
      if (variants.length > 1) declarationDrift[name] = variants;
    }
    const categories = Object.fromEntries(CATEGORIES.map((c) => [c, this.categoryLines[c].length])) as Record<Category, number>;
    return { categories, categoryLines: this.categoryLines, tools, unusedTools, singleCategoryTools, declarationDrift };
  }

  private tool(name: string): ToolCoverage {
    let tool = this.tools.get(name);
    if (!tool) {
      tool = { examples: 0, calls: 0, byCategory: emptyByCategory(), declaredIn: 0, lines: [] };
      this.tools.set(name, tool);
    }
    return tool;
  }
}
