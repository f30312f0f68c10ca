// Hermes-style calls written as text: `<tool_call>{"name": ..., "arguments": {...}}</tool_call>`,
// the body JSON or a Python dict (single quotes, True/None). Used by the hermes reader and by
// the eval runner to read calls a local server left in `content`.
import { pythonReprToJson } from '../dataset/pythonRepr.ts';
import { isObject } from './example.ts';

/** One call found in text; `arguments` as the parsed value (an object, or a string as written). */
export interface TaggedCall {
  name: string;
  arguments: unknown;
}

/** What `<tool_call>` blocks a text holds, the text around them, and the blocks that could not be read. */
export interface TaggedText {
  calls: TaggedCall[];
  /** The text outside the blocks, trimmed. */
  text: string;
  /** One sentence per block that is not a call (bad JSON, no name, no closing tag); such blocks stay in `text`, so nothing is lost. */
  problems: string[];
}

const BLOCK = /<tool_call>([\s\S]*?)(?:<\/tool_call>|$)/g;

/** Parses a JSON or Python-literal object; undefined when it is neither. */
export function parseLooseObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  for (const candidate of [trimmed, pythonReprToJson(trimmed)]) {
    if (candidate === null) continue;
    try {
      const value: unknown = JSON.parse(candidate);
      if (isObject(value)) return value;
    } catch {
      // try the next reading
    }
  }
  return undefined;
}

/** Finds the `<tool_call>` blocks of a text. */
export function parseToolCallTags(text: string): TaggedText {
  const calls: TaggedCall[] = [];
  const problems: string[] = [];
  let outside = '';
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(BLOCK)) {
    n++;
    outside += text.slice(last, match.index);
    last = match.index + match[0].length;
    const body = match[1];
    if (!match[0].endsWith('</tool_call>')) problems.push(`<tool_call> block ${n} has no closing </tool_call>.`);
    const value = parseLooseObject(body);
    if (!value) {
      problems.push(`<tool_call> block ${n} is not a JSON object or Python dict.`);
      outside += match[0];
      continue;
    }
    if (typeof value['name'] !== 'string') {
      problems.push(`<tool_call> block ${n} has no "name" string.`);
      outside += match[0];
      continue;
    }
    // Some writers use "parameters" for the arguments.
    calls.push({ name: value['name'], arguments: value['arguments'] ?? value['parameters'] ?? {} });
  }
  outside += text.slice(last);
  return { calls, text: outside.trim(), problems };
}

/** Writes calls as Hermes blocks, one per call, JSON bodies. */
export function formatToolCallTags(calls: readonly TaggedCall[]): string {
  return calls.map((c) => `<tool_call>\n${JSON.stringify({ name: c.name, arguments: c.arguments })}\n</tool_call>`).join('\n');
}
