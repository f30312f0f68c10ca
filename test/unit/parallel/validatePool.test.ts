// Parallel validation must print exactly what the single-threaded stream path prints, in the
// same order, whatever the chunk boundaries: tiny chunks here put boundaries everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateStream } from '../../../core/validate.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { ValidatePool } from '../../../core/parallel/validatePool.ts';
import { chunkLines, newlineChunks } from '../../../core/parallel/newlineChunks.ts';

const tool = (name: string, unit = 'string') => ({ type: 'function', function: { name, parameters: { type: 'object', properties: { unit: { type: unit } }, required: ['unit'] } } });
const example = (args: string, tools = [tool('get_weather')]) => JSON.stringify({
  messages: [
    { role: 'user', content: 'Weather in Zürich? 😀' },
    { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: args } }] },
    { role: 'tool', tool_call_id: 'call_1', content: '{"t": 3}' },
    { role: 'assistant', content: 'It is 3 °C.' },
  ],
  tools,
});

const LINES = [
  '\uFEFF' + example('{"unit":"c"}'),
  example('{"unit":"c"}'), // duplicate of line 1 except the BOM
  example('{"unit":"c"}'), // duplicate
  '',
  '   ',
  example('{"unit":1}'),
  example('{"unit":"f"}', [tool('get_weather', 'integer')]), // drift, and a type error
  example('{"unit":"f", "extra": true}', [tool('get_weather', 'integer')]),
  '{"messages": [',
  example(JSON.stringify({ unit: 'x'.repeat(5000) })), // longer than a chunk
  '[1, 2]',
  example('{"unit":"c"}') + ' trailing',
];

async function single(file: string): Promise<{ out: Diagnostic[]; summary: unknown }> {
  const out: Diagnostic[] = [];
  const summary = await validateStream(createReadStream(file, { highWaterMark: 333 }), (d) => out.push(d));
  return { out, summary };
}

test('parallel validation equals the stream path (CRLF, BOM, blank, long and final lines, file rules)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'toolcall-parallel-'));
  const pool = new ValidatePool({}, { workers: 2, chunkSize: 256, inFlight: 3 });
  try {
    const variants = {
      lf: LINES.join('\n') + '\n',
      crlf: LINES.join('\r\n') + '\r\n',
      noFinalNewline: LINES.join('\n'),
      many: Array.from({ length: 30 }, (_, i) => LINES[i % LINES.length]).join('\n'),
      empty: '',
    };
    for (const [name, text] of Object.entries(variants)) {
      const file = path.join(dir, `${name}.jsonl`);
      await writeFile(file, text);
      const expected = await single(file);
      assert.ok(name === 'empty' || expected.out.length > 10, name);
      const out: Diagnostic[] = [];
      const summary = await pool.validateFile(file, (d) => out.push(d));
      assert.deepEqual(out, expected.out, name);
      assert.deepEqual(summary, expected.summary, name);
    }
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('chunks end at line breaks and count their lines; chunkLines splits like streamLines', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'toolcall-chunks-'));
  try {
    const file = path.join(dir, 'x.jsonl');
    await writeFile(file, 'ab\r\ncd\n\n' + 'é'.repeat(40) + '\nlast');
    const chunks = [];
    for await (const c of newlineChunks(file, 8)) chunks.push({ text: c.bytes.toString('utf8'), firstLine: c.firstLine, lineCount: c.lineCount });
    assert.deepEqual(chunks, [
      { text: 'ab\r\ncd\n\n', firstLine: 0, lineCount: 3 },
      { text: 'é'.repeat(40) + '\n', firstLine: 3, lineCount: 1 },
      { text: 'last', firstLine: 4, lineCount: 1 },
    ]);
    assert.deepEqual(chunkLines('ab\r\ncd\n\n\r\nx'), ['ab', 'cd', '', '', 'x']);
    assert.deepEqual(chunkLines('a\n'), ['a']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
