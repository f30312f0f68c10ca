import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEpochs, estimateCost } from '../../../core/stats/cost.ts';

test('default epochs follow the cookbook formula', () => {
  assert.equal(defaultEpochs(1), 25); // 3 < 100: min(25, 100)
  assert.equal(defaultEpochs(5), 20); // 15 < 100: 100 // 5
  assert.equal(defaultEpochs(10), 10);
  assert.equal(defaultEpochs(33), 3); // 99 < 100: 100 // 33 = 3
  assert.equal(defaultEpochs(34), 3); // 102: default
  assert.equal(defaultEpochs(50), 3); // 150: default
  assert.equal(defaultEpochs(8333), 3); // 24999: default
  assert.equal(defaultEpochs(8334), 2); // 25002 > 25000: 25000 // 8334 = 2
  assert.equal(defaultEpochs(10_000), 2); // 25000 // 10000
  assert.equal(defaultEpochs(30_000), 1); // max(1, 0)
  assert.equal(defaultEpochs(0), 0);
});

test('billed tokens: min(limit, tokens) per example, times epochs; price per 1M', () => {
  const cost = estimateCost([100, 200, 5_000], { model: 'gpt-4o-mini-2024-07-18', limit: 1_000 });
  // 3 examples -> min(25, 100 // 3) = 25 epochs; (100 + 200 + 1000) * 25
  assert.deepEqual(cost, { model: 'gpt-4o-mini-2024-07-18', epochs: 25, billedTokens: 32_500, pricePerMillion: 3, estimatedUsd: 0.0975 });
});

test('prices: exact ids, prefixes, fine-tuned ids, overrides, unknown models', () => {
  assert.equal(estimateCost([10], { model: 'gpt-3.5-turbo-0125' }).pricePerMillion, 8);
  assert.equal(estimateCost([10], { model: 'gpt-4.1-2025-04-14' }).pricePerMillion, 25);
  assert.equal(estimateCost([10], { model: 'ft:gpt-4o-mini-2024-07-18:acme::abc' }).pricePerMillion, 3);
  assert.equal(estimateCost([10], { model: 'gpt-4o-mini-2024-07-18', prices: { 'gpt-4o-mini-2024-07-18': 1.5 } }).pricePerMillion, 1.5);
  const unknown = estimateCost([10], { model: 'my-model', epochs: 2 });
  assert.deepEqual(unknown, { model: 'my-model', epochs: 2, billedTokens: 20, pricePerMillion: null, estimatedUsd: null });
});
