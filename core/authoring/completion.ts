// Completion on a line of a dataset: tool names in a call's "name", argument keys and enum
// values INSIDE the `arguments` string (escaped for where they land), roles, keys, and on an
// empty line a whole example calling a declared tool.
import { getLocation, parse, type Node } from 'jsonc-parser';
import { isObject } from '../checks/findings.ts';
import { ROLE_KEYS } from '../checks/messageChecks.ts';
import type { DeclaredTool, ToolSet } from '../checks/toolSet.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { EmbeddedJson, escapeForJsonString } from './embeddedJson.ts';
import { exampleSnippet } from './exampleSnippet.ts';
import { LineAnalysis, type AuthoringContext } from './lineAnalysis.ts';
import { randomCallId } from './quickFixes/conversation.ts';
import { parametersOf, propertiesOf, requiredOf, schemaAt, typeLabel } from './schemaInfo.ts';
import { describeTool } from './toolDocs.ts';
import { isCallPath } from './navigation.ts';

export type CompletionKind = 'property' | 'value' | 'function' | 'enum' | 'keyword' | 'snippet';

/** One completion: replaces columns [start, end) of the line with `newText`. */
export interface AuthoringCompletion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  start: number;
  end: number;
  newText: string;
  /** `newText` is a snippet with tab stops. */
  snippet?: boolean;
  /** What the editor filters on, when not the label (escaped text inside `arguments`). */
  filterText?: string;
  sortText?: string;
}

export interface CompletionOptions {
  /** For an empty line: tools declared elsewhere in the file (another line's `tools` array as written). */
  nearbyTools?: { set: ToolSet; text: string };
  /** Call id for example snippets (tests fix it). */
  callId?: () => string;
}

const TOP_LEVEL_KEYS = ['messages', 'tools', 'parallel_tool_calls'];
const CALL_KEYS = ['id', 'type', 'function'];
const FUNCTION_KEYS = ['name', 'arguments'];
const ROLES = ['system', 'user', 'assistant', 'tool'];

/** Completions at column `character` of a line. */
export function complete(text: string, character: number, index: number, context: AuthoringContext, options: CompletionOptions = {}): AuthoringCompletion[] {
  const line = new LineAnalysis(text, index, context);
  if (line.body.trim() === '') return exampleCompletions(line, character, options);
  const offset = character - line.jsonStart;
  if (offset < 0) return [];
  const location = getLocation(line.body, offset);
  const path = location.path;
  const node = location.previousNode;
  const at = (start: number, end: number) => ({ start: start + line.jsonStart, end: end + line.jsonStart });

  if (location.isAtPropertyKey) {
    const keys = keysFor(path.slice(0, -1), line);
    const present = presentKeys(line.body, path.slice(0, -1));
    const range = node ? at(node.offset, node.offset + node.length) : at(offset, offset);
    return keys.filter((k) => !present.has(k) || k === path[path.length - 1]).map((key) => ({ label: key, kind: 'property', ...range, newText: node ? JSON.stringify(key) : `${JSON.stringify(key)}: ` }));
  }

  const inString = node?.type === 'string' && offset > node.offset && offset <= node.offset + node.length;
  const last = path[path.length - 1];
  if (last === 'arguments' && inString && isCallPath(path.slice(0, -1))) return argumentCompletions(line, node!, offset, path.slice(0, -1));
  const values = valuesFor(path, line);
  if (!values) return [];
  const range = inString ? at(node!.offset + 1, contentEnd(line.body, node!)) : node ? at(node.offset, node.offset + node.length) : at(offset, offset);
  return values.map((v) => ({ ...v, ...range, newText: inString ? escapeForJsonString(v.label) : JSON.stringify(v.label) }));
}

function keysFor(objectPath: JsonPath, line: LineAnalysis): string[] {
  if (objectPath.length === 0) return TOP_LEVEL_KEYS;
  if (objectPath.length === 2 && objectPath[0] === 'messages') {
    const role = line.valueAt([...objectPath, 'role']) ?? roleTyped(line.body, objectPath);
    return typeof role === 'string' && Object.hasOwn(ROLE_KEYS, role) ? [...ROLE_KEYS[role]] : ['role', 'content'];
  }
  if (objectPath.length === 4 && objectPath[2] === 'tool_calls') return CALL_KEYS;
  if (isCallPath(objectPath)) return FUNCTION_KEYS;
  return [];
}

/** The role of a message in a line that does not parse yet (being typed). */
function roleTyped(body: string, messagePath: JsonPath): unknown {
  const value = valueIn(parse(body), messagePath);
  return isObject(value) ? value.role : undefined;
}

function presentKeys(body: string, objectPath: JsonPath): Set<string> {
  const value = valueIn(parse(body), objectPath);
  return new Set(isObject(value) ? Object.keys(value) : []);
}

