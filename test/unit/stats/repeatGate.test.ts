// The token counter skips its cache for kinds of text that do not repeat (repeatGate.ts). The
// gate decides only where a count comes from: counts must not change, whatever it decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RepeatGate } from '../../../core/stats/repeatGate.ts';
import { TextKind, tokenCounter } from '../../../core/stats/tokens.ts';
import { TextCache } from '../../../core/textCache.ts';

/** Feeds `texts` of one kind through a gate and a cache as the counter does; how many skipped the cache. */
function feed(gate: RepeatGate, cache: TextCache<number>, kind: number, texts: string[]): number {
  let skipped = 0;
  for (const text of texts) {
    if (!gate.shouldLookUp(kind, text)) {
      skipped++;
      continue;
    }
    const hit = cache.lookup(text) !== undefined;
    if (!hit) cache.set(text, text.length);
    gate.record(kind, text, hit);
  }
  return skipped;
}

const distinct = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i} ${'x'.repeat(i % 37)}`);

test('RepeatGate: a kind of distinct texts skips the cache, a kind that repeats keeps it, each judged alone', () => {
  const gate = new RepeatGate(2);
  const cache = new TextCache<number>(1_000_000);
  const pool = distinct('prompt', 50);
  // Until 128 sampled texts (1 in 16) were judged, nothing is skipped.
  assert.equal(feed(gate, cache, 0, distinct('user', 1_000)), 0);
  assert.equal(gate.skips(0), false);
  const skipped = feed(gate, cache, 0, distinct('user', 20_000).slice(1_000));
  assert.equal(gate.skips(0), true);
  assert.ok(skipped > 15_000, `${skipped} of 19,000 skipped`);
  // Kind 1 repeats 50 texts: never skipped, whatever kind 0 does.
  assert.equal(feed(gate, cache, 1, Array.from({ length: 20_000 }, (_, i) => pool[i % 50])), 0);
  assert.equal(gate.skips(1), false);
});

test('RepeatGate: a kind that starts repeating uses the cache again, judged on the sample it kept looking up', () => {
  const gate = new RepeatGate(1);
  const cache = new TextCache<number>(1_000_000);
  feed(gate, cache, 0, distinct('first', 20_000));
  assert.equal(gate.skips(0), true);
  // Now 1,000 texts come back again and again: their sampled part hits, and the kind resumes.
  const pool = distinct('pool', 1_000);
  const again = Array.from({ length: 40_000 }, (_, i) => pool[(i * 7) % 1_000]);
  feed(gate, cache, 0, again);
  assert.equal(gate.skips(0), false);
});

test('countOfKind counts exactly what count does, for kinds that skip the cache and kinds that keep it', () => {
  const counter = tokenCounter('o200k_base');
  const uncached = require('gpt-tokenizer/encoding/o200k_base');
  const AS_TEXT = { disallowedSpecial: new Set<string>() };
  const repeated = ['user', 'assistant', 'get_weather', '{"city":"Paris"}', 'You are a helpful assistant.'];
  let compared = 0;
  for (let i = 0; i < 6_000; i++) {
    const text = `Request ${i}: ${'word '.repeat(i % 23)}${i % 3 === 0 ? "it's" : 'ΑΒΓ 東京 😀'} ${i * 7919}`;
    for (const [kind, t] of [
      [TextKind.UserContent, text],
      [TextKind.Role, repeated[i % 2]],
      [TextKind.CallName, repeated[2]],
      [TextKind.Arguments, i % 2 ? repeated[3] : `{"n":${i}}`],
      [TextKind.SystemContent, repeated[4]],
    ] as const) {
      assert.equal(counter.countOfKind!(kind, t), uncached.countTokens(t, AS_TEXT), t);
      assert.equal(counter.count(t), uncached.countTokens(t, AS_TEXT), t);
      compared++;
    }
  }
  assert.equal(compared, 30_000);
});
