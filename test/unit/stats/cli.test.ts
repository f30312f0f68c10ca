import { test } from 'node:test';
import { execFileSync, spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../cli/main.ts';
import { computeStats } from '../../../core/stats/report.ts';
import { generatedLines, spaced } from '../../helpers/datasetLines.ts';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-stats-'));
  copyFileSync(path.join(__dirname, '../../fixtures/stats/mixed.jsonl'), path.join(dir, 'mixed.jsonl'));
  return dir;
}

test('stats --format json prints the report object', async () => {
  const dir = workspace();
  const result = await run(['stats', 'mixed.jsonl', '--format', 'json'], dir);
  assert.equal(result.code, 0);
  const stats = JSON.parse(result.stdout);
  assert.equal(stats.examples, 10);
  assert.deepEqual(stats.categories, { 'single-call': 4, 'error-recovery': 2, 'multi-step': 2, 'no-call': 2 });
  assert.deepEqual([stats.tools.get_weather.examples, stats.tools.get_weather.calls], [8, 10]);
  assert.equal(stats.tokens.total, 1621);
  assert.deepEqual(stats.cost, { model: 'gpt-4o-mini-2024-07-18', epochs: 10, billedTokens: 16_210, pricePerMillion: 3, estimatedUsd: (16_210 / 1e6) * 3 });
});

test('stats text: tables and hints; --price, --epochs, --limit and --validation', async () => {
  const dir = workspace();
  const result = await run(['stats', 'mixed.jsonl', '--price', '2', '--epochs', '3', '--limit', '190', '--validation', 'mixed.jsonl'], dir);
  assert.equal(result.code, 0);
  const out = result.stdout;
  assert.match(out, /^mixed\.jsonl: 10 examples, 2 invalid lines \(10, 12\); model gpt-4o-mini-2024-07-18 \(o200k_base\)\n/);
  assert.match(out, /Tokens {4}total 1,621 {2}min 35 {2}p50 170 {2}mean 162\.1 {2}p95 199 {2}max 199\n/);
  assert.match(out, /limit 190 per example; 2 over: line 5 \(\+9\), line 6 \(\+1\)\n/);
  // (1621 - 9 - 1) * 3 = 4833 tokens at $2/1M
  assert.match(out, /Cost {6}3 epochs -> 4,833 billed tokens x \$2\.00\/1M = \$0\.01\n/);
  assert.ok(out.includes('\n  single-call            4   40.0%\n'));
  assert.ok(out.includes('\nTool           examples  calls  single-call  error-recovery  multi-step  no-call  declared in\n'));
  assert.ok(out.includes('\n  get_weather         8     10            4               4           2        0            9\n'));
  assert.match(out, /Validation mixed\.jsonl: 10 examples, 10 exact and 0 near repeats of training lines\n/);
  assert.match(out, /Failed call at weight 1: lines 7\n/);
});

