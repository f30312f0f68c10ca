import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FORMATS } from '../../../core/convert/formats.ts';
import { splitRecords } from '../../../core/convert/records.ts';
import { roundTrip } from '../../../core/convert/roundTrip.ts';
import { runToolcall } from '../../helpers/cli.ts';

const EXAMPLES = path.join(__dirname, '../../../examples');
const trainText = readFileSync(path.join(EXAMPLES, 'agent-train.jsonl'), 'utf8');

function tally(format: string) {
  const counts = { equal: 0, lossy: 0, silent: 0, failed: 0 };
  for (const { value } of splitRecords(trainText).records) {
    const o = roundTrip(value, FORMATS[format]);
    if (o.error) counts.failed++;
    else if (o.equal) counts.equal++;
    else if (o.silent) counts.silent++;
    else counts.lossy++;
  }
  return counts;
}

// The 3-tool example set: 15 lines have a "weight": 0 turn (sharegpt and hermes drop it, and say
// so); xlam keeps one query and its calls of each line and drops the schema keywords it has no
// room for (minimum, maximum, enum, format, additionalProperties), so no line comes back equal.
test('the 3-tool example set round-trips through every format with every change reported', () => {
  assert.deepEqual(tally('sharegpt'), { equal: 48, lossy: 15, silent: 0, failed: 0 });
  assert.deepEqual(tally('hermes'), { equal: 48, lossy: 15, silent: 0, failed: 0 });
  assert.deepEqual(tally('xlam'), { equal: 0, lossy: 63, silent: 0, failed: 0 });
  const weighted = trainText.trim().split('\n').filter((l) => l.includes('"weight":0')).length;
  assert.equal(weighted, 15);
});

test('a change no loss explains is caught: a writer that drops a message silently', () => {
  const leaky = { ...FORMATS.sharegpt, write: (e: Parameters<typeof FORMATS.sharegpt.write>[0], log: Parameters<typeof FORMATS.sharegpt.write>[1]) => FORMATS.sharegpt.write({ ...e, messages: e.messages.slice(0, -1) }, log) };
  const line = { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }, { role: 'assistant', content: 'd' }] };
  assert.deepEqual(roundTrip(line, leaky), { equal: false, losses: ['the conversation has an odd number of turns (it ends with "human"), so LLaMA-Factory skips this example.'], silent: false });
  const quiet = { ...FORMATS.hermes, write: (e: Parameters<typeof FORMATS.hermes.write>[0], log: Parameters<typeof FORMATS.hermes.write>[1]) => FORMATS.hermes.write({ ...e, messages: e.messages.slice(0, -1) }, log) };
  assert.deepEqual(roundTrip(line, quiet), { equal: false, losses: [], silent: true });
});

const run = runToolcall;

test('toolcall convert: records to stdout and the report to stderr, or to a file; bad formats are usage errors', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-convert-'));
  writeFileSync(path.join(dir, 'in.jsonl'), '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello","weight":0}]}\n\nnot json\n');
  const piped = await run(['convert', '--from', 'openai', '--to', 'sharegpt', 'in.jsonl'], dir);
  assert.equal(piped.stdout, '{"conversations":[{"from":"human","value":"hi"},{"from":"gpt","value":"hello"}]}\n');
  assert.equal(piped.stderr, [
    'in.jsonl:1: message 2: "weight": 0 is not carried, so this assistant turn would be trained.',
    'in.jsonl:3: left out: not JSON (Unexpected token \'o\', "not json" is not valid JSON).',
    '1 of 2 records written, 1 left out, 1 with losses (weight 1).',
    '',
  ].join('\n'));
  assert.equal(piped.code, 1);
  const toFile = await run(['convert', '--to', 'hermes', 'in.jsonl', '-o', 'out.jsonl'], dir);
  assert.equal(readFileSync(path.join(dir, 'out.jsonl'), 'utf8'), '{"conversations":[{"from":"human","value":"hi"},{"from":"gpt","value":"hello"}]}\n');
  assert.match(toFile.stdout, /^in\.jsonl:1: message 2: "weight": 0 is not carried/);
  assert.equal((await run(['convert', '--to', 'hermes', 'in.jsonl', '-o', 'out.jsonl'], dir)).code, 2);
  const unknown = await run(['convert', '--to', 'alpaca', 'in.jsonl'], dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^toolcall convert: --to: unknown format "alpaca"; expected one of openai, sharegpt, hermes, xlam\./);
});

test('toolcall convert --round-trip prints the changed records and a summary', async () => {
  const result = await run(['convert', '--round-trip', 'hermes', 'agent-train.jsonl'], EXAMPLES);
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.at(-1), 'read as openai, written as hermes, read back: 63 records, 48 equal, 15 changed with losses reported, 0 changed silently, 0 failed.');
  assert.equal(lines[0], 'agent-train.jsonl:1: message 3: "weight": 0 is not carried, so this assistant turn would be trained.');
  assert.equal(result.code, 0);
});
