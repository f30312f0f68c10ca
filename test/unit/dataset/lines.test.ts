import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { splitLines } from '../../../core/dataset/lines.ts';
import { streamLines } from '../../../core/dataset/streamLines.ts';
import { decodeJsonStringBody } from '../../../core/dataset/stringEscapes.ts';
import { measureDepth } from '../../../core/dataset/depth.ts';

const texts = (text: string) => [...splitLines(text)].map((l) => [l.index, l.start, l.text]);

test('splitLines handles LF, CRLF, blank lines and a last line without newline', () => {
  assert.deepEqual(texts('a\r\nb\n\nc'), [[0, 0, 'a'], [1, 3, 'b'], [2, 5, ''], [3, 6, 'c']]);
  assert.deepEqual(texts('a\n'), [[0, 0, 'a']]);
  assert.deepEqual(texts(''), []);
  assert.deepEqual(texts('\uFEFF{}\n'), [[0, 0, '\uFEFF{}']]);
  assert.deepEqual(texts('x\ry\n'), [[0, 0, 'x\ry']]);
});

test('streamLines gives the same lines as splitLines, even with multi-byte characters split across chunks', async () => {
  const text = 'é{"a":"日本"}\r\n\n{"b":"😀"}\nlast';
  const bytes = Buffer.from(text);
  for (const size of [1, 2, 3, 5, 64]) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    const seen = [];
    for await (const line of streamLines(Readable.from(chunks))) seen.push([line.index, line.start, line.text]);
    assert.deepEqual(seen, texts(text), `chunk size ${size}`);
  }
});

test('decodeJsonStringBody maps decoded units back to raw offsets through escapes', () => {
  const raw = String.raw`{\"unit\": \"\u00e9\\n\"}`;
  const { value, rawOffset } = decodeJsonStringBody(raw);
  assert.equal(value, '{"unit": "é\\n"}');
  assert.equal(value.indexOf('unit'), 2);
  assert.equal(raw.slice(rawOffset[2], rawOffset[6]), 'unit');
  assert.equal(raw.slice(rawOffset[10], rawOffset[11]), '\\u00e9');
  assert.equal(rawOffset[value.length], raw.length);
});

test('measureDepth is not fooled by brackets in strings and stops at the limit', () => {
  assert.deepEqual(measureDepth('{"a": "[[[[", "b": [[1]]}', 10), { depth: 0, offset: -1 });
  assert.deepEqual(measureDepth('['.repeat(6000), 256), { depth: 257, offset: 256 });
});
