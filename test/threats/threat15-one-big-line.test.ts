// Threat 15: one big line blocked the server for seconds (2 MB of random alphanumerics: no
// answer for over 5 s; 1 MB of base64 in a tool reply 1.1 s; a 50 MB line 2.3 s), mostly in
// token counting (TC209). Now the tokenizer's work per example is bounded (a sample of the text,
// with a TC210 "checked partly" note when the count is an estimate), and lines over 20,000
// characters are checked on a long-lived worker thread, so requests are answered meanwhile.
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { readExample, type Example } from '../../core/stats/example.ts';
import { EXACT_CHARS, SAMPLE_CHARS, countExampleTokensBounded } from '../../core/stats/tokenBudget.ts';
import { tokenCounter } from '../../core/stats/tokens.ts';
import { DatasetValidator, validateText } from '../../core/validate.ts';
import { Rng } from '../fuzz/prng.ts';
import type { StdioClient } from '../lsp/stdioClient.ts';
import { latencyBudget } from '../helpers/latency.ts';
import { LineCache } from '../../server/lineCache.ts';
import { checkedElsewhere, type BigLineChecker } from '../../server/bigLines.ts';
import { coreLinesOf, DocumentState } from '../../server/documents.ts';
import { LineDocument } from '../../server/lineDocument.ts';
import { assertAnswers, coreRows, diagnosticsOf, rows, startServer } from './stdio.ts';

const MODEL = 'gpt-4o-mini-2024-07-18';
const LIMIT = { model: MODEL, limit: 65_536 };
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function alnum(n: number, seed: number): string {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(ALNUM[rng.int(0, 61)]!);
  return out.join('');
}
function base64(bytes: number, seed: number): string {
  const rng = new Rng(seed);
  return Buffer.from(Array.from({ length: bytes }, () => rng.int(0, 255))).toString('base64');
}

const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { xs: { type: 'array', uniqueItems: true } } } } }];
const call = (args: string) => ({ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }] });
const INPUTS = {
  '2 MB of random alphanumerics': JSON.stringify({ messages: [{ role: 'user', content: alnum(2_000_000, 1) }, { role: 'assistant', content: 'ok' }] }),
  '1 MB of base64 in a tool reply': JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, call('{}'), { role: 'tool', tool_call_id: 'c', content: base64(750_000, 2) }, { role: 'assistant', content: 'ok' }], tools }),
  'a 7 MB uniqueItems array': JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, call(JSON.stringify({ xs: Array.from({ length: 500_000 }, (_, i) => ({ k: i })) })), { role: 'tool', tool_call_id: 'c', content: 'x' }, { role: 'assistant', content: 'ok' }], tools }),
  'a 20 MB line': JSON.stringify({ messages: [{ role: 'user', content: 'a b '.repeat(5_000_000) }, { role: 'assistant', content: 'ok' }] }),
};

describe('threat 15: one big line (core: bounded token counting, a "checked partly" note)', () => {
  for (const [name, line] of Object.entries(INPUTS)) {
    it(`${name}: the tokenizer sees at most ${SAMPLE_CHARS.toLocaleString('en-US')} characters; TC209 estimated + TC210`, () => {
      const example = readExample({ index: 0, text: line }) as Example;
      const counted = countExampleTokensBounded(example, tokenCounter('o200k_base'), LIMIT.limit);
      assert.ok(counted.totalChars > EXACT_CHARS);
      assert.equal(counted.estimated, true);
      assert.ok(counted.countedChars <= SAMPLE_CHARS, `${counted.countedChars} characters tokenized`);
      const diagnostics = new DatasetValidator({ tokenLimit: LIMIT }).checkLine(line, 1).diagnostics.filter((d) => d.code === 'TC209' || d.code === 'TC210');
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.start, d.end]), [['TC209', 'warning', 0, line.length], ['TC210', 'info', 0, line.length]]);
      assert.match(diagnostics[0]!.message, /^Example has about [\d,]+ tokens \(estimated: too long to count in full\), about [\d,]+ over the 65,536 limit of gpt-4o-mini-2024-07-18; it will be truncated\.$/);
      assert.equal(diagnostics[1]!.message, `Line checked partly: its ${counted.totalChars.toLocaleString('en-US')} characters of text are too many to count in full, so its token count was estimated from the first 100,000.`);
    });
  }

  it('near the limit the count stays exact (70,013 tokens of " hello": sampled estimate within 1.5x, so counted in full)', () => {
    const line = JSON.stringify({ messages: [{ role: 'user', content: ' hello'.repeat(70_000) }, { role: 'assistant', content: 'Hi.' }] });
    const counted = countExampleTokensBounded(readExample({ index: 0, text: line }) as Example, tokenCounter('o200k_base'), LIMIT.limit);
    assert.deepEqual([counted.tokens, counted.estimated], [70_013, false]);
    // The estimate is as close as the sample's rate: 2 MB alphanumerics within 2% of an exact count of the same text.
    const text = alnum(400_000, 7);
    const exact = tokenCounter('o200k_base').count(text);
    const estimate = countExampleTokensBounded(readExample({ index: 0, text: JSON.stringify({ messages: [{ role: 'user', content: text }] }) }) as Example, tokenCounter('o200k_base'), 1_000_000);
    assert.equal(estimate.estimated, true);
    const error = Math.abs(estimate.tokens - (exact + 3 + 3 + 1)) / exact;
    console.log(`estimate ${estimate.tokens}, exact ${exact + 7}, error ${(error * 100).toFixed(2)}%`);
    assert.ok(error < 0.02, `error ${error}`);
  });
});

