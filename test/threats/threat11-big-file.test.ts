import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StdioClient } from '../lsp/stdioClient.ts';
import { assertAnswers, diagnosticsOf, startServer } from './stdio.ts';
import { latencyBudget } from '../helpers/latency.ts';

const LINES = 200_000;
/** Bound of the threat table: an answer while a big file validates. */
const ANSWER_MS = 200;
/** One huge pasted line (a fuzz finding, not the table's row): the server must stay responsive, with room for a GC on a 2-core machine. */
const HUGE_LINE_ANSWER_MS = 500;

/** A short, valid tool-calling example; every 100th has an argument of the wrong type (TC512). */
function exampleLine(i: number): string {
  const city = i % 100 === 0 ? 12345 : `"City ${i}"`;
  return `{"messages":[{"role":"user","content":"Weather in city ${i}?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_${i}","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":${city === 12345 ? '12345' : `\\"City ${i}\\"`}}"}}]}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}`;
}

describe('threat 11: editor freeze on big files (200k lines)', () => {
  let client: StdioClient;
  before(async () => (client = await startServer()));
  after(async () => await client.stop());

  it('edit a 200k-line file while it validates -> a request is answered in < 200 ms (or 5x the idle answer on a slower machine)', async () => {
    // The bound is the table's 200 ms or 5x the server's idle answer time measured just before,
    // whichever is larger (see test/helpers/latency.ts): load slows both, a blocked loop fails.
    // A second attempt (a fresh document) is allowed when a major GC made the first one miss.
    const attempts: { slowest: number; duringEdit: number; boundMs: number; idleMs: number }[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const budget = await latencyBudget(client, ANSWER_MS);
      const result = await editWhileValidating(client, `file:///threats/big-${attempt}.jsonl`);
      attempts.push({ ...result, ...budget });
      if (result.duringEdit < budget.boundMs && result.slowest < budget.boundMs) break;
    }
    const best = attempts.at(-1)!;
    console.log(`threat 11: attempts ${JSON.stringify(attempts)}`);
    assert.ok(best.duringEdit < best.boundMs, `answer right after the edit took ${best.duringEdit.toFixed(0)} ms (attempts: ${JSON.stringify(attempts)})`);
    assert.ok(best.slowest < best.boundMs, `slowest answer while validating: ${best.slowest.toFixed(0)} ms (attempts: ${JSON.stringify(attempts)})`);
    await assertAnswers(client);
  });
});

describe('threat 11: one huge line must not freeze the server either (found by the fuzz harness)', () => {
  let client: StdioClient;
  before(async () => (client = await startServer()));
  after(async () => await client.stop());

  const big = '\\u0041'.repeat(600_000); // 3.6 MB of escapes in the `arguments` string
  const cases = [
    {
      name: 'a finding inside a 3.6 MB "arguments" string (TC515 positioned with two full jsonc-parser trees)',
      line: `{"messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\\"x\\":\\"${big}\\"}"}}]}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"x":{"type":"string","pattern":"^(a+)+$"}}}}}]}`,
    },
    {
      name: 'a truncated 4 MB line of escapes (TC101 located by scanning the whole line)',
      line: `{"messages":[{"role":"user","content":"${'\\n'.repeat(2_000_000)}`,
    },
  ];
  let version = 0;
  for (const c of cases) {
    it(`${c.name} -> answers within ${HUGE_LINE_ANSWER_MS} ms (or 5x the idle answer)`, async () => {
      const uri = `file:///threats/huge-line-${version}.jsonl`;
      await client.open(uri, `{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}]}\n`, ++version);
      await client.validated(uri, version, 10_000);
      const budget = await latencyBudget(client, HUGE_LINE_ANSWER_MS);
      // The huge line arrives as an edit, as when pasted; then requests every 10 ms until it is validated.
      await client.change(uri, ++version, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: c.line + '\n' }]);
      const answers: number[] = [];
      while ((client.statusVersion.get(uri) ?? 0) < version && client.alive) {
        const answer = await client.ping(10_000);
        answers.push(answer.answered ? answer.ms : 10_000);
        await new Promise((r) => setTimeout(r, 10));
      }
      await assertAnswers(client);
      const slowest = Math.max(...answers);
      console.log(`threat 11 huge line: ${c.name}: ${answers.length} requests, slowest ${slowest.toFixed(0)} ms (idle ${budget.idleMs.toFixed(0)} ms, load per core ${budget.loadPerCore.toFixed(1)}, bound ${budget.boundMs.toFixed(0)} ms)`);
      assert.ok(slowest < budget.boundMs, `slowest answer ${slowest.toFixed(0)} ms, bound ${budget.boundMs.toFixed(0)} ms`);
    });
  }
});

