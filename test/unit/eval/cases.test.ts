import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractCases } from '../../../core/eval/cases.ts';

const text = readFileSync(join(__dirname, '../../fixtures/eval/eval-small.jsonl'), 'utf8');

describe('extractCases', () => {
  const { cases, errors } = extractCases(text);

  it('makes one case per assistant turn, with line, turn, category and expected calls', () => {
    assert.deepEqual(
      cases.map((c) => [c.line, c.turn, c.category, c.expected.map((e) => e.name).join('+')]),
      [
        [1, 1, 'single-call', 'get_weather'],
        [2, 1, 'no-call', ''],
        [4, 1, 'multi-step', 'get_weather+get_weather'],
        [4, 4, 'multi-step', 'get_time'],
        [4, 6, 'multi-step', ''],
        [6, 1, 'error-recovery', 'get_order'],
        [6, 3, 'error-recovery', 'get_order'],
        [7, 3, 'error-recovery', 'get_order'],
      ],
    );
  });

  it('gives the history before the turn and the declared tools', () => {
    const c = cases.find((x) => x.line === 4 && x.turn === 4)!;
    assert.equal(c.history.length, 4);
    assert.deepEqual(c.tools.map((t) => t.function.name), ['get_weather', 'get_time']);
    assert.deepEqual(c.expected, [{ name: 'get_time', arguments: '{"tz": "Asia/Tokyo"}' }]);
  });

  it('reports bad lines instead of throwing, and skips blank lines', () => {
    assert.equal(errors.length, 2);
    assert.equal(errors[0].line, 3);
    assert.match(errors[0].message, /^Line is not valid JSON/);
    assert.deepEqual(errors[1], { line: 8, message: 'Message 0, tool call 0: "function.arguments" must be a string holding JSON.' });
  });

  it('keeps weight-0 turns as history unless asked', () => {
    const all = extractCases(text, { includeWeightZero: true }).cases.filter((c) => c.line === 7);
    assert.deepEqual(all.map((c) => c.turn), [1, 3]);
  });

  it('reads CRLF line endings', () => {
    assert.deepEqual(extractCases(text.replaceAll('\n', '\r\n')).cases.length, cases.length);
  });
});
