// TC209: an example over the model's token limit, in the core validator (server, CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../cli/main.ts';
import { RULES } from '../../../core/checks/rules.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';
import { cannotExceed, TOKEN_SLACK, tokenLimitFinding, tokenLimitMessage, utf8Length } from '../../../core/checks/tokenLimitChecks.ts';
import { normalizeInsightSettings, tokenLimitFor } from '../../../core/stats/reportSettings.ts';
import { countExampleTokens, tokenCounter, type TokenCounter } from '../../../core/stats/tokens.ts';
import { DatasetValidator, validateText } from '../../../core/validate.ts';

const MODEL = 'gpt-4o-mini-2024-07-18';
const LIMIT = { model: MODEL, limit: 65_536 };
// 70,000 " hello" tokens + 3 + (3 + "user") + (3 + "assistant" + "Hi.") = 70,013 tokens.
const LONG = JSON.stringify({ messages: [{ role: 'user', content: ' hello'.repeat(70_000) }, { role: 'assistant', content: 'Hi.' }] });
const SHORT = JSON.stringify({ messages: [{ role: 'user', content: 'Hello' }, { role: 'assistant', content: 'Hi.' }] });

/** A tokenizer that counts its calls (and answers like o200k). */
function countingCounter(): TokenCounter & { calls: number } {
  const real = tokenCounter('o200k_base');
  const counter = { encoding: real.encoding, calls: 0, count: (text: string) => (counter.calls++, real.count(text)) };
  return counter;
}

test('TC209 is a warning in the rule table', () => {
  assert.deepEqual(RULES.TC209, { severity: 'warning', title: "Example over the model's token limit" });
});

test('the message says how many tokens, by how much, which limit and model', () => {
  assert.equal(tokenLimitMessage(70_123, LIMIT), 'Example has 70,123 tokens, 4,587 over the 65,536 limit of gpt-4o-mini-2024-07-18; it will be truncated.');
});

test('a line over the limit: one warning on the whole line with the exact count', () => {
  const { diagnostics } = new DatasetValidator({ tokenLimit: LIMIT }).checkLine(LONG, 4);
  assert.deepEqual(diagnostics, [
    {
      line: 4,
      start: 0,
      end: LONG.length,
      severity: 'warning',
      code: 'TC209',
      message: 'Example has 70,013 tokens, 4,477 over the 65,536 limit of gpt-4o-mini-2024-07-18; it will be truncated.',
      data: { tokens: 70_013, limit: 65_536, model: MODEL },
    },
  ]);
  // Without the option (the default validator), no TC209; with the rule off, none either.
  assert.deepEqual(new DatasetValidator().checkLine(LONG, 4).diagnostics, []);
  assert.deepEqual(new DatasetValidator({ tokenLimit: LIMIT, severity: { TC209: 'off' } }).checkLine(LONG, 4).diagnostics, []);
  // validateText (the editor's reference) reports it on the right line among others.
  const text = [SHORT, LONG, SHORT].join('\n');
  assert.deepEqual(validateText(text, { tokenLimit: LIMIT }).diagnostics.filter((d) => d.code === 'TC209').map((d) => [d.line, d.start, d.end]), [[1, 0, LONG.length]]);
});

test('short lines are never tokenized, long ones under the limit are', () => {
  const counter = countingCounter();
  assert.equal(tokenLimitFinding(SHORT, LIMIT, counter), undefined);
  // 21,840 chars * 3 + 16 <= 65,536: not even scanned for bytes.
  const ascii = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(21_000) }] });
  assert.ok(ascii.length * 3 + TOKEN_SLACK <= 65_536);
  assert.equal(tokenLimitFinding(ascii, LIMIT, counter), undefined);
  // 60,000 ASCII chars: 3 * length is over the limit, but its bytes are not: still not tokenized.
  const longAscii = JSON.stringify({ messages: [{ role: 'user', content: 'word '.repeat(12_000) }] });
  assert.equal(tokenLimitFinding(longAscii, LIMIT, counter), undefined);
  assert.equal(counter.calls, 0);
  // Over the byte bound: tokenized, and found under the limit.
  const near = JSON.stringify({ messages: [{ role: 'user', content: 'word '.repeat(14_000) }] });
  assert.equal(tokenLimitFinding(near, LIMIT, counter), undefined);
  assert.ok(counter.calls > 0);
  // Not an example: other rules speak; nothing is counted.
  const before = counter.calls;
  assert.equal(tokenLimitFinding('{"x": "' + 'y'.repeat(70_000) + '"}', LIMIT, counter), undefined);
  assert.equal(tokenLimitFinding('not json ' + 'y'.repeat(70_000), LIMIT, counter), undefined);
  assert.equal(counter.calls, before);
});

