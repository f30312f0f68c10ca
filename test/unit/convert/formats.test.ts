import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FORMATS } from '../../../core/convert/formats.ts';
import { convertDataset, formatReport } from '../../../core/convert/convert.ts';
import { LossLog, type Example } from '../../../core/convert/example.ts';
import { HERMES_TOOLS_POSTAMBLE, HERMES_TOOLS_PREAMBLE } from '../../../core/convert/hermes.ts';
import { OBSERVATION_JOINER } from '../../../core/convert/sharegpt.ts';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../../fixtures/convert', name), 'utf8');

const TOOL = {
  type: 'function',
  function: {
    name: 'get_rate',
    description: 'Exchange rate.',
    parameters: { type: 'object', properties: { base: { type: 'string' }, quote: { type: 'string', enum: ['USD', 'GBP'] } }, required: ['base'] },
  },
};

/** A parallel call, two replies, text next to a call, a weight 0 turn. */
const EXAMPLE: Example = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'EUR in USD and GBP?' },
    { role: 'assistant', content: 'Checking.', tool_calls: [
      { id: 'call_a', type: 'function', function: { name: 'get_rate', arguments: '{"base": "EUR", "quote": "USD"}' } },
      { id: 'call_b', type: 'function', function: { name: 'get_rate', arguments: '{"base":"EUR","quote":"GBP"}' } },
    ], weight: 0 },
    { role: 'tool', tool_call_id: 'call_a', content: '{"rate":1.08}' },
    { role: 'tool', tool_call_id: 'call_b', content: 'rate 0.85' },
    { role: 'assistant', content: '1.08 USD, 0.85 GBP.' },
  ],
  tools: [TOOL],
};

function write(format: string, example: Example) {
  const log = new LossLog();
  const record = FORMATS[format].write(structuredClone(example), log);
  return { record, losses: log.losses.map((l) => `${l.kind}: ${l.message}`) };
}

function read(format: string, record: unknown) {
  const log = new LossLog();
  const example = FORMATS[format].read(record, log);
  return { example, losses: log.losses.map((l) => `${l.kind}: ${l.message}`) };
}

const BACK_WITHOUT_IDS_OR_WEIGHT = (text: string | null) => [
  { role: 'user', content: 'EUR in USD and GBP?' },
  { role: 'assistant', content: text, tool_calls: [
    { id: 'call_1', type: 'function', function: { name: 'get_rate', arguments: '{"base":"EUR","quote":"USD"}' } },
    { id: 'call_2', type: 'function', function: { name: 'get_rate', arguments: '{"base":"EUR","quote":"GBP"}' } },
  ] },
  { role: 'tool', tool_call_id: 'call_1', content: '{"rate":1.08}' },
  { role: 'tool', tool_call_id: 'call_2', content: 'rate 0.85' },
  { role: 'assistant', content: '1.08 USD, 0.85 GBP.' },
];

test('sharegpt: parallel calls as a list, replies joined in one observation, what it cannot carry reported', () => {
  const out = write('sharegpt', EXAMPLE);
  assert.deepEqual(out.record, {
    conversations: [
      { from: 'human', value: 'EUR in USD and GBP?' },
      { from: 'function_call', value: '[{"name":"get_rate","arguments":{"base":"EUR","quote":"USD"}},{"name":"get_rate","arguments":{"base":"EUR","quote":"GBP"}}]' },
      { from: 'observation', value: `{"rate":1.08}${OBSERVATION_JOINER}rate 0.85` },
      { from: 'gpt', value: '1.08 USD, 0.85 GBP.' },
    ],
    system: 'Be brief.',
    tools: JSON.stringify([TOOL.function]),
  });
  assert.deepEqual(out.losses, [
    'ids: 2 tool call ids are not carried; replies are matched to calls by order.',
    'weight: message 3: "weight": 0 is not carried, so this assistant turn would be trained.',
    'content: message 3: the assistant text next to the calls is not carried (a function_call turn holds only calls).',
  ]);
  const back = read('sharegpt', out.record);
  assert.deepEqual(back.losses, []);
  assert.deepEqual(back.example, { messages: [{ role: 'system', content: 'Be brief.' }, ...BACK_WITHOUT_IDS_OR_WEIGHT(null)], tools: [TOOL] });
});

