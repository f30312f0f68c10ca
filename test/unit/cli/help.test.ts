import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, summaryOf } from '../../../cli/main.ts';

test('toolcall --help lists every command with the first line of its description', async () => {
  let stdout = '';
  const code = await runCli(['--help'], { stdout: (t) => (stdout += t), stderr: () => assert.fail('nothing on stderr'), cwd: '.', env: {} });
  assert.equal(code, 0);
  const rows = stdout.split('\n').filter((line) => line.startsWith('  ')).map((line) => [line.slice(2, 12).trim(), line.slice(13)]);
  assert.deepEqual(rows, [
    ['validate', 'Checks OpenAI chat fine-tuning JSONL files for tool calling, line by line.'],
    ['stats', 'Reports tokens, estimated training cost, categories, tool coverage and duplicates of a dataset.'],
    ['split', 'Splits a dataset into training and validation files next to it (FILE.train.jsonl, FILE.validation.jsonl).'],
    ['finetune', 'Launches and follows OpenAI fine-tuning jobs (validates, uploads, creates exactly once).'],
    ['eval', 'Scores tool calls on an eval set: asks each model every case (or reads offline predictions) and prints a comparison table.'],
    // Two usage lines before the description: the line that once came out empty.
    ['convert', 'Converts a dataset between the formats people train with, reporting per line what the target cannot carry.'],
    ['render', "Renders dataset lines with an open model's chat template, marks the trained spans and counts tokens with its tokenizer."],
    ['tools', 'Keeps tool declarations and data in sync: extract, apply, infer, import from MCP or OpenAPI, diff against the source.'],
  ]);
});

test('summaryOf takes the first line after the usage lines, however many there are', () => {
  assert.equal(summaryOf('Usage: a\n       a b\n\nDoes a.\nMore.\n\n  --x  y'), 'Does a.');
  assert.equal(summaryOf('Usage: a\n\nDoes a.'), 'Does a.');
  assert.equal(summaryOf('Usage: a'), '');
});
