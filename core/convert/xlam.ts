// Salesforce xLAM function-calling data: {id, query, tools, answers}, `tools` and `answers` as
// JSON strings; a record is one user query answered by calls (no replies, no final text).
import type { DatasetFormat } from './format.ts';
import {
  argumentsText, argumentsValue, CallIds, contentText, functionOf, isObject, RecordError, reportIds, reportKeys, reportWeights,
  type Example, type ExampleMessage, type LossLog,
} from './example.ts';
import { schemaForXlamType, splitOptional, xlamTypeForSchema } from './xlamTypes.ts';

export const xlamFormat: DatasetFormat = {
  name: 'xlam',
  description: 'Salesforce xLAM: {"query", "tools", "answers"} with tools and answers as JSON strings',
  read: readXlam,
  write: writeXlam,
};

function jsonList(record: Record<string, unknown>, key: string): unknown[] {
  let value = record[key];
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new RecordError(`"${key}" is not a JSON string of a list.`);
    }
  }
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RecordError(`"${key}" is not a list.`);
  return value;
}

function readXlam(record: unknown, log: LossLog): Example {
  if (!isObject(record)) throw new RecordError('the record is not a JSON object.');
  if (typeof record['query'] !== 'string') throw new RecordError('"query" is not a string.');
  reportKeys(record, ['query', 'tools', 'answers'], log);
  const tools = jsonList(record, 'tools').map((t, i) => {
    if (!isObject(t) || typeof t['name'] !== 'string') throw new RecordError(`tool ${i + 1} has no "name" string.`);
    return { type: 'function', function: readFunction(t, log) };
  });
  const ids = new CallIds();
  const calls = jsonList(record, 'answers').map((a, i) => {
    if (!isObject(a) || typeof a['name'] !== 'string') throw new RecordError(`answer ${i + 1} has no "name" string.`);
    return { id: ids.next(), type: 'function' as const, function: { name: a['name'], arguments: argumentsText(a['arguments']) } };
  });
  const messages: ExampleMessage[] = [{ role: 'user', content: record['query'] }];
  // An empty answer list is xLAM's "no tool fits": the model answers without a call.
  messages.push(calls.length > 0 ? { role: 'assistant', content: null, tool_calls: calls } : { role: 'assistant', content: '' });
  if (calls.length === 0) log.add('content', 'no answers: written as an assistant message with empty text.');
  const example: Example = { messages };
  if (tools.length > 0) example.tools = tools;
  return example;
}

function readFunction(t: Record<string, unknown>, log: LossLog): Record<string, unknown> {
  const { parameters, ...rest } = t;
  if (!isObject(parameters)) return { ...rest, parameters: { type: 'object', properties: {} } };
  // Parameters already in JSON Schema (some xLAM derivatives) are kept as they are.
  if (parameters['type'] === 'object' && isObject(parameters['properties'])) return t;
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(parameters)) {
    if (!isObject(spec)) {
      properties[name] = {};
      log.add('type', `parameter "${name}" of "${t['name']}" is not an object and is declared without a type.`);
      continue;
    }
    const { type, ...others } = spec;
    const split = typeof type === 'string' ? splitOptional(type) : { type: '', optional: false };
    if (!split.optional) required.push(name);
    const schema = typeof type === 'string' ? schemaForXlamType(split.type) : undefined;
    if (schema === undefined) {
      log.add('type', `parameter "${name}" of "${t['name']}": type ${JSON.stringify(type ?? null)} does not map to JSON Schema; kept as "x-xlam-type".`);
      properties[name] = { 'x-xlam-type': split.type, ...others };
    } else properties[name] = { ...schema, ...others };
  }
  const schema: Record<string, unknown> = { type: 'object', properties };
  if (required.length > 0) schema['required'] = required;
  return { ...rest, parameters: schema };
}

function writeXlam(example: Example, log: LossLog): unknown {
  reportIds(example, log);
  reportWeights(example, log);
  reportKeys(example, ['messages', 'tools', 'parallel_tool_calls'], log);
  const messages = example.messages;
  const first = messages.findIndex((m) => m.role === 'user');
  if (first === -1) throw new RecordError('there is no user message for the xLAM "query".');
  const answer = messages.findIndex((m, i) => i > first && m.role === 'assistant');
  messages.forEach((m, i) => {
    if (i === first || i === answer) return;
    log.add('turns', `message ${i + 1} ("${m.role}") is not carried: an xLAM record is one query and its calls.`);
  });
  const query = contentText(messages[first], `message ${first + 1}`, log);
  const reply = answer === -1 ? undefined : messages[answer];
  if (reply && !reply.tool_calls?.length && contentText(reply, `message ${answer + 1}`, log) !== '') {
    log.add('content', `message ${answer + 1}: the assistant text is not carried (xLAM answers are calls).`);
  } else if (reply?.tool_calls?.length && contentText(reply, `message ${answer + 1}`, log).trim() !== '') {
    log.add('content', `message ${answer + 1}: the assistant text next to the calls is not carried.`);
  }
  const answers = (reply?.tool_calls ?? []).map((c, k) => ({ name: c.function.name, arguments: argumentsValue(c.function.arguments, `message ${answer + 1}, call ${k + 1}`, log) }));
  const tools = (example.tools ?? []).map((t, i) => writeFunction(t, i, log));
  if (example.parallel_tool_calls !== undefined) log.add('key', `"parallel_tool_calls": ${example.parallel_tool_calls} is not carried.`);
  return { query, tools: JSON.stringify(tools), answers: JSON.stringify(answers) };
}

function writeFunction(tool: unknown, index: number, log: LossLog): Record<string, unknown> {
  const fn = functionOf(tool);
  if (!fn) throw new RecordError(`tool ${index + 1} is not a function declaration.`);
  const { parameters, ...rest } = fn;
  for (const key of Object.keys(rest)) {
    if (key !== 'name' && key !== 'description') log.add('schema', `tool "${fn['name']}": "${key}" is not carried.`);
  }
  const out: Record<string, unknown> = { name: fn['name'], description: fn['description'] ?? '' };
  if (fn['description'] === undefined) log.add('schema', `tool "${fn['name']}" has no description; written as "".`);
  if (!isObject(parameters)) {
    out['parameters'] = {};
    return out;
  }
  for (const key of Object.keys(parameters)) {
    if (key !== 'type' && key !== 'properties' && key !== 'required') log.add('schema', `tool "${fn['name']}": parameters "${key}" is not carried.`);
  }
  if (parameters['type'] !== 'object') log.add('type', `tool "${fn['name']}": parameters "type": ${JSON.stringify(parameters['type'] ?? null)} is written as an object.`);
  const required = Array.isArray(parameters['required']) ? parameters['required'] : [];
  const params: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(isObject(parameters['properties']) ? parameters['properties'] : {})) {
    const s = isObject(schema) ? schema : {};
    const { type, dropped } = xlamTypeForSchema(s);
    for (const d of dropped) log.add('schema', `parameter "${name}" of "${fn['name']}": "${d}" is not carried.`);
    const param: Record<string, unknown> = { type: required.includes(name) ? type : `${type}, optional` };
    if (s['description'] !== undefined) param['description'] = s['description'];
    if (s['default'] !== undefined) param['default'] = s['default'];
    params[name] = param;
  }
  out['parameters'] = params;
  return out;
}
