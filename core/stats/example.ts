// The slice of a training example the statistics look at, read leniently: the validator
// reports malformed parts; statistics skip what they cannot read instead of failing.
import { BOM } from '../dataset/lines.ts';

/** One line offered to the statistics: 0-based index (as `splitLines` gives) and its text. */
export interface StatsLine {
  index: number;
  text: string;
}

/** One function call an assistant turn makes (`tool_calls[]` or legacy `function_call`). */
export interface Call {
  id: string | undefined;
  name: string;
  arguments: unknown;
}

export type Message = Record<string, unknown>;

/** A line that parsed to an object with a `messages` array. */
export interface Example {
  /** 1-based line number, as editors display it. */
  line: number;
  value: Record<string, unknown>;
  messages: Message[];
  /** Its `tools` / `functions` arrays when they are shared with other lines of the same text (sharedDeclarations.ts). */
  shared?: Partial<Record<'tools' | 'functions', SharedArray>>;
}

/**
 * One `tools` or `functions` array read once for every line that carries the same text: `value`
 * is the array itself (the same object in each such example, never modified), and what is
 * derived from it is kept here the first time a consumer computes it.
 */
export interface SharedArray {
  value: unknown[];
  /** Its tokens (tokens.ts), with the counter that counted them. */
  tokens?: { counter: object; count: number };
  /** "#" + its canonical key, as exampleKey writes it (duplicates.ts). */
  key?: string;
  /** Its fingerprint's two halves (valueFingerprint.ts). */
  fingerprint?: { lo: number; hi: number };
  /** Canonical key of each declaration in it (coverage.ts). */
  declarationKeys?: Map<unknown, string>;
}

/** `Example`, `'blank'`, or `'invalid'` (not JSON, or no `messages` array). */
export function readExample(line: StatsLine): Example | 'blank' | 'invalid' {
  return toExample(line.index, line.text.startsWith(BOM) ? line.text.slice(1) : line.text);
}

/** readExample of a line's text without its byte-order mark. */
export function toExample(index: number, body: string): Example | 'blank' | 'invalid' {
  if (body.trim() === '') return 'blank';
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'invalid';
  }
  if (!isObject(value) || !Array.isArray(value.messages)) return 'invalid';
  return { line: index + 1, value, messages: value.messages.filter(isObject) };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The calls of one message: its `tool_calls` and a legacy `function_call`, those with a string name. */
export function callsOf(message: Message): Call[] {
  const calls: Call[] = [];
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isObject(call) || !isObject(call.function) || typeof call.function.name !== 'string') continue;
      calls.push({ id: typeof call.id === 'string' ? call.id : undefined, name: call.function.name, arguments: call.function.arguments });
    }
  }
  if (isObject(message.function_call) && typeof message.function_call.name === 'string') {
    calls.push({ id: undefined, name: message.function_call.name, arguments: message.function_call.arguments });
  }
  return calls;
}

// The JSON text of a declarations array, made once per example (tokens and duplicate keys both read it).
const declarationsTexts = new WeakMap<unknown[], string>();

/** JSON.stringify of an example's `tools` or `functions` array, computed once per array. */
export function declarationsJson(declarations: unknown[]): string {
  let text = declarationsTexts.get(declarations);
  if (text === undefined) {
    text = JSON.stringify(declarations);
    declarationsTexts.set(declarations, text);
  }
  return text;
}

/** Declarations of the example: `tools[].function` and legacy `functions[]`, those with a string name, with the shared array each came from. */
export function declarationsOf(example: Example): { name: string; declaration: unknown; shared: SharedArray | undefined }[] {
  const result: { name: string; declaration: unknown; shared: SharedArray | undefined }[] = [];
  const { tools, functions } = example.value;
  if (Array.isArray(tools)) {
    const shared = example.shared?.tools;
    for (const tool of tools) {
      if (isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string') result.push({ name: tool.function.name, declaration: tool, shared });
    }
  }
  if (Array.isArray(functions)) {
    const shared = example.shared?.functions;
    for (const fn of functions) {
      if (isObject(fn) && typeof fn.name === 'string') result.push({ name: fn.name, declaration: fn, shared });
    }
  }
  return result;
}

/** Text of a message's `content`: a string as is, an array of parts as its text parts joined. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : '')).join('');
}
