import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkJobSpec } from '../../../core/jobs/create.ts';
import {
  DEFAULT_MODELS,
  HYPER_PROMPTS,
  modelChoices,
  parseHyper,
  parseSeed,
  parseSuffix,
  validateBatchSize,
  validateEpochs,
  validateLearningRate,
  validateSeed,
  validateSuffix,
} from '../../../client/jobs/inputs.ts';

describe('launch prompt validators', () => {
  test('n_epochs: auto, empty or 1..50', () => {
    for (const ok of ['auto', '', ' 3 ', '1', '50']) assert.equal(validateEpochs(ok), undefined, ok);
    for (const bad of ['0', '51', '2.5', '-1', 'three', '1e1']) assert.equal(validateEpochs(bad), 'Epochs must be auto or a whole number from 1 to 50.', bad);
  });

  test('batch_size: auto or 1..256', () => {
    assert.equal(validateBatchSize('256'), undefined);
    assert.equal(validateBatchSize('257'), 'Batch size must be auto or a whole number from 1 to 256.');
  });

  test('learning_rate_multiplier: auto or a number > 0', () => {
    for (const ok of ['auto', '', '0.5', '2', '.1', '1e-1', '3.']) assert.equal(validateLearningRate(ok), undefined, ok);
    for (const bad of ['0', '-1', 'x', 'Infinity', '1,5']) assert.equal(validateLearningRate(bad), 'Learning rate multiplier must be auto or a number greater than 0 (e.g. 0.5 or 2).', bad);
  });

  test('suffix: empty (none) or at most 64 characters', () => {
    assert.equal(validateSuffix(''), undefined);
    assert.equal(validateSuffix('x'.repeat(64)), undefined);
    assert.equal(validateSuffix('x'.repeat(65)), 'The suffix must be at most 64 characters; this one has 65.');
  });

  test('seed: empty (none) or 0..2147483647', () => {
    for (const ok of ['', '0', '2147483647']) assert.equal(validateSeed(ok), undefined, ok);
    for (const bad of ['-1', '2147483648', '1.5', 'seed']) assert.equal(validateSeed(bad), 'The seed must be a whole number from 0 to 2147483647.', bad);
  });

  test('what passes the prompts also passes the core spec check', () => {
    const spec = { model: 'm', training_file: 'f', suffix: parseSuffix('x'.repeat(64)), seed: parseSeed('2147483647'), hyperparameters: { n_epochs: parseHyper('50'), batch_size: parseHyper('auto'), learning_rate_multiplier: parseHyper('1e-1') } };
    assert.deepEqual(checkJobSpec(spec), []);
    assert.deepEqual(spec.hyperparameters, { n_epochs: 50, batch_size: 'auto', learning_rate_multiplier: 0.1 });
  });

  test('parsers: empty means auto / none', () => {
    assert.equal(parseHyper(''), 'auto');
    assert.equal(parseSuffix(''), undefined);
    assert.equal(parseSeed(' '), undefined);
  });

  test('one prompt per hyperparameter, in API order', () => {
    assert.deepEqual(HYPER_PROMPTS.map((p) => p.key), ['n_epochs', 'batch_size', 'learning_rate_multiplier']);
  });

  test('model choices: the default first, no repeats or blanks; defaults include gpt-4o-mini-2024-07-18', () => {
    assert.deepEqual(modelChoices('gpt-4.1-mini-2025-04-14', ['gpt-4o-mini-2024-07-18', ' ', 'gpt-4.1-mini-2025-04-14', 7]), ['gpt-4.1-mini-2025-04-14', 'gpt-4o-mini-2024-07-18']);
    assert.deepEqual(modelChoices(undefined, DEFAULT_MODELS)[0], 'gpt-4o-mini-2024-07-18');
  });
});