test('the bound holds: tokens never exceed UTF-8 bytes + slack (CJK, emoji, escapes, empty messages)', () => {
  const o200k = tokenCounter('o200k_base');
  const cl100k = tokenCounter('cl100k_base');
  const samples: unknown[] = [
    { messages: Array.from({ length: 50 }, () => ({})) },
    { messages: Array.from({ length: 50 }, () => ({ role: '', name: '' })) },
    { messages: [{ role: 'user', content: '𠜎𠜱𠝹𠱓'.repeat(200) }, { role: 'assistant', content: '日本語のテキスト'.repeat(100) }] },
    { messages: [{ role: 'user', content: '👋🏽🌍🧪'.repeat(300) }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: { a: '\u0000\u0001'.repeat(50) } } }] }], tools: [{ type: 'function', function: { name: 'f', description: 'ß∂ƒ©'.repeat(40) } }] },
    { messages: [{ role: 'user', content: [{ type: 'text', text: '\u200b\u00a0'.repeat(400) }, { type: 'text', text: 'ÿ'.repeat(300) }] }] },
  ];
  for (const value of samples) {
    const line = JSON.stringify(value);
    const example = readExample({ index: 0, text: line }) as Example;
    for (const counter of [o200k, cl100k]) {
      const tokens = countExampleTokens(example, counter);
      assert.ok(tokens <= utf8Length(line) + TOKEN_SLACK, `${tokens} tokens vs ${utf8Length(line)} bytes: ${line.slice(0, 60)}`);
      assert.equal(cannotExceed(line, tokens - 1), false, 'a line over its own count minus one is never skipped');
    }
  }
  assert.equal(utf8Length('aé日𠜎'), 1 + 2 + 3 + 4);
  assert.equal(utf8Length('\ud800'), 3);
});

test('settings: limits and model from the toolcall section, defaults otherwise', () => {
  assert.deepEqual(tokenLimitFor(normalizeInsightSettings(undefined)), LIMIT);
  const custom = normalizeInsightSettings({ tokenLimits: { 'my-model': 1000, bad: -1, worse: 'x' }, stats: { model: ' my-model ', prices: { 'my-model': 0 } } });
  assert.deepEqual(tokenLimitFor(custom), { model: 'my-model', limit: 1000 });
  assert.equal(custom.prices['my-model'], 0);
  assert.equal(custom.tokenLimits.bad, undefined);
  assert.equal(tokenLimitFor(custom, 'unknown-model'), undefined);
  // Prefix keys and fine-tuned ids resolve like the report's lookups.
  assert.deepEqual(tokenLimitFor(custom, 'ft:gpt-4o-mini-2024-07-18:org::abc'), { model: 'ft:gpt-4o-mini-2024-07-18:org::abc', limit: 65_536 });
});

test('toolcall validate --model reports TC209; without --model it does not', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-tc209-'));
  const short = (n: number) => JSON.stringify({ messages: [{ role: 'user', content: `Hello ${n}` }, { role: 'assistant', content: 'Hi.' }] });
  writeFileSync(path.join(dir, 'long.jsonl'), Array.from({ length: 9 }, (_, i) => short(i)).concat(LONG).join('\n') + '\n');
  const run = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: {} });
    return { code, stdout, stderr };
  };
  const withModel = await run(['validate', '--model', MODEL, 'long.jsonl']);
  assert.equal(
    withModel.stdout,
    'long.jsonl:10:1: warning TC209 Example has 70,013 tokens, 4,477 over the 65,536 limit of gpt-4o-mini-2024-07-18; it will be truncated.\n' +
      '1 file, 10 examples: 0 errors, 1 warning, 0 infos\n',
  );
  assert.equal(withModel.code, 0);
  const without = await run(['validate', 'long.jsonl']);
  assert.ok(!without.stdout.includes('TC209'), without.stdout);
  const unknown = await run(['validate', '--model', 'nobody-knows', 'long.jsonl']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /No token limit is known for --model nobody-knows/);
});
