import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, WEATHER_TOOL } from '../../helpers/diagnose.ts';

const line = (n: number, tools: unknown[] = [WEATHER_TOOL]) => JSON.stringify({ messages: [{ role: 'user', content: `q${n}` }, { role: 'assistant', content: 'a' }], tools });

test('TC701: fewer than 10 examples is reported once, at the top', () => {
  const text = [1, 2, 3].map((n) => line(n)).join('\n');
  assert.deepEqual(diagnose(text, {}, true), [{ code: 'TC701', line: 0, start: 0, end: 0, text: '' }]);
  const ten = Array.from({ length: 10 }, (_, n) => line(n)).join('\n');
  assert.deepEqual(diagnose(ten, {}, true), []);
});

test('TC702: duplicates point at the later copy', () => {
  assert.deepEqual(diagnose([line(1), line(2), line(1)].join('\n')).map((d) => [d.code, d.line]), [['TC702', 2]]);
});

test('TC703: a tool declared differently from its first declaration', () => {
  const drifted = structuredClone(WEATHER_TOOL);
  drifted.function.description = 'Weather.';
  const reordered = { function: WEATHER_TOOL.function, type: 'function' };
  const seen = diagnose([line(1), line(2, [reordered]), line(3, [drifted])].join('\n'));
  assert.deepEqual(seen.map((d) => [d.code, d.line, d.text]), [['TC703', 2, '"get_weather"']]);
});

test('severity overrides change or silence a rule', () => {
  const text = [line(1), line(1)].join('\n');
  assert.deepEqual(diagnose(text, { severity: { TC702: 'off', TC701: 'off' } }, true), []);
});
