import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { DatasetValidator, validateStream, validateText } from '../../../core/validate.ts';
import { WEATHER_TOOL, SEARCH_TOOL } from '../../helpers/diagnose.ts';

const example = (n: number, tools: unknown[]) =>
  JSON.stringify({ messages: [{ role: 'user', content: `q${n}` }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'get_weather', arguments: `{"city": "c${n}"}` } }] }], tools });

test('10,000 lines with the same tools compile each schema once', () => {
  const validator = new DatasetValidator();
  const reordered = [{ function: WEATHER_TOOL.function, type: 'function' }, SEARCH_TOOL];
  const text = Array.from({ length: 10_000 }, (_, n) => example(n, n % 2 ? [WEATHER_TOOL, SEARCH_TOOL] : reordered)).join('\n');
  const { diagnostics } = validateText(text, {}, validator);
  assert.deepEqual(diagnostics.map((d) => d.code).filter((c) => c !== 'TC703'), []);
  assert.equal(validator.toolSets.schemas.stats.compiles, 2);
});

test('validateStream gives the same diagnostics as validateText, in line order', async () => {
  const lines = Array.from({ length: 30 }, (_, n) => example(n, [WEATHER_TOOL]));
  lines[4] = lines[4].replace('\\"city', '\\"town');
  lines[17] = '{"messages": oops}';
  const text = lines.join('\r\n');
  const streamed: unknown[] = [];
  const summary = await validateStream(Readable.from([Buffer.from(text)]), (d) => streamed.push(d));
  assert.deepEqual(streamed, validateText(text).diagnostics);
  assert.deepEqual(summary, { lines: 30, examples: 29, error: 3, warning: 0, info: 0, hint: 0 });
});