describe('threat 11: a long word in a long line (TC209 token count) must not freeze the server', () => {
  let client: StdioClient;
  before(async () => (client = await startServer()));
  after(async () => await client.stop());

  it(`an 80,000-base DNA sequence in a message -> answers within ${HUGE_LINE_ANSWER_MS} ms (or 5x the idle answer)`, { timeout: 120_000 }, async () => {
    // Lines whose UTF-8 bytes exceed the default model's token limit are tokenized for TC209;
    // gpt-tokenizer's BPE is quadratic in the length of one pre-token, and an upper-case run
    // ("ACGT..." or "AAAA...") is one pre-token: 80k letters took 12.5 s, 600k would take minutes.
    const uri = 'file:///threats/dna.jsonl';
    const dna = 'ACGT'.repeat(20_000);
    const line = JSON.stringify({ messages: [{ role: 'user', content: `Translate this sequence: ${dna}` }, { role: 'assistant', content: 'OK.' }] });
    const budget = await latencyBudget(client, HUGE_LINE_ANSWER_MS);
    await client.open(uri, `${line}\n`, 1);
    const answers: number[] = [];
    const started = performance.now();
    while (client.statusVersion.get(uri) === undefined && client.alive && performance.now() - started < 100_000) {
      const answer = await client.ping(100_000);
      answers.push(answer.answered ? answer.ms : 100_000);
      await new Promise((r) => setTimeout(r, 10));
    }
    const slowest = Math.max(...answers);
    console.log(`threat 11 TC209: ${(line.length / 1e3).toFixed(0)} KB line with an 80,000-letter word: validated after ${((performance.now() - started) / 1000).toFixed(1)} s, slowest answer ${slowest.toFixed(0)} ms (idle ${budget.idleMs.toFixed(0)} ms, load per core ${budget.loadPerCore.toFixed(1)}, bound ${budget.boundMs.toFixed(0)} ms)`);
    assert.ok(slowest < budget.boundMs, `slowest answer ${slowest.toFixed(0)} ms, bound ${budget.boundMs.toFixed(0)} ms`);
  });
});

/** Opens a 200k-line document, edits it while version 1 validates, and times every answer until version 2 is published. */
async function editWhileValidating(client: StdioClient, uri: string): Promise<{ slowest: number; duringEdit: number }> {
  const text = Array.from({ length: LINES }, (_, i) => exampleLine(i)).join('\n') + '\n';
  const opened = performance.now();
  await client.open(uri, text, 1);
  // The first answer comes once the server has read the didOpen (one big message: not the bound under test).
  const first = await client.ping(30_000);
  assert.ok(first.answered, 'the server answers after reading the document');
  assert.equal(client.statusVersion.get(uri), undefined, 'still validating version 1 (else the file is too small to test this)');

  // While version 1 validates: an edit of one line, then a request.
  const line = 150_000;
  await client.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }]);
  const duringEdit = await client.ping(30_000);
  assert.ok(duringEdit.answered);

  // Keep asking until version 2 is validated and published; every answer is timed.
  const answers: number[] = [duringEdit.ms];
  while ((client.statusVersion.get(uri) ?? 0) < 2 && client.alive && performance.now() - opened < 180_000) {
    const answer = await client.ping(30_000);
    answers.push(answer.answered ? answer.ms : 30_000);
    await new Promise((r) => setTimeout(r, 10));
  }
  const published = await diagnosticsOf(client, uri, 2, 30_000);
  const total = performance.now() - opened;
  const slowest = Math.max(...answers);
  console.log(
    `threat 11: ${LINES} lines (${(text.length / 1e6).toFixed(1)} MB); first answer after open ${first.ms.toFixed(0)} ms; ` +
      `answer right after the edit ${duringEdit.ms.toFixed(0)} ms; ${answers.length} requests while validating, slowest ${slowest.toFixed(0)} ms, ` +
      `median ${answers.sort((a, b) => a - b)[Math.floor(answers.length / 2)]!.toFixed(0)} ms; version 2 published after ${(total / 1000).toFixed(1)} s`,
  );
  // The wrong-type argument every 100th line: 2,000 TC512, capped at 1,000 + the TC704 note.
  assert.equal(published.diagnostics.length, 1001);
  assert.equal(published.diagnostics[1000]!.code, 'TC704');
  await client.close(uri);
  return { slowest, duringEdit: duringEdit.ms };
}