test('sharegpt: a conversation LLaMA-Factory would skip is reported, not dropped', () => {
  const out = write('sharegpt', { messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }, { role: 'assistant', content: 'c' }] });
  assert.deepEqual(out.losses, ['order: turn 2 ("human") is on an even position, so LLaMA-Factory skips this example.']);
  assert.equal((out.record as { conversations: unknown[] }).conversations.length, 3);
});

test('sharegpt: an observation that cannot be split over parallel calls is kept whole, and said', () => {
  const record = {
    conversations: [
      { from: 'human', value: 'q' },
      { from: 'function_call', value: '[{"name": "f", "arguments": {}}, {"name": "f", "arguments": {"x": 1}}]' },
      { from: 'observation', value: 'both done' },
      { from: 'gpt', value: 'ok' },
    ],
  };
  const back = read('sharegpt', record);
  assert.deepEqual(back.losses, ['turns: turn 3: one observation answers 2 calls and cannot be split; it is kept as the reply to the first call.']);
  assert.deepEqual(back.example.messages[2], { role: 'tool', tool_call_id: 'call_1', content: 'both done' });
  assert.equal(back.example.messages[1].tool_calls?.[1].function.arguments, '{"x":1}');
});

test('sharegpt: records from LLaMA-Factory\'s glaive demo read without loss and write back the same', () => {
  const result = convertDataset(fixture('sharegpt-glaive.json'), FORMATS.sharegpt, FORMATS.openai);
  assert.equal(result.unit, 'record');
  assert.deepEqual(result.totals, { records: 3, written: 3, skipped: 0, withLosses: 0, losses: {} });
  const first = JSON.parse(result.output.split('\n')[0]) as Example;
  assert.deepEqual(first.messages.map((m) => m.role), ['user', 'assistant', 'user', 'assistant', 'tool', 'assistant', 'user', 'assistant']);
  assert.deepEqual(first.messages[3].tool_calls, [{ id: 'call_1', type: 'function', function: { name: 'search_recipes', arguments: '{"ingredients":["chicken","bell peppers","rice"]}' } }]);
  assert.equal(first.messages[4].tool_call_id, 'call_1');
  // Back to ShareGPT: the same records, up to JSON spacing inside the strings.
  const again = convertDataset(result.output, FORMATS.openai, FORMATS.sharegpt);
  const parse = (r: { conversations: { from: string; value: string }[]; tools?: string }) => ({
    conversations: r.conversations.map((t) => (t.from === 'function_call' ? { ...t, value: JSON.parse(t.value) } : t)),
    tools: JSON.parse(r.tools || '[]'),
  });
  const originals = JSON.parse(fixture('sharegpt-glaive.json'));
  assert.deepEqual(again.output.trim().split('\n').map((l) => parse(JSON.parse(l))), originals.map(parse));
});

test('hermes: tools in the system turn, calls and responses as tags, read back exactly', () => {
  const out = write('hermes', EXAMPLE);
  const toolsPrompt = `${HERMES_TOOLS_PREAMBLE}<tools>\n${JSON.stringify([TOOL])}\n</tools>${HERMES_TOOLS_POSTAMBLE}`;
  assert.deepEqual(out.record, {
    conversations: [
      { from: 'system', value: `Be brief.\n\n${toolsPrompt}` },
      { from: 'human', value: 'EUR in USD and GBP?' },
      { from: 'gpt', value: 'Checking.\n<tool_call>\n{"name":"get_rate","arguments":{"base":"EUR","quote":"USD"}}\n</tool_call>\n<tool_call>\n{"name":"get_rate","arguments":{"base":"EUR","quote":"GBP"}}\n</tool_call>' },
      { from: 'tool', value: '<tool_response>\n{"name":"get_rate","content":{"rate":1.08}}\n</tool_response>\n<tool_response>\n{"name":"get_rate","content":"rate 0.85"}\n</tool_response>' },
      { from: 'gpt', value: '1.08 USD, 0.85 GBP.' },
    ],
  });
  assert.deepEqual(out.losses, [
    'ids: 2 tool call ids are not carried; replies are matched to calls by order.',
    'weight: message 3: "weight": 0 is not carried, so this assistant turn would be trained.',
  ]);
  const back = read('hermes', out.record);
  assert.deepEqual(back.losses, []);
  assert.deepEqual(back.example, { messages: [{ role: 'system', content: 'Be brief.' }, ...BACK_WITHOUT_IDS_OR_WEIGHT('Checking.')], tools: [TOOL] });
});

