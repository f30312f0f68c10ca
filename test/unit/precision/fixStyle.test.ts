// Issue 16: fixes write JSON in the style of the line they edit, and every fix with one right
// answer is preferred (VS Code's Auto Fix applies the one preferred fix of a diagnostic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DatasetValidator } from '../../../core/validate.ts';
import { contextOf } from '../../../core/authoring/lineAnalysis.ts';
import { quickFixes } from '../../../core/authoring/quickFixes/index.ts';
import { WEATHER_TOOL } from '../../helpers/diagnose.ts';
import { fixesOf, lineDiagnostics } from '../authoring/helpers.ts';

/** Python's json.dumps default style: ", " and ": " everywhere. */
const spaced = (value: unknown): string =>
  Array.isArray(value) ? '[' + value.map(spaced).join(', ') + ']'
    : typeof value === 'object' && value !== null ? '{' + Object.entries(value).map(([k, v]) => JSON.stringify(k) + ': ' + spaced(v)).join(', ') + '}'
      : JSON.stringify(value);

test('fixes write JSON in the style of the line: compact stays compact, spaced stays spaced', () => {
  const example = {
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }, { id: 'c2', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '18C' },
      { role: 'assistant', content: 'It is 18C.' },
    ],
    tools: [WEATHER_TOOL],
  };
  for (const [style, write] of [['compact', JSON.stringify], ['spaced', spaced]] as const) {
    const text = write(example);
    const reply = fixesOf(text, 'TC602')[0];
    assert.equal(reply.line, text.replace(write({ role: 'tool', tool_call_id: 'c1', content: '18C' }), write({ role: 'tool', tool_call_id: 'c1', content: '18C' }) + (style === 'compact' ? ',' : ', ') + write({ role: 'tool', tool_call_id: 'c2', content: '' })), style);
    const declare = fixesOf(text, 'TC505').find((f) => f.title.startsWith('Declare tool'))!;
    const skeleton = { type: 'function', function: { name: 'lookup', description: '', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } } };
    assert.equal(declare.line, text.replace(/\]\}$/, (style === 'compact' ? ',' : ', ') + write(skeleton) + ']}'), style);
    assert.deepEqual(lineDiagnostics(declare.line).map((d) => d.code), ['TC602'], style);
  }
});

test('every fix with a single right answer (auto) is preferred, and no diagnostic has two preferred fixes', () => {
  const files = ['examples/agent-train-with-mistakes.jsonl', 'test/fixtures/authoring/bfcl_defects.jsonl'].map((f) => path.resolve(f));
  const validator = new DatasetValidator();
  let fixes = 0;
  const wrong: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8').split('\n').forEach((text, index) => {
      for (const d of validator.checkLine(text, index).diagnostics) {
        const offered = quickFixes(text, index, d, contextOf(validator), { randomId: () => 'call_fresh' });
        fixes += offered.length;
        if (offered.some((f) => f.auto && !f.preferred)) wrong.push(`${path.basename(file)}:${index + 1} ${d.code} auto but not preferred`);
        if (offered.filter((f) => f.preferred).length > 1) wrong.push(`${path.basename(file)}:${index + 1} ${d.code} two preferred fixes`);
      }
    });
  }
  assert.deepEqual(wrong, []);
  assert.equal(fixes, 35);
});
