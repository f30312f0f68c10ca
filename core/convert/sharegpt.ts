// LLaMA-Factory's ShareGPT format with tools: `conversations` of {from, value} where `from` is
// human / gpt / function_call / observation, an optional `system`, and `tools` as a JSON string
// of function definitions. human and observation sit on odd positions, gpt and function_call on
// even ones; a function_call holds only calls (JSON {name, arguments}, a list when parallel), and
// the replies to parallel calls share one observation, joined as LLaMA-Factory joins them.
import type { DatasetFormat } from './format.ts';
import { conversationTurns } from './conversations.ts';
import {
  argumentsText, argumentsValue, asTools, CallIds, contentText, functionOf, isObject, RecordError, reportIds, reportKeys, reportWeights,
  type Example, type ExampleMessage, type LossLog,
} from './example.ts';

/** How LLaMA-Factory's own OpenAI converter joins the replies to parallel calls into one observation. */
export const OBSERVATION_JOINER = '\n</tool_response>\n<tool_response>\n';

const ROLE_OF: Record<string, string> = { human: 'user', gpt: 'assistant', observation: 'tool', function_call: 'assistant', system: 'system' };

export const sharegptFormat: DatasetFormat = {
  name: 'sharegpt',
  description: 'LLaMA-Factory ShareGPT with tools: {"conversations": [{"from", "value"}], "system", "tools"}',
  read: readSharegpt,
  write: writeSharegpt,
};

function readSharegpt(value: unknown, log: LossLog): Example {
  const { record, turns } = conversationTurns(value, ['conversations', 'system', 'tools'], log);
  const messages: ExampleMessage[] = [];
  if (typeof record['system'] === 'string' && record['system'] !== '') messages.push({ role: 'system', content: record['system'] });
  const ids = new CallIds();
  let pending: string[] = [];
  turns.forEach(({ from, value }, i) => {
    const where = `turn ${i + 1}`;
    if (!Object.hasOwn(ROLE_OF, from)) throw new RecordError(`${where} has "from": "${from}"; expected human, gpt, function_call, observation or system.`);
    if (from === 'function_call') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        throw new RecordError(`${where}: the function_call value is not JSON.`);
      }
      const list = Array.isArray(parsed) ? parsed : [parsed];
      const calls = list.map((c, k) => {
        if (!isObject(c) || typeof c['name'] !== 'string') throw new RecordError(`${where}: call ${k + 1} has no "name" string.`);
        return { id: ids.next(), type: 'function' as const, function: { name: c['name'], arguments: argumentsText(c['arguments']) } };
      });
      messages.push({ role: 'assistant', content: null, tool_calls: calls });
      pending = calls.map((c) => c.id);
    } else if (from === 'observation') {
      if (pending.length === 0) {
        log.add('turns', `${where}: an observation that follows no function_call is kept as a tool message without "tool_call_id".`);
        messages.push({ role: 'tool', content: value });
        return;
      }
      const parts = pending.length > 1 ? value.split(OBSERVATION_JOINER) : [value];
      if (parts.length === pending.length) parts.forEach((part, k) => messages.push({ role: 'tool', tool_call_id: pending[k], content: part }));
      else {
        log.add('turns', `${where}: one observation answers ${pending.length} calls and cannot be split; it is kept as the reply to the first call.`);
        messages.push({ role: 'tool', tool_call_id: pending[0], content: value });
      }
      pending = [];
    } else {
      messages.push({ role: ROLE_OF[from], content: value });
      pending = [];
    }
  });
  const example: Example = { messages };
  const tools = readTools(record['tools']);
  if (tools.length > 0) example.tools = tools;
  return example;
}

function readTools(value: unknown): unknown[] {
  if (value === undefined || value === '' || value === null) return [];
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw new RecordError('"tools" is not a JSON string of function definitions.');
    }
  }
  if (!Array.isArray(list)) throw new RecordError('"tools" is not a list of function definitions.');
  return asTools(list);
}

function writeSharegpt(example: Example, log: LossLog): unknown {
  reportIds(example, log);
  reportWeights(example, log);
  reportKeys(example, ['messages', 'tools', 'parallel_tool_calls'], log);
  const conversations: { from: string; value: string }[] = [];
  let system: string | undefined;
  let observation: string[] = [];
  const flush = () => {
    if (observation.length) conversations.push({ from: 'observation', value: observation.join(OBSERVATION_JOINER) });
    observation = [];
  };
  example.messages.forEach((m, i) => {
    const where = `message ${i + 1}`;
    if (m.role === 'tool') {
      observation.push(contentText(m, where, log));
      return;
    }
    flush();
    if (m.role === 'system' && system === undefined && conversations.length === 0) {
      system = contentText(m, where, log);
    } else if (m.role === 'assistant' && m.tool_calls?.length) {
      const text = contentText(m, where, log);
      if (text.trim() !== '') log.add('content', `${where}: the assistant text next to the calls is not carried (a function_call turn holds only calls).`);
      const calls = m.tool_calls.map((c, k) => ({ name: c.function.name, arguments: argumentsValue(c.function.arguments, `${where}, call ${k + 1}`, log) }));
      conversations.push({ from: 'function_call', value: JSON.stringify(calls.length === 1 ? calls[0] : calls) });
    } else {
      const from = m.role === 'user' ? 'human' : m.role === 'assistant' ? 'gpt' : m.role === 'system' ? 'system' : undefined;
      if (from === undefined) throw new RecordError(`${where} has role "${m.role}", which ShareGPT cannot express.`);
      if (from === 'system') log.add('turns', `${where}: a system message after the first turn is written as a "system" turn, which LLaMA-Factory does not accept there.`);
      conversations.push({ from, value: contentText(m, where, log) });
    }
  });
  flush();
  checkPositions(conversations, log);
  const record: Record<string, unknown> = { conversations };
  if (system !== undefined) record['system'] = system;
  if (example.tools?.length) record['tools'] = JSON.stringify(example.tools.map((t) => functionOf(t) ?? t));
  if (example.parallel_tool_calls !== undefined) log.add('key', `"parallel_tool_calls": ${example.parallel_tool_calls} is not carried.`);
  return record;
}

/** LLaMA-Factory skips a conversation whose roles are not human/observation then gpt/function_call, alternately. */
function checkPositions(conversations: { from: string }[], log: LossLog): void {
  const bad = conversations.findIndex((t, i) => (i % 2 === 0) !== (t.from === 'human' || t.from === 'observation'));
  if (bad !== -1) log.add('order', `turn ${bad + 1} ("${conversations[bad].from}") is on an ${bad % 2 === 0 ? 'odd' : 'even'} position, so LLaMA-Factory skips this example.`);
  else if (conversations.length % 2 === 1) log.add('order', `the conversation has an odd number of turns (it ends with "${conversations.at(-1)!.from}"), so LLaMA-Factory skips this example.`);
}