function valuesFor(path: JsonPath, line: LineAnalysis): Omit<AuthoringCompletion, 'start' | 'end' | 'newText'>[] | undefined {
  const n = path.length;
  if (n === 3 && path[0] === 'messages' && path[2] === 'role') return ROLES.map((role) => ({ label: role, kind: 'enum' }));
  if (path[n - 1] === 'name' && isCallPath(path.slice(0, -1))) {
    return [...(line.tools?.byName.values() ?? [])].map((tool) => ({ label: tool.name, kind: 'function', detail: signature(tool), documentation: describeTool(tool) }));
  }
  if (path[n - 1] === 'type' && (path[0] === 'tools' || path[2] === 'tool_calls')) return [{ label: 'function', kind: 'keyword' }];
  return undefined;
}

/** Argument keys not yet present, and enum values, inside the arguments string. */
function argumentCompletions(line: LineAnalysis, stringNode: Node, offset: number, fnPath: JsonPath): AuthoringCompletion[] {
  const terminated = contentEnd(line.body, stringNode) < stringNode.offset + stringNode.length;
  const embedded = new EmbeddedJson(line.body, { offset: stringNode.offset, length: stringNode.length + (terminated ? 0 : 1) });
  const inner = embedded.decoded;
  const innerOffset = embedded.decodedOffset(offset);
  const location = getLocation(inner, innerOffset);
  const tool = line.tool(line.valueAt([...fnPath, 'name']) ?? valueIn(parse(line.body), [...fnPath, 'name']));
  const parameters = parametersOf(tool);
  if (!parameters) return [];
  const node = location.previousNode;
  const range = (start: number, end: number) => ({ start: embedded.rawOffset(start) + line.jsonStart, end: embedded.rawOffset(end) + line.jsonStart });
  if (location.isAtPropertyKey) {
    const objectPath = location.path.slice(0, -1);
    const schema = schemaAt(parameters, objectPath);
    const present = new Set(Object.keys((valueIn(parse(inner), objectPath) as object | undefined) ?? {}));
    const required = requiredOf(schema);
    const where = node ? range(node.offset, node.offset + node.length) : range(innerOffset, innerOffset);
    return propertiesOf(schema)
      .filter(([key]) => !present.has(key) || key === location.path[location.path.length - 1])
      .map(([key, property], i) => ({
        label: key,
        kind: 'property' as const,
        detail: typeLabel(property) + (required.includes(key) ? ' (required)' : ''),
        documentation: typeof property.description === 'string' ? property.description : undefined,
        ...where,
        newText: escapeForJsonString(node ? JSON.stringify(key) : `${JSON.stringify(key)}: `),
        filterText: escapeForJsonString(JSON.stringify(key)),
        sortText: `${required.includes(key) ? 0 : 1}${String(i).padStart(4, '0')}`,
      }));
  }
  const schema = schemaAt(parameters, location.path);
  const options = Array.isArray(schema?.enum) ? schema.enum : types(schema).includes('boolean') ? [true, false] : [];
  const valueNode = node && node.type !== 'property' ? node : undefined;
  const where = valueNode ? range(valueNode.offset, valueNode.offset + valueNode.length) : range(innerOffset, innerOffset);
  return options.map((value) => {
    const newText = escapeForJsonString(JSON.stringify(value));
    return { label: JSON.stringify(value), kind: 'enum' as const, detail: typeLabel(schema), ...where, newText, filterText: newText };
  });
}

const types = (schema: Record<string, unknown> | undefined) => (Array.isArray(schema?.type) ? schema.type : [schema?.type]);

/** End of a string node's content: before its closing quote, or the node's end when unterminated. */
function contentEnd(body: string, node: Node): number {
  const end = node.offset + node.length;
  if (node.length >= 2 && body[end - 1] === '"') {
    let backslashes = 0;
    for (let i = end - 2; i > node.offset && body[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 0) return end - 1;
  }
  return end;
}

function exampleCompletions(line: LineAnalysis, character: number, options: CompletionOptions): AuthoringCompletion[] {
  const fromFile = line.context.sharedTools;
  const sources: { set: ToolSet; text: string | undefined }[] = [];
  if (fromFile && fromFile.byName.size > 0) sources.push({ set: fromFile, text: undefined });
  else if (options.nearbyTools) sources.push(options.nearbyTools);
  const newId = options.callId ?? randomCallId;
  return sources.flatMap(({ set, text }) =>
    [...set.byName.values()].map((tool) => ({
      label: `example for tool ${tool.name}`,
      kind: 'snippet' as const,
      detail: 'Toolcall: one JSONL line calling this tool',
      documentation: describeTool(tool),
      start: 0,
      end: line.text.length,
      newText: exampleSnippet(tool, newId(), text),
      snippet: true,
    })),
  );
}

function valueIn(value: unknown, path: JsonPath): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** `get_weather(city: string, unit?: "celsius" | "fahrenheit")`. */
export function signature(tool: DeclaredTool): string {
  const parameters = parametersOf(tool);
  const required = requiredOf(parameters);
  return `${tool.name}(${propertiesOf(parameters).map(([k, s]) => `${k}${required.includes(k) ? '' : '?'}: ${typeLabel(s)}`).join(', ')})`;
}