test('hermes: Python-dict calls and responses, another system prompt, a bad call kept as text, an unknown turn refused', () => {
  const result = convertDataset(fixture('hermes.jsonl'), FORMATS.hermes, FORMATS.openai);
  const [first, second] = result.output.trim().split('\n').map((l) => JSON.parse(l) as Example);
  assert.deepEqual(first.messages[0], {
    role: 'system',
    content: "You are a function calling AI model. You are provided with function signatures within <tools></tools> XML tags. Call them when needed.\n\nReturn each call as <tool_call>{'arguments': <args-dict>, 'name': <function-name>}</tool_call>.",
  });
  assert.deepEqual(first.messages[2].tool_calls?.map((c) => c.function.arguments), ['{"base":"EUR","quote":"USD"}', '{"base":"EUR","quote":"GBP"}']);
  assert.deepEqual(first.messages.slice(3, 5), [
    { role: 'tool', tool_call_id: 'call_1', content: '{"rate":1.08}' },
    { role: 'tool', tool_call_id: 'call_2', content: '0.85' },
  ]);
  assert.deepEqual(first.tools, [{ type: 'function', function: { name: 'get_rate', description: 'Exchange rate between two currencies.', parameters: { type: 'object', properties: { base: { type: 'string' }, quote: { type: 'string' } }, required: ['base', 'quote'] } } }]);
  assert.deepEqual(second.messages[1], { role: 'assistant', content: 'Let me check.\n<tool_call>\n{"name": "lookup", "arguments": {"q": "x"}\n</tool_call>' });
  assert.deepEqual(formatReport(result, 'h.jsonl'), [
    'h.jsonl:1: key "id" is not carried.',
    'h.jsonl:1: key "category" is not carried.',
    'h.jsonl:1: turn 1: the instructions around <tools> are kept as the system message.',
    'h.jsonl:2: turn 2: <tool_call> block 1 is not a JSON object or Python dict. It is kept as text.',
    'h.jsonl:3: left out: cannot read as hermes: turn 1 has "from": "narrator"; expected system, human, gpt or tool.',
    '2 of 3 records written, 1 left out, 2 with losses (key 2, system 1, content 1).',
  ]);
});

test('xlam: Python-style types map to JSON Schema, optional ones are not required, unmapped types kept and reported', () => {
  const result = convertDataset(fixture('xlam.jsonl'), FORMATS.xlam, FORMATS.openai);
  const [first, second] = result.output.trim().split('\n').map((l) => JSON.parse(l) as Example);
  assert.deepEqual(first, {
    messages: [
      { role: 'user', content: 'Books by Ursula Le Guin, fantasy only, 3 of them.' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'search_books', arguments: '{"author":"Ursula Le Guin","genres":["fantasy"],"limit":3}' } }] },
    ],
    tools: [{ type: 'function', function: { name: 'search_books', description: 'Find books.', parameters: {
      type: 'object',
      properties: {
        author: { type: 'string', description: 'Author name.', default: '' },
        genres: { type: 'array', items: { type: 'string' }, description: 'Genres to include.' },
        limit: { type: 'integer', description: 'At most this many.', default: 10 },
        sort: { 'x-xlam-type': 'Callable', description: 'A sort key.' },
      },
      required: ['author', 'sort'],
    } } }],
  });
  assert.deepEqual(second.messages[1], { role: 'assistant', content: '' });
  assert.deepEqual(formatReport(result, 'x.jsonl'), [
    'x.jsonl:1: key "id" is not carried.',
    'x.jsonl:1: parameter "sort" of "search_books": type "Callable" does not map to JSON Schema; kept as "x-xlam-type".',
    'x.jsonl:2: parameter "sort" of "search_books": type "Callable" does not map to JSON Schema; kept as "x-xlam-type".',
    'x.jsonl:2: no answers: written as an assistant message with empty text.',
    'x.jsonl:3: left out: cannot read as xlam: "tools" is not a JSON string of a list.',
    '2 of 3 records written, 1 left out, 2 with losses (key 1, type 2, content 1).',
  ]);
  // Written back as xLAM, the types (the unmapped one included) come back as they were.
  const again = convertDataset(result.output, FORMATS.openai, FORMATS.xlam);
  const tools = JSON.parse((JSON.parse(again.output.split('\n')[0]) as { tools: string }).tools);
  assert.deepEqual(tools, JSON.parse((JSON.parse(fixture('xlam.jsonl').split('\n')[0]) as { tools: string }).tools));
});

