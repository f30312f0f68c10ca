// The Hermes function-calling format (NousResearch): ShareGPT-style `conversations` with the
// tools inside `<tools></tools>` in the system turn, calls as `<tool_call>{...}</tool_call>` in
// gpt turns (JSON or Python dicts) and results as `<tool_response>{...}</tool_response>` in
// `tool` turns. Calls carry no ids: replies are matched to calls by order.
import type { DatasetFormat } from './format.ts';
import { conversationTurns } from './conversations.ts';
import {
  argumentsText, argumentsValue, CallIds, contentText, RecordError, reportIds, reportKeys, reportWeights, asTools,
  type Example, type ExampleMessage, type LossLog,
} from './example.ts';
import { formatToolCallTags, parseLooseObject, parseToolCallTags } from './toolCallTags.ts';

/** The instruction around the `<tools>` block the writer puts in the system turn (and the reader takes off again). */
export const HERMES_TOOLS_PREAMBLE =
  'You are a function calling AI model. The functions you may call are listed as JSON signatures within <tools></tools> XML tags. Call one or more of them when the request needs it, and never guess argument values.\n';
export const HERMES_TOOLS_POSTAMBLE =
  '\nTo call a function, answer with a JSON object holding its name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-dict>}\n</tool_call>';

const TOOLS_BLOCK = /<tools>(\s*[[{][\s\S]*?)<\/tools>/;
const RESPONSE_BLOCK = /<tool_response>([\s\S]*?)<\/tool_response>/g;

export const hermesFormat: DatasetFormat = {
  name: 'hermes',
  description: 'Hermes function calling: <tools> in the system turn, <tool_call> in gpt turns, <tool_response> in tool turns',
  read: readHermes,
  write: writeHermes,
};

function readHermes(record: unknown, log: LossLog): Example {
  const { turns } = conversationTurns(record, ['conversations'], log);
  const messages: ExampleMessage[] = [];
  let tools: unknown[] = [];
  const ids = new CallIds();
  let pending: { id: string; name: string }[] = [];
  turns.forEach(({ from, value }, i) => {
    const where = `turn ${i + 1}`;
    switch (from) {
      case 'system': {
        const found = readSystem(value, where, log);
        if (found.tools) tools = found.tools;
        if (found.text !== '') messages.push({ role: 'system', content: found.text });
        break;
      }
      case 'human':
        messages.push({ role: 'user', content: value });
        break;
      case 'gpt': {
        const tagged = parseToolCallTags(value);
        tagged.problems.forEach((p) => log.add('content', `${where}: ${p} It is kept as text.`));
        if (tagged.calls.length === 0) {
          messages.push({ role: 'assistant', content: value });
          break;
        }
        const calls = tagged.calls.map((c) => ({ id: ids.next(), type: 'function' as const, function: { name: c.name, arguments: argumentsText(c.arguments) } }));
        messages.push({ role: 'assistant', content: tagged.text === '' ? null : tagged.text, tool_calls: calls });
        pending = calls.map((c) => ({ id: c.id, name: c.function.name }));
        break;
      }
      case 'tool':
        messages.push(...readResponses(value, pending, where, log));
        pending = [];
        break;
      default:
        throw new RecordError(`${where} has "from": "${from}"; expected system, human, gpt or tool.`);
    }
  });
  const example: Example = { messages };
  if (tools.length > 0) example.tools = tools;
  return example;
}

function readSystem(value: string, where: string, log: LossLog): { tools?: unknown[]; text: string } {
  const match = TOOLS_BLOCK.exec(value);
  if (!match) return { text: value };
  const body = match[1].trim();
  let list: unknown;
  try {
    list = JSON.parse(body);
  } catch {
    const json = parseLooseList(body);
    if (json === undefined) throw new RecordError(`${where}: the <tools> block is not a JSON list or Python list of function signatures.`);
    list = json;
  }
  // Some writers put one signature per line instead of a list.
  const definitions = Array.isArray(list) ? list : [list];
  let before = value.slice(0, match.index);
  let after = value.slice(match.index + match[0].length);
  const ours = before.endsWith(HERMES_TOOLS_PREAMBLE) && after.startsWith(HERMES_TOOLS_POSTAMBLE);
  if (ours) {
    before = before.slice(0, -HERMES_TOOLS_PREAMBLE.length).replace(/\n\n$/, '');
    after = after.slice(HERMES_TOOLS_POSTAMBLE.length);
  }
  const text = (before + after).trim();
  if (!ours && text !== '') log.add('system', `${where}: the instructions around <tools> are kept as the system message.`);
  return { tools: asTools(definitions), text: ours ? before + after : text };
}

function parseLooseList(text: string): unknown[] | undefined {
  const wrapped = parseLooseObject(`{"list": ${text}}`) ?? parseLooseObject(`{'list': ${text}}`);
  const list = wrapped?.['list'];
  return Array.isArray(list) ? list : undefined;
}

function readResponses(value: string, pending: { id: string; name: string }[], where: string, log: LossLog): ExampleMessage[] {
  const blocks = [...value.matchAll(RESPONSE_BLOCK)].map((m) => m[1]);
  const bodies = blocks.length > 0 ? blocks : [value];
  if (bodies.length !== pending.length) {
    log.add('turns', `${where}: ${bodies.length} tool responses answer ${pending.length} calls; they are matched by order${bodies.length > pending.length ? ' and the extra ones have no "tool_call_id"' : ''}.`);
  }
  return bodies.map((body, k) => {
    const parsed = parseLooseObject(body);
    const content = parsed && typeof parsed['name'] === 'string' && 'content' in parsed
      ? (typeof parsed['content'] === 'string' ? parsed['content'] : JSON.stringify(parsed['content']))
      : body.trim();
    const id = pending[k]?.id;
    return id === undefined ? { role: 'tool', content } : { role: 'tool', tool_call_id: id, content };
  });
}

function writeHermes(example: Example, log: LossLog): unknown {
  reportIds(example, log);
  reportWeights(example, log);
  reportKeys(example, ['messages', 'tools', 'parallel_tool_calls'], log);
  if (example.parallel_tool_calls !== undefined) log.add('key', `"parallel_tool_calls": ${example.parallel_tool_calls} is not carried.`);
  const conversations: { from: string; value: string }[] = [];
  const names = new Map<string, string>();
  let responses: string[] = [];
  const flush = () => {
    if (responses.length) conversations.push({ from: 'tool', value: responses.join('\n') });
    responses = [];
  };
  const toolsPrompt = example.tools?.length
    ? `${HERMES_TOOLS_PREAMBLE}<tools>\n${JSON.stringify(example.tools)}\n</tools>${HERMES_TOOLS_POSTAMBLE}`
    : undefined;
  let systemWritten = false;
  example.messages.forEach((m, i) => {
    const where = `message ${i + 1}`;
    if (m.role === 'tool') {
      const name = (m.tool_call_id !== undefined ? names.get(m.tool_call_id) : undefined) ?? '';
      responses.push(`<tool_response>\n${JSON.stringify({ name, content: responseContent(contentText(m, where, log)) })}\n</tool_response>`);
      return;
    }
    flush();
    const text = contentText(m, where, log);
    if (m.role === 'system' && !systemWritten && conversations.length === 0) {
      if (text === '' && toolsPrompt) log.add('system', `${where}: an empty system message is not carried next to the tools prompt.`);
      conversations.push({ from: 'system', value: toolsPrompt ? `${text}\n\n${toolsPrompt}` : text });
      systemWritten = true;
    } else if (m.role === 'assistant') {
      if (!m.tool_calls?.length) conversations.push({ from: 'gpt', value: text });
      else {
        m.tool_calls.forEach((c) => c.id !== undefined && names.set(c.id, c.function.name));
        const calls = m.tool_calls.map((c, k) => ({ name: c.function.name, arguments: argumentsValue(c.function.arguments, `${where}, call ${k + 1}`, log) }));
        conversations.push({ from: 'gpt', value: (text.trim() !== '' ? `${text}\n` : '') + formatToolCallTags(calls) });
      }
    } else if (m.role === 'user') conversations.push({ from: 'human', value: text });
    else if (m.role === 'system') conversations.push({ from: 'system', value: text });
    else throw new RecordError(`${where} has role "${m.role}", which the Hermes format cannot express.`);
  });
  flush();
  if (toolsPrompt && !systemWritten) conversations.unshift({ from: 'system', value: toolsPrompt });
  return { conversations };
}

/** A tool's reply as Hermes writes it: the JSON value when the text is exactly that JSON, else the text. */
function responseContent(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    if (JSON.stringify(value) === text) return value;
  } catch {
    // plain text
  }
  return text;
}
