// Hover on a call's tool name (the tool's description and parameters) and on an argument key
// inside the `arguments` string (that argument's schema).
import { getLocation } from 'jsonc-parser';
import { EmbeddedJson } from './embeddedJson.ts';
import { LineAnalysis, type AuthoringContext } from './lineAnalysis.ts';
import { callNameAt, isCallPath } from './navigation.ts';
import { parametersOf, requiredOf, schemaAt } from './schemaInfo.ts';
import { describeArgument, describeTool } from './toolDocs.ts';

/** Markdown for columns [start, end) of the line. */
export interface AuthoringHover {
  markdown: string;
  start: number;
  end: number;
}

export function hover(text: string, character: number, index: number, context: AuthoringContext): AuthoringHover | undefined {
  const line = new LineAnalysis(text, index, context);
  const call = callNameAt(line, character);
  if (call) {
    const tool = line.tool(call.name);
    const markdown = tool ? describeTool(tool) : `**${call.name}** is not declared for this line.`;
    return { markdown, start: call.start, end: call.end };
  }
  return argumentHover(line, character);
}

function argumentHover(line: LineAnalysis, character: number): AuthoringHover | undefined {
  const offset = character - line.jsonStart;
  const location = getLocation(line.body, offset);
  const node = location.previousNode;
  const path = location.path;
  if (path[path.length - 1] !== 'arguments' || !isCallPath(path.slice(0, -1)) || node?.type !== 'string') return undefined;
  if (offset <= node.offset || offset >= node.offset + node.length) return undefined;
  const embedded = new EmbeddedJson(line.body, node);
  const inner = getLocation(embedded.decoded, embedded.decodedOffset(offset));
  const key = inner.path[inner.path.length - 1];
  const keyNode = inner.previousNode;
  if (!inner.isAtPropertyKey || typeof key !== 'string' || !keyNode) return undefined;
  const tool = line.tool(line.valueAt([...path.slice(0, -1), 'name']));
  const parameters = parametersOf(tool);
  if (!tool || !parameters) return undefined;
  const objectPath = inner.path.slice(0, -1);
  const required = requiredOf(schemaAt(parameters, objectPath)).includes(key);
  return {
    markdown: describeArgument(tool, key, schemaAt(parameters, [...objectPath, key]), required),
    start: embedded.rawOffset(keyNode.offset) + line.jsonStart,
    end: embedded.rawOffset(keyNode.offset + keyNode.length) + line.jsonStart,
  };
}