test('xlam: one query and its calls; other turns, text and schema keywords reported', () => {
  const out = write('xlam', EXAMPLE);
  assert.deepEqual(out.record, {
    query: 'EUR in USD and GBP?',
    tools: JSON.stringify([{ name: 'get_rate', description: 'Exchange rate.', parameters: { base: { type: 'str' }, quote: { type: 'str, optional' } } }]),
    answers: JSON.stringify([{ name: 'get_rate', arguments: { base: 'EUR', quote: 'USD' } }, { name: 'get_rate', arguments: { base: 'EUR', quote: 'GBP' } }]),
  });
  assert.deepEqual(out.losses, [
    'ids: 2 tool call ids are not carried; replies are matched to calls by order.',
    'weight: message 3: "weight": 0 is not carried, so this assistant turn would be trained.',
    'turns: message 1 ("system") is not carried: an xLAM record is one query and its calls.',
    'turns: message 4 ("tool") is not carried: an xLAM record is one query and its calls.',
    'turns: message 5 ("tool") is not carried: an xLAM record is one query and its calls.',
    'turns: message 6 ("assistant") is not carried: an xLAM record is one query and its calls.',
    'content: message 3: the assistant text next to the calls is not carried.',
    'schema: parameter "quote" of "get_rate": "enum" is not carried.',
  ]);
});

test('arguments whose text would change beyond whitespace are reported', () => {
  const out = write('sharegpt', { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{"x": 1.0, "s": "\\u00e9"}' } }] }] });
  assert.deepEqual(out.losses, ['arguments: message 2, call 1: the arguments text is written differently (numbers, escapes or duplicate keys), with the same meaning where JSON allows.']);
  const bad = write('sharegpt', { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{x: 1}' } }] }] });
  assert.deepEqual(bad.losses, ['arguments: message 2, call 1: arguments are not valid JSON and are written as a string.']);
  assert.equal(JSON.parse((bad.record as { conversations: { value: string }[] }).conversations[1].value).arguments, '{x: 1}');
});

test('the format of a file is guessed from its first record', async () => {
  const { detectFormat } = await import('../../../core/convert/detect.ts');
  assert.equal(detectFormat(fixture('sharegpt-glaive.json')), 'sharegpt');
  assert.equal(detectFormat(fixture('hermes.jsonl')), 'hermes');
  assert.equal(detectFormat(fixture('xlam.jsonl')), 'xlam');
  assert.equal(detectFormat('{"messages":[]}\n{"query":"x","answers":"[]"}\n'), 'openai');
  assert.equal(detectFormat('{"conversations":[{"from":"human","value":"hi"},{"from":"gpt","value":"<tool_call>{}</tool_call>"}]}'), 'hermes');
  assert.equal(detectFormat('not json'), undefined);
});

test('replies out of the order of their calls are reported, since formats without ids match by order', () => {
  const swapped = structuredClone(EXAMPLE);
  [swapped.messages[3], swapped.messages[4]] = [swapped.messages[4], swapped.messages[3]];
  for (const format of ['sharegpt', 'hermes']) {
    assert.ok(write(format, swapped).losses.includes('order: message 3: the replies that follow are not in the order of its calls, so read back they would answer other calls.'), format);
    assert.ok(!write(format, EXAMPLE).losses.some((l) => l.startsWith('order:')), format);
  }
});

test('message keys other formats lack are reported; weight 1 is the default and needs no report', () => {
  const named: Example = { messages: [{ role: 'user', content: 'q', name: 'ana' }, { role: 'assistant', content: 'a', weight: 1 }] };
  for (const format of ['sharegpt', 'hermes', 'xlam']) {
    assert.deepEqual(write(format, named).losses.filter((l) => l.startsWith('key:')), ['key: message 1: key "name" is not carried.'], format);
  }
});
