// scanJsonText skips strings by searching for their closing quote: it must count exactly what
// the plain character-by-character scan counts, on JSON and on text that is not JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanJsonText } from '../../../core/dataset/depth.ts';

/** The scan as it was written before: one character at a time, a backslash taking the next one. */
function referenceScan(text: string, limit: number): { depth: number; offset: number; members: number; maxDepth: number } {
  let depth = 0;
  let maxDepth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 58) members++;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return { depth, offset: i, members, maxDepth: depth };
      maxDepth = Math.max(maxDepth, depth);
    } else if (c === 125 || c === 93) depth--;
  }
  return { depth: Math.max(depth, 0), offset: -1, members, maxDepth };
}

test('the same counts as the character scan on every fixture line, whole and cut short', () => {
  const root = join(__dirname, '../../fixtures');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl') || f.endsWith('.json'));
  const lines = files.flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n'));
  let compared = 0;
  for (const line of lines) {
    for (const text of [line, line.slice(0, line.length >> 1), line.slice(0, line.length / 3)]) {
      for (const limit of [3, 256]) {
        assert.deepEqual(scanJsonText(text, limit), referenceScan(text, limit), text);
        compared++;
      }
    }
  }
  assert.equal(compared, 6 * lines.length);
});

test('the same counts on random texts of quotes, backslashes, brackets and colons', () => {
  let seed = 11;
  // A fixed linear congruential sequence: the same texts on every run.
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const alphabet = '""\\\\\\[]{}:,a ';
  for (let n = 0; n < 20_000; n++) {
    let text = '';
    const length = Math.floor(random() * 40);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
    assert.deepEqual(scanJsonText(text, 4), referenceScan(text, 4), JSON.stringify(text));
  }
});

test('root keys: the string before each colon at depth 1', () => {
  const keys: number[] = [];
  assert.deepEqual(scanJsonText('{"a\\"":{"b":1},"c":"x:y"}', 10, keys), { depth: 0, offset: -1, members: 3, maxDepth: 2 });
  assert.deepEqual(keys, [1, 6, 15, 18]);
});
