// What the tools features need from one dataset line: its `tools` declarations and its calls.
import { isObject } from '../checks/findings.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { parseLine } from '../dataset/parseLine.ts';

/** One tool call of a line. */
export interface LineCall {
  name: string;
  /** The `arguments` value as written (a JSON string in valid data). */
  arguments: unknown;
  /** Path of the call's function name in the line. */
  namePath: JsonPath;
}

/** One declaration in a line's `tools`. */
export interface LineDeclaration {
  name: string;
  /** The whole `{"type": "function", "function": {...}}` object. */
  tool: Record<string, unknown>;
  fn: Record<string, unknown>;
  index: number;
}

export interface LineTools {
  /** The parsed line (an object), or undefined for blank, invalid or non-object lines. */
  value?: Record<string, unknown>;
  /** True when the line has a `tools` key (even if it is not an array). */
  hasTools: boolean;
  declarations: LineDeclaration[];
  calls: LineCall[];
}

const EMPTY: LineTools = { hasTools: false, declarations: [], calls: [] };

/** Parses a line (fast path JSON.parse) and collects its declarations and calls. */
export function readLine(text: string): LineTools {
  const parsed = parseLine(text);
  if (parsed.kind !== 'value' || !isObject(parsed.value)) return EMPTY;
  const value = parsed.value;
  const declarations: LineDeclaration[] = [];
  if (Array.isArray(value.tools)) {
    value.tools.forEach((tool, index) => {
      if (isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string') {
        declarations.push({ name: tool.function.name, tool, fn: tool.function, index });
      }
    });
  }
  return { value, hasTools: 'tools' in value, declarations, calls: callsOf(value) };
}

/** Calls in `messages[*].tool_calls[*].function` (and legacy `function_call`). */
export function callsOf(value: Record<string, unknown>): LineCall[] {
  const calls: LineCall[] = [];
  if (!Array.isArray(value.messages)) return calls;
  value.messages.forEach((message, m) => {
    if (!isObject(message)) return;
    if (Array.isArray(message.tool_calls)) {
      message.tool_calls.forEach((call, c) => {
        if (isObject(call) && isObject(call.function) && typeof call.function.name === 'string') {
          calls.push({ name: call.function.name, arguments: call.function.arguments, namePath: ['messages', m, 'tool_calls', c, 'function', 'name'] });
        }
      });
    }
    if (isObject(message.function_call) && typeof message.function_call.name === 'string') {
      calls.push({ name: message.function_call.name, arguments: message.function_call.arguments, namePath: ['messages', m, 'function_call', 'name'] });
    }
  });
  return calls;
}

/** A call's arguments as a value: the parsed JSON string, or an object written directly; undefined when unreadable. */
export function argumentsValue(args: unknown): { value: unknown } | undefined {
  if (typeof args === 'string') {
    try {
      return { value: JSON.parse(args) };
    } catch {
      return undefined;
    }
  }
  return isObject(args) ? { value: args } : undefined;
}
