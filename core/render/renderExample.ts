// Renders one training example with a chat template and finds each assistant turn in the
// text: the turn of message i is what rendering messages[0..i] adds to rendering messages[0..i)
// with the generation prompt, the way trainers that mask prompts find it. Templates that render
// earlier turns differently once later ones follow cannot be split that way, and say so.
import type { Example, ExampleMessage } from '../convert/example.ts';
import type { ChatTemplate } from './chatTemplate.ts';

/** One assistant turn in the rendered text; offsets in UTF-16 units. */
export interface RenderedSpan {
  start: number;
  end: number;
  /** Index of the message in `messages`. */
  message: number;
  /** Weight 1 (the default): the model learns this text. */
  trained: boolean;
}

export interface RenderedExample {
  text: string;
  spans: RenderedSpan[];
  /** Why the spans could not be found, when they could not. */
  spanProblem?: string;
}

/**
 * The messages as chat templates expect them: `arguments` as objects (HF templates write them
 * with `tojson`), dataset-only keys (`weight`) removed.
 */
export function templateMessages(messages: readonly ExampleMessage[]): unknown[] {
  return messages.map((m) => {
    const { weight: _weight, ...rest } = m;
    if (!m.tool_calls) return rest;
    return {
      ...rest,
      tool_calls: m.tool_calls.map((c) => ({ ...c, function: { ...c.function, arguments: parseArguments(c.function.arguments) } })),
    };
  });
}

function parseArguments(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function renderExample(example: Example, template: ChatTemplate): RenderedExample {
  const messages = templateMessages(example.messages);
  const tools = example.tools;
  const text = template.render(messages, tools, false);
  const spans: RenderedSpan[] = [];
  for (let i = 0; i < messages.length; i++) {
    if (example.messages[i].role !== 'assistant') continue;
    const before = template.render(messages.slice(0, i), tools, true);
    const through = template.render(messages.slice(0, i + 1), tools, false);
    if (!through.startsWith(before) || !text.startsWith(through)) {
      return { text, spans, spanProblem: `the template renders the turns before message ${i + 1} differently once it follows, so its trained text cannot be located.` };
    }
    spans.push({ start: before.length, end: through.length, message: i, trained: example.messages[i].weight !== 0 });
  }
  return { text, spans };
}
