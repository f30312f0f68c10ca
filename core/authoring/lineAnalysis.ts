// One line of a dataset as the authoring features see it: its parse with positions, the
// findings of the rules (re-computed from the current text, so a fix never acts on a stale
// diagnostic) and the tools that apply to it.
import type { Node } from 'jsonc-parser';
import { findNodeAtLocation } from 'jsonc-parser';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { LineLocator, type Target } from '../dataset/locate.ts';
import { BOM } from '../dataset/lines.ts';
import type { Finding } from '../checks/findings.ts';
import { checkLine, type LineContext } from '../checks/lineChecks.ts';
import type { DeclaredTool, ToolSet } from '../checks/toolSet.ts';
import { ToolSetCache } from '../checks/toolSet.ts';
import type { DatasetValidator } from '../validate.ts';
import { EmbeddedJson } from './embeddedJson.ts';
import { parseJsonTree } from './jsonTree.ts';
import { isObject } from '../checks/findings.ts';

/** What the rules need besides the line: the tool-set cache and the shared tools file. */
export type AuthoringContext = LineContext;

/** The context of a validator (shares its caches). */
export function contextOf(validator?: Pick<DatasetValidator, 'toolSets' | 'sharedTools'>): AuthoringContext {
  return validator ? { toolSets: validator.toolSets, sharedTools: validator.sharedTools } : { toolSets: new ToolSetCache() };
}

/** A finding with its columns on the line, as the published diagnostic has them. */
export interface LocatedFinding extends Finding {
  start: number;
  end: number;
}

/** What identifies a diagnostic on a line (LSP or core). */
export interface DiagnosticKey {
  code: string;
  start: number;
  end: number;
  message?: string;
}

export class LineAnalysis {
  private parsedValue: unknown = null;
  private parsed = false;
  private treeNode: Node | undefined | null = null;
  private located?: LocatedFinding[];

  constructor(
    readonly text: string,
    readonly index: number,
    readonly context: AuthoringContext,
  ) {}

  get bom(): boolean {
    return this.text.startsWith(BOM);
  }

  /** The line without a byte-order mark: the JSON the offsets of `tree` refer to. */
  get body(): string {
    return this.bom ? this.text.slice(1) : this.text;
  }

  /** Offset of `body` in `text`. */
  get jsonStart(): number {
    return this.bom ? 1 : 0;
  }

  /** The line with a new body (the byte-order mark kept). */
  withBody(body: string): string {
    return (this.bom ? BOM : '') + body;
  }

  get value(): unknown {
    if (!this.parsed) {
      this.parsed = true;
      try {
        this.parsedValue = JSON.parse(this.body);
      } catch {
        this.parsedValue = undefined;
      }
    }
    return this.parsedValue;
  }

  /** The example object, or undefined when the line is not a JSON object. */
  get example(): Record<string, unknown> | undefined {
    return isObject(this.value) ? this.value : undefined;
  }

  /** Position-aware parse of `body`; may exist for broken JSON too (jsonc-parser recovers). */
  get tree(): Node | undefined {
    if (this.treeNode === null) this.treeNode = parseJsonTree(this.body);
    return this.treeNode;
  }

  node(path: JsonPath): Node | undefined {
    const tree = this.tree;
    return tree && (path.length === 0 ? tree : findNodeAtLocation(tree, path));
  }

  /** Value at a path of the parsed example. */
  valueAt(path: JsonPath): unknown {
    let v: unknown = this.value;
    for (const key of path) {
      if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
      v = (v as Record<string | number, unknown>)[key];
    }
    return v;
  }

  /** The JSON inside the string at `path` (a call's `arguments`). */
  embedded(path: JsonPath): EmbeddedJson | undefined {
    const node = this.node(path);
    return node?.type === 'string' ? new EmbeddedJson(this.body, node) : undefined;
  }

  /** Every finding of the rules on this line, positioned. */
  get findings(): LocatedFinding[] {
    if (!this.located) {
      const { findings } = checkLine(this.text, this.index === 0, this.context);
      const locator = new LineLocator(this.text, this.jsonStart);
      this.located = findings.map((f) => ({ ...f, ...locator.rangeOf(f.target) }));
    }
    return this.located;
  }

  /** The finding a diagnostic was made from, if the line still has it (else the diagnostic is stale). */
  find(diagnostic: DiagnosticKey): LocatedFinding | undefined {
    return this.findings.find(
      (f) => f.code === diagnostic.code && f.start === diagnostic.start && f.end === diagnostic.end && (diagnostic.message === undefined || diagnostic.message === f.message),
    );
  }

  /** The line declares its own tools (`tools` or legacy `functions`). */
  get hasOwnTools(): boolean {
    const example = this.example;
    return !!example && ('tools' in example || 'functions' in example);
  }

  /** The tools that apply to the line: its own, else the shared tools file's. */
  get tools(): ToolSet | undefined {
    const example = this.example;
    if (!example) return this.context.sharedTools;
    if ('tools' in example) return this.context.toolSets.analyze(example.tools, 'tools');
    if ('functions' in example) return this.context.toolSets.analyze(example.functions, 'functions');
    return this.context.sharedTools;
  }

  tool(name: unknown): DeclaredTool | undefined {
    return typeof name === 'string' ? this.tools?.byName.get(name) : undefined;
  }
}

/** The path of the call (`[..., tool_calls, j]` or `[..., function_call]`) a path inside a call lies in. */
export function callPathOf(path: JsonPath): JsonPath | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] === 'tool_calls' && typeof path[i + 1] === 'number') return path.slice(0, i + 2);
    if (path[i] === 'function_call') return path.slice(0, i + 1);
  }
  return undefined;
}

/** Path of the function object of a call: `call.function` (tool_calls) or the call itself (legacy). */
export function functionPathOf(callPath: JsonPath): JsonPath {
  return callPath[callPath.length - 1] === 'function_call' ? callPath : [...callPath, 'function'];
}

export type { Target };