test('threat 15: one big line (the line cache sends the long lines it would tokenize to the big-line worker, one at a time)', async () => {
  const big = INPUTS['1 MB of base64 in a tool reply'];
  const small = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'ok' }] });
  const texts = [small, big, small, ''];
  const validator = new DatasetValidator({ tokenLimit: LIMIT });
  const sentLines: number[] = [];
  const bigLines: BigLineChecker = { takes: (text) => checkedElsewhere(text, validator.options), check: async (text, index) => (sentLines.push(index), validator.checkLine(text, index)) };
  const cache = new LineCache();
  const result = await cache.validate({ version: 1, lineCount: texts.length, lineText: (i) => texts[i]! }, validator, { bigLines });
  assert.deepEqual(sentLines, [1]);
  assert.deepEqual(result!.diagnostics.filter((d) => d.line === 1).map((d) => d.code), ['TC209', 'TC210']);
});

test('threat 15: one big line (a document with a lone CR: its line cache over the core lines equals validateText, the big line sent off)', async () => {
  const big = INPUTS['1 MB of base64 in a tool reply'];
  const small = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'ok' }] });
  const options = { tokenLimit: LIMIT };
  for (const text of [`${small}\r\n${big}\n{"messages": "x\ry"}\n`, `${small}\n${big}\r\n\n${small}`, `${big}\r${small}\n\n`]) {
    const validator = new DatasetValidator(options);
    const sentLines: number[] = [];
    const bigLines: BigLineChecker = { takes: (line) => checkedElsewhere(line, options), check: async (line, index) => (sentLines.push(index), validator.checkLine(line, index)) };
    const document = LineDocument.create('file:///cr.jsonl', 'jsonl', 1, text);
    const result = await new DocumentState(document).cache.validate(coreLinesOf(document), validator, { bigLines });
    assert.deepEqual(result!.diagnostics, validateText(text, options).diagnostics);
    assert.equal(sentLines.length, 1);
  }
});

describe('threat 15: one big line (over stdio: requests answered while it is checked; same diagnostics as the core)', () => {
  let client: StdioClient;
  before(async () => (client = await startServer()));
  after(async () => await client.stop());

  const FIRST = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'ok' }] });
  let version = 0;
  for (const name of ['2 MB of random alphanumerics', '1 MB of base64 in a tool reply'] as const) {
    it(`${name}: no request waits behind it`, { timeout: 180_000 }, async () => {
      const uri = `file:///threats/big-line-${version}.jsonl`;
      await client.open(uri, `${FIRST}\n`, ++version);
      await client.validated(uri, version, 30_000);
      const budget = await latencyBudget(client, 200);
      const line = INPUTS[name];
      await client.change(uri, ++version, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: line + '\n' }]);
      const answers: number[] = [];
      while ((client.statusVersion.get(uri) ?? 0) < version && client.alive) {
        const answer = await client.ping(30_000);
        answers.push(answer.answered ? answer.ms : 30_000);
        await new Promise((r) => setTimeout(r, 10));
      }
      await assertAnswers(client);
      const slowest = Math.max(...answers);
      console.log(`threat 15 over stdio: ${name}: ${answers.length} requests while checking, slowest ${slowest.toFixed(0)} ms (idle ${budget.idleMs.toFixed(0)} ms, load per core ${budget.loadPerCore.toFixed(1)}, bound ${budget.boundMs.toFixed(0)} ms)`);
      assert.ok(slowest < budget.boundMs, `slowest answer ${slowest.toFixed(0)} ms, bound ${budget.boundMs.toFixed(0)} ms`);
      const published = await diagnosticsOf(client, uri, version, 60_000);
      assert.deepEqual(rows(published), coreRows(`${FIRST}\n${line}\n`, { severity: { TC701: 'off' }, tokenLimit: LIMIT }));
    });
  }
});
