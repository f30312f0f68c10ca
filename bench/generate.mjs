// Deterministic generator of a realistic tool-calling dataset for benchmarks.
// `node bench/generate.mjs OUT.jsonl [--examples 100000] [--seed 1]`: about 1 KB per example,
// thousands of distinct tool schemas, every category, about 1% defective lines.
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { prng } from './prng.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { examples: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' } } });
const out = positionals[0];
if (!out) throw new Error('usage: node bench/generate.mjs OUT.jsonl [--examples N] [--seed S]');

const random = prng(Number(values.seed));
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const VERBS = ['get', 'list', 'create', 'update', 'delete', 'search', 'find', 'send', 'book', 'cancel', 'compute', 'convert', 'fetch', 'schedule'];
const NOUNS = ['weather', 'order', 'invoice', 'flight', 'hotel', 'ticket', 'user', 'meeting', 'email', 'stock_price', 'exchange_rate', 'recipe', 'route', 'reminder', 'document', 'payment'];
const WORDS = 'the a of to in for on with at by from about account address amount city country currency customer date day days destination email end format id language limit location message month name note number origin page price priority query quantity reason recipient region start status subject symbol text time timezone title total type unit user week year'.split(' ');
const UNITS = ['celsius', 'fahrenheit', 'kelvin'];
const STATUSES = ['open', 'pending', 'closed', 'cancelled'];

/** A family of tools: the same name space gives thousands of distinct schemas. */
function makeTool(variant) {
  const name = `${pick(VERBS)}_${pick(NOUNS)}_${variant}`;
  const properties = {};
  const required = [];
  const count = int(2, 4);
  for (let i = 0; i < count; i++) {
    const key = `${pick(WORDS)}_${i}`;
    const kind = pick(['string', 'string', 'integer', 'number', 'boolean', 'enum', 'array']);
    properties[key] =
      kind === 'enum' ? { type: 'string', enum: pick([UNITS, STATUSES]) }
      : kind === 'array' ? { type: 'array', items: { type: 'string' } }
      : { type: kind, description: pick(['', `The ${key}.`]) || undefined };
    if (i < 2) required.push(key);
  }
  return { type: 'function', function: { name, description: `${name.replace(/_/g, ' ')}.`, parameters: { type: 'object', properties, required, additionalProperties: false } } };
}

function argumentsFor(tool) {
  const args = {};
  for (const [key, schema] of Object.entries(tool.function.parameters.properties)) {
    if (!tool.function.parameters.required.includes(key) && random() < 0.4) continue;
    args[key] =
      schema.enum ? pick(schema.enum)
      : schema.type === 'integer' ? int(1, 500)
      : schema.type === 'number' ? Math.round(random() * 10000) / 100
      : schema.type === 'boolean' ? random() < 0.5
      : schema.type === 'array' ? [pick(WORDS), pick(WORDS)]
      : `${pick(WORDS)} ${pick(WORDS)} ${int(1, 99)}`;
  }
  return args;
}

const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
let callCounter = 0;
const callId = () => `call_${(++callCounter).toString(36).padStart(12, '0')}`;
const call = (tool, args) => ({ id: callId(), type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(args) } });
const reply = (c, content) => ({ role: 'tool', tool_call_id: c.id, content });

/** One example of the given category over a toolset. */
function example(category, tools) {
  const system = { role: 'system', content: 'You are a helpful assistant.' };
  const user = { role: 'user', content: `Please ${sentence(int(6, 16))}?` };
  const t1 = pick(tools);
  const messages = [system, user];
  if (category === 'no-call') {
    messages.push({ role: 'assistant', content: sentence(int(15, 30)) });
  } else if (category === 'single') {
    const c = call(t1, argumentsFor(t1));
    messages.push({ role: 'assistant', tool_calls: [c] }, reply(c, JSON.stringify({ result: sentence(8) })), { role: 'assistant', content: sentence(int(10, 25)) });
  } else if (category === 'recovery') {
    const bad = call(t1, argumentsFor(t1));
    const good = call(t1, argumentsFor(t1));
    messages.push({ role: 'assistant', tool_calls: [bad], weight: 0 }, reply(bad, JSON.stringify({ error: 'invalid value' })), { role: 'assistant', tool_calls: [good] }, reply(good, JSON.stringify({ result: sentence(6) })), { role: 'assistant', content: sentence(12) });
  } else {
    const c1 = call(t1, argumentsFor(t1));
    const t2 = pick(tools);
    const c2 = call(t2, argumentsFor(t2));
    messages.push({ role: 'assistant', tool_calls: [c1] }, reply(c1, JSON.stringify({ result: sentence(5) })), { role: 'assistant', tool_calls: [c2] }, reply(c2, JSON.stringify({ result: sentence(5) })), { role: 'assistant', content: sentence(15) });
  }
  return { messages, tools };
}

/** About 1% of lines get one typical defect. */
function corrupt(line, ex) {
  switch (int(0, 4)) {
    case 0: return line.slice(0, Math.floor(line.length / 2)); // truncated
    case 1: return line.replace('"role":"user"', '"role":"human"');
    case 2: return line.replace('"type":"function","function":{"name":"', '"type":"function","function":{"name":"x');
    case 3: return line.replace(/"tool_call_id":"call_/, '"tool_call_id":"cal_');
    default: return JSON.stringify({ ...ex, extra: true });
  }
}

// 1,000 toolsets of 1-2 tools over 2,500 variants: thousands of distinct schemas, each reused.
const variants = Array.from({ length: 2500 }, (_, v) => makeTool(v));
const toolsets = Array.from({ length: 1000 }, () => [pick(variants), pick(variants)].slice(0, int(1, 2)).filter((t, i, all) => all.findIndex((u) => u.function.name === t.function.name) === i));
const categories = ['single', 'single', 'recovery', 'multi', 'no-call'];
const stream = createWriteStream(out);
const total = Number(values.examples);
let bytes = 0;
for (let i = 0; i < total; i++) {
  const ex = example(pick(categories), pick(toolsets));
  let line = JSON.stringify(ex);
  if (random() < 0.01) line = corrupt(line, ex);
  bytes += Buffer.byteLength(line) + 1;
  if (!stream.write(line + '\n')) await new Promise((r) => stream.once('drain', r));
}
stream.end();
await new Promise((r) => stream.on('finish', r));
console.error(`wrote ${total} examples, ${(bytes / 1e6).toFixed(1)} MB to ${out}`);
