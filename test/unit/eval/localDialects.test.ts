// Local servers answer tool calls in other shapes (arguments as objects, no ids, calls as
// <tool_call> text in content). The local test server speaks each dialect; the runner must
// score them as the standard answer, and say on the case what it read differently.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { extractCases } from '../../../core/eval/cases.ts';
import { runModel, type RunModelOptions } from '../../../core/eval/runner.ts';
import { normalizeAnswer } from '../../../core/eval/normalizeAnswer.ts';
import { createOpenAI, type OpenAI } from '../../../core/openai/client.ts';
import { runCli } from '../../../cli/main.ts';
import { startOpenAIServer, type ChatRequest, type OpenAIServer, type ScriptedReply } from '../../openai-server/index.ts';
import { caseOfRequest } from '../../helpers/evalCases.ts';

const text = readFileSync(join(__dirname, '../../fixtures/eval/eval-small.jsonl'), 'utf8');
const { cases } = extractCases(text);

/** Answers every case as the eval set does. */
function rightModel(request: ChatRequest): ScriptedReply {
  const c = caseOfRequest(cases, request);
  return c.expected.length === 0 ? { content: 'Sure.' } : { tool_calls: c.expected.map((call) => ({ name: call.name, arguments: call.arguments })) };
}

const scores = (r: Awaited<ReturnType<typeof runModel>>) => {
  const s = r.results.summary;
  return [s.total, s.exact_match, s.fuzzy_match, s.functional_match, s.structural_match, s.errors];
};

describe('local server dialects', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  const run = (model: string, extra: Partial<RunModelOptions> = {}) => runModel({ openai, model, baseURL: server.url, cases, concurrency: 2, ...extra });

  before(async () => {
    server = await startOpenAIServer({ tickMs: 0 });
    openai = createOpenAI({ apiKey: 'sk-test-local-0123456789', baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    server.script.set('standard', rightModel);
    server.script.set('object-arguments', rightModel, { dialect: { argumentsAsObject: true } });
    server.script.set('no-ids', rightModel, { dialect: { omitIds: true } });
    server.script.set('content-calls', rightModel, { dialect: { callsInContent: 'hermes' } });
  });
  after(() => server.close());

  // The fixture has 8 cases: 6 expect calls, 2 expect text; line 6's "42" for an integer fails structural.
  const STANDARD = [8, 1, 1, 1, 7 / 8, 0];

  test('the standard shape: nothing normalised', async () => {
    const r = await run('standard');
    assert.deepEqual(scores(r), STANDARD);
    assert.deepEqual(r.results.cases.filter((c) => c.normalized), []);
  });

  test('arguments as a JSON object: encoded, scored the same, noted on each case with calls', async () => {
    const r = await run('object-arguments');
    assert.deepEqual(scores(r), STANDARD);
    const noted = r.results.cases.filter((c) => c.normalized).map((c) => [`${c.line}:${c.turn}`, c.normalized]);
    assert.deepEqual(noted, r.results.cases.filter((c) => c.expected.length > 0).map((c) => [`${c.line}:${c.turn}`, [`arguments of ${c.expected.length} call${c.expected.length === 1 ? '' : 's'} came as a JSON object, not a string, and were encoded.`]]));
    assert.equal(noted.length, 6);
  });

  test('calls without ids: scored the same, noted', async () => {
    const r = await run('no-ids');
    assert.deepEqual(scores(r), STANDARD);
    assert.deepEqual(r.results.cases.find((c) => c.line === 1)!.normalized, ['1 call has no id.']);
  });

  test('calls as <tool_call> text: misses without --parse-content-calls, the standard scores with it', async () => {
    const raw = await run('content-calls');
    // Only the 2 cases that expect text can match.
    assert.deepEqual(scores(raw), [8, 2 / 8, 2 / 8, 2 / 8, 2 / 8, 0]);
    assert.deepEqual(raw.results.cases.find((c) => c.line === 1)!.normalized, ['the content holds <tool_call> text, scored as text and not as calls (content calls are not parsed for this model).']);
    const parsed = await run('content-calls', { parseContentCalls: 'hermes' });
    assert.deepEqual(scores(parsed), STANDARD);
    const line1 = parsed.results.cases.find((c) => c.line === 1)!;
    assert.deepEqual(line1.normalized, ['1 call was read from <tool_call> text in the content.']);
    assert.deepEqual(line1.prediction, { tool_calls: line1.expected.map((c) => ({ name: c.name, arguments: JSON.stringify(JSON.parse(c.arguments)) })), content: null });
  });
});

test('normalizeAnswer: text around content calls is kept, a broken block stays in the content', () => {
  const answer = normalizeAnswer({ content: 'Looking.\n<tool_call>\n{\'name\': \'f\', \'arguments\': {\'x\': True}}\n</tool_call>\n<tool_call>{oops}</tool_call>' }, 'hermes');
  assert.deepEqual(answer, {
    calls: [{ name: 'f', arguments: '{"x":true}' }],
    content: 'Looking.\n\n<tool_call>{oops}</tool_call>',
    normalized: ['1 call was read from <tool_call> text in the content.', '<tool_call> block 2 is not a JSON object or Python dict. It was left in the content.'],
  });
  // Calls in tool_calls win: content text is not parsed on top of them.
  assert.deepEqual(normalizeAnswer({ content: '<tool_call>{"name": "g"}</tool_call>', tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }] }, 'hermes').calls, [{ name: 'f', arguments: '{}' }]);
});

test('toolcall eval --parse-content-calls accepts hermes only', async () => {
  let stderr = '';
  const code = await runCli(['eval', '--dataset', 'x.jsonl', '--model', 'm', '--parse-content-calls', 'xml'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: __dirname, env: {} });
  assert.equal(code, 2);
  assert.equal(stderr.split('\n')[0], 'toolcall eval: --parse-content-calls expects hermes, not "xml".');
});
