import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../cli/main.ts';
import { WEATHER_TOOL } from '../../helpers/diagnose.ts';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

const good = (n: number) => JSON.stringify({ messages: [{ role: 'user', content: `q${n}` }, { role: 'assistant', content: 'a' }] });
const bad = JSON.stringify({ messages: [{ role: 'user', content: 'é日本' }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Zürich", "unit": "K"}' } }] }], tools: [WEATHER_TOOL] });

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-cli-'));
  const lines = Array.from({ length: 10 }, (_, i) => good(i));
  writeFileSync(path.join(dir, 'clean.jsonl'), lines.join('\n') + '\n');
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(path.join(dir, 'data', 'bad.jsonl'), [...lines, bad].join('\r\n'));
  writeFileSync(path.join(dir, 'tools.json'), JSON.stringify([WEATHER_TOOL]));
  return dir;
}

test('text format: path:line:col, a summary, exit 1 on errors', async () => {
  const dir = workspace();
  const result = await run(['validate', 'data'], dir);
  const col = bad.indexOf('\\"K\\"') + 1;
  assert.equal(result.stdout, `${path.join('data', 'bad.jsonl')}:11:${col}: error TC513 Argument "unit" must be one of "celsius", "fahrenheit"; got "K".\n1 file, 11 examples: 1 error, 0 warnings, 0 infos\n`);
  assert.equal(result.code, 1);
});

test('json format: one object per diagnostic with 1-based UTF-16 columns', async () => {
  const dir = workspace();
  const result = await run(['validate', '--format', 'json', 'data/bad.jsonl'], dir);
  const col = bad.indexOf('\\"K\\"') + 1;
  assert.deepEqual(JSON.parse(result.stdout), {
    file: 'data/bad.jsonl', line: 11, column: col, endLine: 11, endColumn: col + 5, severity: 'error', code: 'TC513',
    message: 'Argument "unit" must be one of "celsius", "fahrenheit"; got "K".',
  });
  assert.equal(result.stderr, '1 file, 11 examples: 1 error, 0 warnings, 0 infos\n');
});

test('globs, a clean file exits 0, --severity and --tools', async () => {
  const dir = workspace();
  assert.equal((await run(['validate', '*.jsonl'], dir)).code, 0);
  const silenced = await run(['validate', '--severity', 'TC513=off', 'data/bad.jsonl'], dir);
  assert.equal(silenced.code, 0);
  writeFileSync(path.join(dir, 'shared.jsonl'), Array.from({ length: 10 }, () => bad.replace(/,"tools":.*\}$/, '}')).map((l, i) => l.replace('é', `é${i}`)).join('\n'));
  const shared = await run(['validate', '--tools', 'tools.json', 'shared.jsonl'], dir);
  assert.equal(shared.stdout.split('\n').filter((l) => l.includes('TC513')).length, 10);
});

test('bad usage exits 2 with a message', async () => {
  const dir = workspace();
  assert.equal((await run(['validate'], dir)).code, 2);
  const badFormat = await run(['validate', '--format', 'xml', 'clean.jsonl'], dir);
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.stderr, /--format must be text or json, not "xml"/);
  assert.equal((await run(['validate', 'nothing-here.jsonl'], dir)).code, 2);
  assert.equal((await run(['frobnicate'], dir)).code, 2);
});
