import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../cli/main.ts';
import { FIXTURES } from './helpers.ts';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-tools-'));
  for (const name of ['weather-drift.jsonl', 'weather.tools.json', 'weather-kelvin.tools.json', 'drone-excerpt.jsonl']) copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  return dir;
}

test('tools extract: the tools file on stdout, the drift report on stderr; --out writes the file', async () => {
  const dir = workspace();
  const result = await run(['tools', 'extract', 'weather-drift.jsonl'], dir);
  assert.equal(result.code, 0);
  assert.deepEqual(JSON.parse(result.stdout).map((t: any) => t.function.name), ['get_weather', 'get_time', 'book_trip']);
  assert.match(result.stderr, /^- line 4: `get_weather` C: `description`, `parameters.properties.unit.enum`$/m);
  const out = await run(['tools', 'extract', 'drone-excerpt.jsonl', '--out', 'drone.tools.json'], dir);
  assert.equal(out.code, 0);
  assert.match(out.stdout, /^16 tools declared in 14 of 14 lines; 0 declared in more than one way \(0 drifting declarations\)\.$/m);
  assert.equal(JSON.parse(readFileSync(path.join(dir, 'drone.tools.json'), 'utf8')).length, 16);
});

test('tools apply: exit 1 with FILE:LINE on refusal and nothing written; --in-place keeps line breaks', async () => {
  const dir = workspace();
  const before = readFileSync(path.join(dir, 'weather-drift.jsonl'), 'utf8');
  const refused = await run(['tools', 'apply', 'weather.tools.json', 'weather-drift.jsonl', '--in-place'], dir);
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.equal(refused.stderr, 'toolcall tools apply: weather-drift.jsonl was not changed: these calls would become invalid:\nweather-drift.jsonl:4: get_weather: "unit" must be equal to one of the allowed values ("celsius", "fahrenheit")\n');
  assert.equal(readFileSync(path.join(dir, 'weather-drift.jsonl'), 'utf8'), before);

  writeFileSync(path.join(dir, 'crlf.jsonl'), before.replaceAll('\n', '\r\n'));
  const applied = await run(['tools', 'apply', 'weather-kelvin.tools.json', 'crlf.jsonl', '--in-place'], dir);
  assert.equal(applied.code, 0);
  assert.equal(applied.stderr, 'Rewrote the tools of 5 of 8 lines; kept declarations the tools file lacks: book_trip.\n');
  const after = readFileSync(path.join(dir, 'crlf.jsonl'), 'utf8');
  assert.equal(after.split('\r\n').length, 9);
  assert.ok(after.endsWith('\r\n'));
  const stdout = await run(['tools', 'apply', 'weather-kelvin.tools.json', 'weather-drift.jsonl'], dir);
  assert.equal(stdout.stdout.replaceAll('\n', '\r\n'), after);
});

test('tools infer prints the schema; no call is exit 1; bad usage is exit 2', async () => {
  const dir = workspace();
  const result = await run(['tools', 'infer', 'drone-excerpt.jsonl', 'control_camera'], dir);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, JSON.stringify({ type: 'object', properties: { mode: { type: 'string', enum: ['photo', 'video', 'panorama'] }, duration: { type: 'integer' } }, required: ['mode'] }, null, 2) + '\n');
  assert.deepEqual(await run(['tools', 'infer', 'drone-excerpt.jsonl', 'nope'], dir), { code: 1, stdout: '', stderr: 'toolcall tools infer: no call to nope in drone-excerpt.jsonl.\n' });
  assert.equal((await run(['tools', 'frobnicate'], dir)).code, 2);
  assert.equal((await run(['tools', 'apply', 'a', 'b', '--out', 'c', '--in-place'], dir)).code, 2);
});
