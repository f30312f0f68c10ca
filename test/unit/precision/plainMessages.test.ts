// Diagnostic messages are plain text (Problems panel, Neovim, the CLI): no markdown backticks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../../core/checks/rules.ts';
import { validateText } from '../../../core/validate.ts';

const root = path.join(__dirname, '../../..');
const datasets = [
  ...readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(root, 'examples', f)),
  path.join(root, 'test/fixtures/authoring/bfcl_defects.jsonl'),
  path.join(root, 'test/fixtures/schema/bfcl_v3_faithful_sample.jsonl'),
  path.join(root, 'test/fixtures/threats/seed.jsonl'),
];

test('no markdown backticks in diagnostic messages: rule titles and every message on the bundled datasets', () => {
  assert.deepEqual(Object.entries(RULES).filter(([, rule]) => rule.title.includes('`')).map(([code]) => code), []);
  let messages = 0;
  const withTicks: string[] = [];
  for (const file of datasets) {
    for (const d of validateText(readFileSync(file, 'utf8')).diagnostics) {
      messages++;
      if (d.message.includes('`')) withTicks.push(`${path.basename(file)}:${d.line + 1} ${d.code} ${d.message}`);
    }
  }
  assert.deepEqual(withTicks, []);
  assert.equal(messages, 60);
});