test('stats: bad usage exits 2', async () => {
  const dir = workspace();
  assert.equal((await run(['stats'], dir)).code, 2);
  assert.equal((await run(['stats', 'mixed.jsonl', '--format', 'xml'], dir)).code, 2);
  assert.equal((await run(['stats', 'mixed.jsonl', '--limit', '-1'], dir)).code, 2);
  const missing = await run(['stats', 'nope.jsonl'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Cannot read nope\.jsonl\./);
});

test('split writes FILE.train.jsonl and FILE.validation.jsonl, deterministic, refuses to overwrite', async () => {
  const dir = workspace();
  const first = await run(['split', 'mixed.jsonl', '--ratio', '0.5', '--seed', '7'], dir);
  assert.equal(first.code, 0);
  assert.match(first.stdout, /^mixed\.train\.jsonl: \d+ examples\nmixed\.validation\.jsonl: \d+ examples\nby category \(train\/validation\): /);
  assert.match(first.stderr, /2 lines are not examples and were left out \(lines 10, 12\)/);
  const train = readFileSync(path.join(dir, 'mixed.train.jsonl'), 'utf8');
  const validation = readFileSync(path.join(dir, 'mixed.validation.jsonl'), 'utf8');
  const source = readFileSync(path.join(dir, 'mixed.jsonl'), 'utf8').split('\n');
  const out = [...train.split('\n'), ...validation.split('\n')].filter((l) => l !== '');
  assert.equal(out.length, 10);
  assert.ok(out.every((l) => source.includes(l)));
  // Lines 1 and 2 are copies: both on one side.
  assert.equal(train.includes(source[0]), train.includes(source[1]));

  assert.equal((await run(['split', 'mixed.jsonl', '--ratio', '0.5', '--seed', '7'], dir)).code, 2);
  assert.equal((await run(['split', 'mixed.jsonl', '--ratio', '0.5', '--seed', '7', '--force'], dir)).code, 0);
  assert.equal(readFileSync(path.join(dir, 'mixed.train.jsonl'), 'utf8'), train);
  assert.equal(readFileSync(path.join(dir, 'mixed.validation.jsonl'), 'utf8'), validation);
  assert.equal((await run(['split', 'mixed.jsonl', '--ratio', '1.5'], dir)).code, 2);
  assert.ok(existsSync(path.join(dir, 'mixed.train.jsonl')));
});

test('stats --format json of a file with exact copies in other forms (CRLF lines, a byte order mark) is the report of every line keyed, though it keys only possible copies and reads their first lines again', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-stats-copies-'));
  const base = generatedLines(300, 12);
  const lines: string[] = [];
  let copied = 0;
  base.forEach((line, i) => {
    lines.push(line);
    // Every fifth line that is JSON comes again seven lines later: as is, with Python's spacing, and with its keys reversed.
    const earlier = base[i - 7];
    if (i < 7 || (i - 7) % 5 !== 0 || !earlier.endsWith('}')) return;
    const value = JSON.parse(earlier);
    lines.push(earlier, spaced(value), JSON.stringify(Object.fromEntries(Object.entries(value).reverse())));
    copied++;
  });
  const text = '\uFEFF' + lines.join('\r\n') + '\n';
  writeFileSync(path.join(dir, 'copies.jsonl'), text);
  const result = await run(['stats', 'copies.jsonl', '--format', 'json'], dir);
  assert.equal(result.code, 0);
  const expected = computeStats(text.split('\n').map((line, index) => ({ index, text: line.replace(/\r$/, '') })));
  assert.equal(result.stdout, JSON.stringify(expected, null, 2) + '\n');
  assert.equal(expected.duplicates.length, copied);
  assert.equal(copied, 59);
  assert.deepEqual(expected.duplicates[0], { lines: [1, 9, 10, 11] });
});

// A second read of a pipe would wait forever for a writer: the timeout (generous) turns that into a failure.
test('stats of a named pipe (lines that cannot be read twice): every line keyed, the same report', { skip: process.platform === 'win32', timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-stats-pipe-'));
  const lines = generatedLines(50, 3);
  const text = [...lines, lines[4], spaced(JSON.parse(lines[9]))].join('\n') + '\n';
  const fifo = path.join(dir, 'lines.jsonl');
  execFileSync('mkfifo', [fifo]);
  const writer = spawn('sh', ['-c', 'cat > "$0"', fifo], { stdio: ['pipe', 'ignore', 'inherit'] });
  writer.stdin.end(text);
  const result = await run(['stats', 'lines.jsonl', '--format', 'json'], dir);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  const expected = computeStats(text.split('\n').map((line, index) => ({ index, text: line })));
  assert.equal(result.stdout, JSON.stringify(expected, null, 2) + '\n');
  assert.deepEqual(expected.duplicates, [{ lines: [5, 51] }, { lines: [10, 52] }]);
});

test('stats --validation --format json: the report of every line keyed, though it reads the validation file twice and the training lines it may repeat again', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-stats-validation-'));
  const training = generatedLines(200, 14);
  const json = training.filter((line) => line.endsWith('}'));
  // Validation: every tenth JSON training line in Python's layout, a near copy of another, and new lines.
  const validation = [...json.filter((_, i) => i % 10 === 0).map((line) => spaced(JSON.parse(line))), json[5].replace(/"content":"(\w+)/, '"content":"$1x'), ...generatedLines(20, 15)];
  writeFileSync(path.join(dir, 'train.jsonl'), training.join('\n') + '\n');
  writeFileSync(path.join(dir, 'val.jsonl'), validation.join('\n') + '\n');
  const result = await run(['stats', 'train.jsonl', '--validation', 'val.jsonl', '--format', 'json'], dir);
  assert.equal(result.code, 0);
  const lines = (list: string[]) => list.map((text, index) => ({ index, text }));
  const expected = computeStats(lines(training), { validation: lines(validation) });
  assert.equal(result.stdout, JSON.stringify(expected, null, 2) + '\n');
  assert.equal(expected.overlap?.exact.length, Math.ceil(json.length / 10));
});
