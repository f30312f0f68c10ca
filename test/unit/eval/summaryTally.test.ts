// ModelTally's offline path (core/eval/summaryTally.ts addOffline, RatesTally.addCalls) gives the
// summary its general path gives for the same cases: a case added as a plain object with no
// request behind it (no error, latency, usage or cost), expected names as an array; with a billed
// case among them too, where the cases answered count toward the cost per 1k cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelTally, RatesTally, type CasePasses } from '../../../core/eval/summaryTally.ts';
import type { Category } from '../../../core/stats/category.ts';
import { mulberry32 } from '../../../core/random.ts';

const CATEGORIES: Category[] = ['single-call', 'multi-step', 'no-call', 'error-recovery'];
const NAMES = ['get_weather', 'book_flight', 'a', '(no call)', 'constructor', '__proto__', 'search_flights_extended'];

function randomCase(random: () => number): { category: Category; expected: { name: string; arguments: string }[]; passes: CasePasses; answered: boolean } {
  const count = random() < 0.3 ? 0 : random() < 0.7 ? 1 : 2 + Math.floor(random() * 3);
  // Names made anew each time, as each line's parse makes them.
  const expected = Array.from({ length: count }, () => ({ name: [...NAMES[Math.floor(random() * NAMES.length)]!].join(''), arguments: '{}' }));
  const passes = { exact: random() < 0.5, fuzzy: random() < 0.6, functional: random() < 0.7, structural: random() < 0.8 };
  return { category: CATEGORIES[Math.floor(random() * CATEGORIES.length)]!, expected, passes, answered: random() < 0.8 };
}

test('addOffline gives the summary add gives for the same offline cases', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const random = mulberry32(seed);
    const general = new ModelTally();
    const offline = new ModelTally();
    // One billed case first in half the seeds, so that the cost per 1k cases counts the answered offline cases.
    if (seed % 2 === 0) {
      const billed = { category: 'single-call' as const, expected: [{ name: 'f' }], scores: randomCase(random).passes, prediction: {}, latencyMs: 5, usage: { prompt_tokens: 10, completion_tokens: 2 }, costUsd: 0.25 };
      general.add(billed);
      offline.add(billed);
    }
    const n = Math.floor(random() * 400);
    for (let k = 0; k < n; k++) {
      const c = randomCase(random);
      general.add({ category: c.category, expected: c.expected, scores: c.passes, prediction: c.answered ? {} : undefined, latencyMs: null, usage: null, costUsd: null });
      offline.addOffline(c.category, c.expected, c.passes, c.answered);
    }
    assert.deepEqual(offline.summary(), general.summary());
    assert.equal(offline.total, n + (seed % 2 === 0 ? 1 : 0));
  }
});

test('addCalls counts as add does with the names, each distinct name once per case', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const random = mulberry32(100 + seed);
    const byNames = new RatesTally();
    const byCalls = new RatesTally();
    for (let k = 0; k < 300; k++) {
      const c = randomCase(random);
      byNames.add(c.category, c.expected.map((call) => call.name), c.passes);
      byCalls.addCalls(c.category, c.expected, c.passes);
    }
    assert.deepEqual(byCalls.summary(), byNames.summary());
    assert.deepEqual(byCalls.intervals(), byNames.intervals());
  }
});

test('a summary of known cases', () => {
  const tally = new ModelTally();
  const pass = { exact: true, fuzzy: true, functional: true, structural: true };
  const fail = { exact: false, fuzzy: false, functional: false, structural: false };
  tally.addOffline('single-call', [{ name: 'f' }], pass, true);
  tally.addOffline('single-call', [{ name: 'f' }], fail, false);
  tally.addOffline('multi-step', [{ name: 'f' }, { name: 'g' }, { name: 'f' }], pass, true);
  tally.addOffline('no-call', [], fail, true);
  const s = tally.summary();
  assert.deepEqual(s.by_tool, {
    '(no call)': { total: 1, exact_match: 0, fuzzy_match: 0, functional_match: 0, structural_match: 0 },
    f: { total: 3, exact_match: 2 / 3, fuzzy_match: 2 / 3, functional_match: 2 / 3, structural_match: 2 / 3 },
    g: { total: 1, exact_match: 1, fuzzy_match: 1, functional_match: 1, structural_match: 1 },
  });
  assert.equal(s.total, 4);
  assert.equal(s.exact_match, 0.5);
  assert.deepEqual(s.by_category['single-call'], { total: 2, exact_match: 0.5, fuzzy_match: 0.5, functional_match: 0.5, structural_match: 0.5 });
  assert.equal(s.cost_usd, null);
  assert.equal(s.cost_per_1k_cases, null);
  assert.equal(s.errors, 0);
  assert.equal(s.latency_p50_ms, null);
});
