// Local OpenAI-compatible servers (vLLM, Ollama, llama.cpp) answer tool calls in more than one
// shape. This reads what is unambiguous into the calls we score, and says on the case what was
// read differently: `arguments` sent as an object instead of a JSON string, calls without ids,
// and (only when asked, --parse-content-calls hermes) calls left as <tool_call> text in `content`
// because the server runs no tool parser.
import type { ToolCall } from './metrics.ts';
import { parseToolCallTags } from '../convert/toolCallTags.ts';

/** The formats of calls written as text that can be parsed out of `content`. */
export const CONTENT_CALL_FORMATS = ['hermes'] as const;
export type ContentCallFormat = (typeof CONTENT_CALL_FORMATS)[number];

/** The assistant message of a chat completion, as loosely as servers send it. */
export interface AnswerMessage {
  content?: unknown;
  tool_calls?: { id?: unknown; type?: string; function?: { name?: unknown; arguments?: unknown } }[] | null;
}

export interface NormalizedAnswer {
  calls: ToolCall[];
  content: string | null;
  /** One sentence per normalisation applied, recorded on the case; empty for a standard answer. */
  normalized: string[];
}

export function normalizeAnswer(message: AnswerMessage | undefined, parseContentCalls?: ContentCallFormat): NormalizedAnswer {
  const calls: ToolCall[] = [];
  const normalized: string[] = [];
  let objectArguments = 0;
  let missingIds = 0;
  for (const call of message?.tool_calls ?? []) {
    if (call.type !== undefined && call.type !== 'function') continue;
    if (typeof call.function?.name !== 'string') continue;
    const raw = call.function.arguments;
    if (typeof raw !== 'string' && raw !== undefined) objectArguments++;
    if (typeof call.id !== 'string' || call.id === '') missingIds++;
    calls.push({ name: call.function.name, arguments: typeof raw === 'string' ? raw : JSON.stringify(raw ?? {}) });
  }
  if (objectArguments > 0) normalized.push(`arguments of ${objectArguments} call${objectArguments === 1 ? '' : 's'} came as a JSON object, not a string, and were encoded.`);
  if (missingIds > 0) normalized.push(`${missingIds} call${missingIds === 1 ? ' has' : 's have'} no id.`);
  let content = typeof message?.content === 'string' ? message.content : null;
  if (parseContentCalls === 'hermes' && calls.length === 0 && content !== null && content.includes('<tool_call>')) {
    const tagged = parseToolCallTags(content);
    for (const c of tagged.calls) calls.push({ name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) });
    if (tagged.calls.length > 0) {
      normalized.push(`${tagged.calls.length} call${tagged.calls.length === 1 ? ' was' : 's were'} read from <tool_call> text in the content.`);
      content = tagged.text === '' ? null : tagged.text;
    }
    for (const p of tagged.problems) normalized.push(`${p} It was left in the content.`);
  } else if (parseContentCalls === undefined && calls.length === 0 && content?.includes('<tool_call>')) {
    normalized.push('the content holds <tool_call> text, scored as text and not as calls (content calls are not parsed for this model).');
  }
  return { calls, content, normalized };
}
