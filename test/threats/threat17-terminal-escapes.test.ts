// Threat 17: terminal escapes. Names from the data (tool names, file names, model labels) were
// printed raw by the CLI's text output: ESC ] 0 ; ... BEL retitles the terminal, ESC [ 2 K erases
// a line. Every control character is now printed as a \uXXXX escape; JSON output stays JSON.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../cli/main.ts';
import { printable, printableField } from '../../core/text/printable.ts';
import { cli as jobsCli, dataset, start, workspace } from '../unit/jobs/fixtures.ts';

const ESC = '\u001b';
const BEL = '\u0007';
// Anything a terminal acts on: C0 but tab/newline, DEL, C1, bidi overrides.
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

const line = JSON.stringify({
  messages: [
    { role: 'user', content: 'hi' },
    { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: `x${ESC}]0;pwned${BEL}`, arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: 'ok' },
    { role: 'assistant', content: 'done' },
  ],
  tools: [{ type: 'function', function: { name: 'get', parameters: { type: 'object', properties: {} } } }],
});

test('threat 17: terminal escapes (validate text output escapes control characters in file names and messages)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toolcall-threat17-'));
  writeFileSync(join(dir, `d${ESC}[2Kata.jsonl`), line + '\n');
  const run = await cli(['validate', '.'], dir);
  assert.equal(run.code, 1);
  assert.equal(
    run.stdout,
    'd\\u001b[2Kata.jsonl:1:127: error TC505 Call to undeclared tool "x\\u001b]0;pwned\\u0007"; declared tools are get.\n' +
      'd\\u001b[2Kata.jsonl:1:1: warning TC701 The file has 1 example; OpenAI requires at least 10 (50-100 usually show gains).\n' +
      '1 file, 1 example: 1 error, 1 warning, 0 infos\n',
  );
  // JSON output was already safe: JSON.stringify escapes C0 controls, and the value is unchanged.
  const json = await cli(['validate', '--format', 'json', '.'], dir);
  assert.equal(JSON.parse(json.stdout.split('\n')[0]!).file, `d${ESC}[2Kata.jsonl`);
  assert.doesNotMatch(json.stdout, TERMINAL_CONTROL);
});

test('threat 17: terminal escapes (eval text output escapes the model label and the dataset name)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toolcall-threat17-eval-'));
  const dataset = `e${ESC}[2J.jsonl`;
  copyFileSync(join(__dirname, '../fixtures/eval/eval-small.jsonl'), join(dir, dataset));
  const predictions = `p${ESC}]0;owned${BEL}.jsonl`;
  writeFileSync(join(dir, predictions), JSON.stringify({ line: 2, turn: 1, content: 'Hello!' }) + '\n');
  const run = await cli(['eval', '--dataset', dataset, '--predictions', predictions], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stdout, TERMINAL_CONTROL);
  assert.doesNotMatch(run.stderr, TERMINAL_CONTROL);
  assert.equal(run.stdout.split('\n')[0], 'e\\u001b[2J.jsonl: 8 cases');
  assert.equal(run.stdout.split('\n')[3]!.split('  ')[0], 'p\\u001b]0;owned\\u0007');
  assert.match(run.stderr, /^e\\u001b\[2J\.jsonl:3: skipped: /);
});

test('threat 17: terminal escapes (printable keeps text, tab and newline; escapes C0, DEL, C1, bidi)', () => {
  assert.equal(printable('plain é 日本\tTab\nnext'), 'plain é 日本\tTab\nnext');
  assert.equal(printable(`a${ESC}[31mb${BEL}\u007f\u009b\u202e\u2066\r`), 'a\\u001b[31mb\\u0007\\u007f\\u009b\\u202e\\u2066\\u000d');
  assert.equal(printableField('a\tb\nc'), 'a\\u0009b\\u000ac');
});

test('threat 17: terminal escapes (finetune text output escapes what the service says: model ids, statuses, events, errors)', async (t) => {
  const server = await start();
  t.after(() => server.close());
  const dir = workspace({ 'train.jsonl': dataset(12) });
  const created = await jobsCli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4o-mini', '--base-url', server.url], dir);
  assert.equal(created.code, 0, created.stderr);
  const [job] = [...server.state.jobs.values()];
  // A hostile or broken service: every field it sends back carries a terminal control.
  job!.object.model = `gpt${ESC}]0;pwned${BEL}`;
  job!.object.fine_tuned_model = `ft:x${ESC}[2K\nFAKE: line`;
  job!.object.error = { code: `bad${ESC}[31m`, param: `p${BEL}`, message: `Line 3${ESC}[1A is wrong` };
  job!.events.push({ id: 'ftevent-evil', object: 'fine_tuning.job.event', created_at: 1_700_000_000, level: 'info', message: `step${ESC}[2J\r done`, data: {}, type: 'message' });
  const id = job!.object.id;

  const status = await jobsCli(['finetune', 'status', id, '--base-url', server.url], dir);
  assert.equal(status.code, 0, status.stderr);
  const statusLines = status.stdout.split('\n');
  assert.equal(statusLines[2], 'model: gpt\\u001b]0;pwned\\u0007');
  assert.equal(statusLines[3], 'fine_tuned_model: ft:x\\u001b[2K\\u000aFAKE: line');
  assert.equal(statusLines.find((l) => l.startsWith('error: ')), 'error: bad\\u001b[31m (p\\u0007): Line 3\\u001b[1A is wrong');

  const events = await jobsCli(['finetune', 'events', id, '--base-url', server.url], dir);
  assert.equal(events.code, 0, events.stderr);
  assert.equal(events.stdout.split('\n').at(-2), '2023-11-14T22:13:20Z info  step\\u001b[2J\\u000d done');

  const list = await jobsCli(['finetune', 'list', '--base-url', server.url], dir);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout.split('\n')[1]!, /^ftjob-\S+ +\S+ +gpt\\u001b\]0;pwned\\u0007 +2023-11-14T22:13:20Z +ft:x\\u001b\[2K\\u000aFAKE: line$/);

  for (const run of [status, events, list]) {
    assert.doesNotMatch(run.stdout, TERMINAL_CONTROL);
    assert.doesNotMatch(run.stdout, /^FAKE/m);
  }
});
