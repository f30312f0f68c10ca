// Go to definition (call -> declaration, on the line or in the shared tools file) and find
// all references of a tool (its calls and declarations) in the file.
import { getLocation, parseTree, findNodeAtLocation } from 'jsonc-parser';
import { isObject } from '../checks/findings.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { LineAnalysis, type AuthoringContext } from './lineAnalysis.ts';
import { callNamePaths } from './quickFixes/names.ts';

/** Columns [start, end) of a line. */
export interface LineRange {
  line: number;
  start: number;
  end: number;
}

/** Whether `path` is a call's function object (`tool_calls[j].function` or `function_call`). */
export function isCallPath(path: JsonPath): boolean {
  const n = path.length;
  return (path[n - 1] === 'function' && typeof path[n - 2] === 'number' && path[n - 3] === 'tool_calls') || path[n - 1] === 'function_call';
}

/** Whether `path` is the name of a declaration (`tools[i].function.name`, `functions[i].name`). */
function isDeclarationName(path: JsonPath): boolean {
  return (path.length === 4 && path[0] === 'tools' && path[2] === 'function' && path[3] === 'name') || (path.length === 3 && path[0] === 'functions' && path[2] === 'name');
}

/** The tool name under the cursor when it is a call's `name` value (or, with `declarations`, a declaration's). */
export function callNameAt(line: LineAnalysis, character: number, declarations = false): { name: string; start: number; end: number; declaration: boolean } | undefined {
  const offset = character - line.jsonStart;
  if (offset < 0) return undefined;
  const location = getLocation(line.body, offset);
  const node = location.previousNode;
  const path = location.path;
  if (location.isAtPropertyKey || node?.type !== 'string' || typeof node.value !== 'string') return undefined;
  if (offset < node.offset || offset > node.offset + node.length) return undefined;
  const isCall = path[path.length - 1] === 'name' && isCallPath(path.slice(0, -1));
  const isDeclaration = declarations && isDeclarationName(path);
  if (!isCall && !isDeclaration) return undefined;
  return { name: node.value, start: node.offset + line.jsonStart, end: node.offset + node.length + line.jsonStart, declaration: isDeclaration };
}

export type Definition = { kind: 'line'; range: LineRange } | { kind: 'toolsFile'; name: string };

/** Where the tool called under the cursor is declared: this line's `tools`, or the shared tools file. */
export function definition(text: string, character: number, index: number, context: AuthoringContext): Definition | undefined {
  const line = new LineAnalysis(text, index, context);
  const call = callNameAt(line, character);
  if (!call) return undefined;
  if (line.hasOwnTools) {
    const tool = line.tools?.byName.get(call.name);
    const node = tool && line.node(tool.namePath);
    return node ? { kind: 'line', range: { line: index, start: node.offset + line.jsonStart, end: node.offset + node.length + line.jsonStart } } : undefined;
  }
  return context.sharedTools?.byName.has(call.name) ? { kind: 'toolsFile', name: call.name } : undefined;
}

/** Line and columns of a tool's name in a tools file's text (a JSON array, or `{"tools": [...]}`). */
export function locateInToolsFile(fileText: string, name: string): { line: number; start: number; end: number } | undefined {
  const text = fileText.replace(/^\uFEFF/, ' ');
  const tree = parseTree(text);
  const array = tree?.type === 'array' ? tree : tree && findNodeAtLocation(tree, ['tools']);
  for (const item of array?.children ?? []) {
    const nameNode = findNodeAtLocation(item, ['function', 'name']) ?? findNodeAtLocation(item, ['name']);
    if (nameNode?.value !== name) continue;
    const before = text.slice(0, nameNode.offset);
    const line = before.split(/\r\n|\r|\n/).length - 1;
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    return { line, start: nameNode.offset - lineStart, end: nameNode.offset - lineStart + nameNode.length };
  }
  return undefined;
}

/** The tool named under the cursor (a call or a declaration). */
export function toolNameAt(text: string, character: number, index: number, context: AuthoringContext): string | undefined {
  return callNameAt(new LineAnalysis(text, index, context), character, true)?.name;
}

/** Every call to `name` and every declaration of it, line by line. */
export function references(lines: Iterable<{ index: number; text: string }>, name: string, context: AuthoringContext, includeDeclarations = true): LineRange[] {
  const needle = JSON.stringify(name).slice(1, -1);
  const found: LineRange[] = [];
  for (const { index, text } of lines) {
    if (!text.includes(needle)) continue; // most lines of a big file never mention the tool
    const line = new LineAnalysis(text, index, context);
    const paths = callNamePaths(line, name);
    if (includeDeclarations) paths.push(...declarationPaths(line, name));
    const ranges = paths.flatMap((path) => {
      const node = line.node(path);
      return node ? [{ line: index, start: node.offset + line.jsonStart, end: node.offset + node.length + line.jsonStart }] : [];
    });
    found.push(...ranges.sort((a, b) => a.start - b.start));
  }
  return found;
}

function declarationPaths(line: LineAnalysis, name: string): JsonPath[] {
  const example = line.example;
  const paths: JsonPath[] = [];
  if (Array.isArray(example?.tools)) {
    example.tools.forEach((tool, i) => {
      if (isObject(tool) && isObject(tool.function) && tool.function.name === name) paths.push(['tools', i, 'function', 'name']);
    });
  }
  if (Array.isArray(example?.functions)) {
    example.functions.forEach((fn, i) => {
      if (isObject(fn) && fn.name === name) paths.push(['functions', i, 'name']);
    });
  }
  return paths;
}
