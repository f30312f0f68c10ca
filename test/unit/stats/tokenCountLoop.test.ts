// tokens.ts counts with its own loop over gpt-tokenizer's pieces (piecewiseCount); every count
// must equal gpt-tokenizer's countTokens with special-token text counted as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { piecewiseCount } from '../../../core/stats/tokens.ts';

const encodings = {
  o200k_base: require('gpt-tokenizer/encoding/o200k_base'),
  cl100k_base: require('gpt-tokenizer/encoding/cl100k_base'),
};
const AS_TEXT = { disallowedSpecial: new Set<string>() };

function* fixtureTexts(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* fixtureTexts(file);
    else if (/\.(jsonl|json|md|txt|jinja)$/.test(name)) yield* readFileSync(file, 'utf8').split('\n');
  }
}

function* generatedTexts(): Generator<string> {
  const palette = ['a', 'Z', 'é', 'ß', 'İ', '東', '京', '한', 'й', '\u0301', '😀', '👋🏽', '0', '7', '½', '٣', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', "'s", "'LL", "'t", '.', ',', '!?', '"', '{', '}', ':', '/', '\\', '_', '-', '<|endoftext|>', '<|im_start|>', 'http://x.io/a?b=1', 'getWeather', 'XMLHttpRequest'];
  let state = 99;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 3000; i++) {
    let text = '';
    const length = next() % 120;
    for (let k = 0; k < length; k++) text += palette[next() % palette.length];
    yield text;
  }
  // Adversarial: long runs of one class (BPE is quadratic on a long piece), repeated pairs, no text at all.
  yield 'a'.repeat(3000);
  yield 'ab'.repeat(1500);
  yield ' '.repeat(3000) + 'x';
  yield '\n'.repeat(2000);
  yield '9'.repeat(1000);
  yield '!'.repeat(2000);
  yield '東'.repeat(1500);
  yield '';
}

for (const [name, module] of Object.entries(encodings)) {
  test(`piecewiseCount equals gpt-tokenizer's countTokens (${name}) on fixture lines, generated and adversarial text`, () => {
    const count = piecewiseCount(module);
    assert.ok(count, 'the encoder exposes what the loop reads');
    let compared = 0;
    let tokens = 0;
    for (const text of [...fixtureTexts(path.join(__dirname, '../../fixtures')), ...generatedTexts()]) {
      const expected = module.countTokens(text, AS_TEXT);
      assert.equal(count(text), expected, JSON.stringify(text.slice(0, 80)));
      compared++;
      tokens += expected;
    }
    assert.ok(compared > 3000 && tokens > 100_000, `${compared} texts, ${tokens} tokens compared`);
  });
}

test('piecewiseCount stays equal to countTokens past its table of recent pieces (more distinct pieces than it holds, long pieces)', () => {
  const module = encodings.o200k_base;
  const count = piecewiseCount(module)!;
  // 40,000 distinct words (each a piece of its own), twice, interleaved with repeated text and pieces longer than the table keeps.
  const texts: string[] = [];
  for (let i = 0; i < 40_000; i++) texts.push(` w${i.toString(36)}q ${'ab'.repeat(i % 200)} the weather in Paris`);
  texts.push(...texts.slice(0, 5_000));
  let tokens = 0;
  for (const text of texts) {
    const expected = module.countTokens(text, AS_TEXT);
    assert.equal(count(text), expected, text.slice(0, 80));
    tokens += expected;
  }
  assert.ok(tokens > 1_000_000, `${tokens} tokens compared`);
});
