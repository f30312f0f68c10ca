import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkJobSpec } from '../../../core/jobs/create.ts';
import { confirmText, CUSTOMIZE_STEPS, defaultSpec, startChoices, stepTitle, suffixFromFileName, withEpochs } from '../../../client/jobs/launchPlan.ts';
import { HYPER_PROMPTS } from '../../../client/jobs/inputs.ts';

// weather.jsonl as `toolcall stats` counts it: 12 examples, 1,378 tokens, 8 automatic epochs, $3 per 1M.
const summary = { model: 'gpt-4o-mini-2024-07-18', examples: 12, tokens: 1378, overLimit: 0, epochs: 8, billedTokens: 11024, estimatedUsd: 0.033072 };

test('the start: launch with defaults (model, automatic hyperparameters, suffix from the file name) or customize in 7 numbered steps', () => {
  assert.deepEqual(startChoices('gpt-4o-mini-2024-07-18', 'jobs-train.jsonl'), [
    { label: '$(rocket) Launch with defaults', detail: 'gpt-4o-mini-2024-07-18, automatic epochs, batch size and learning rate, suffix "jobs-train", no validation file', customize: false },
    { label: '$(settings) Customize...', detail: '7 steps: base model, epochs, batch size, learning rate multiplier, suffix, seed, validation file', customize: true },
  ]);
  assert.deepEqual(defaultSpec('gpt-4o-mini-2024-07-18', 'jobs-train.jsonl'), { model: 'gpt-4o-mini-2024-07-18', hyperparameters: {}, suffix: 'jobs-train' });
  assert.deepEqual(checkJobSpec({ ...defaultSpec('gpt-4o-mini-2024-07-18', 'Weather Train v2.jsonl'), training_file: 'file-1' }), []);
  assert.deepEqual(CUSTOMIZE_STEPS.map(stepTitle), [
    'Fine-tuning (1/7): Base model',
    'Fine-tuning (2/7): Epochs',
    'Fine-tuning (3/7): Batch size',
    'Fine-tuning (4/7): Learning rate multiplier',
    'Fine-tuning (5/7): Suffix',
    'Fine-tuning (6/7): Seed',
    'Fine-tuning (7/7): Validation file',
  ]);
  // The hyperparameter steps: plain names as titles, the API name in the prompt.
  assert.deepEqual(HYPER_PROMPTS.map((p) => [p.name, p.prompt.endsWith(`(API: ${p.key})`)]), [['Epochs', true], ['Batch size', true], ['Learning rate multiplier', true]]);
});

test('suffixFromFileName: lower case, runs of other characters become one dash, at most 40 characters', () => {
  assert.equal(suffixFromFileName('Weather Train v2.jsonl'), 'weather-train-v2');
  assert.equal(suffixFromFileName('jobs-train.JSONL'), 'jobs-train');
  assert.equal(suffixFromFileName('__.jsonl'), undefined);
  assert.equal(suffixFromFileName(`${'a'.repeat(39)}_b.jsonl`), 'a'.repeat(39));
  assert.equal(suffixFromFileName(`${'x'.repeat(60)}.jsonl`)?.length, 40);
});

test('the confirmation names the endpoint, examples, tokens, epochs (automatic or chosen) and the estimated cost', () => {
  assert.deepEqual(confirmText({ endpoint: 'OpenAI (https://api.openai.com/v1)', fileName: 'weather.jsonl', spec: defaultSpec('gpt-4o-mini-2024-07-18', 'weather.jsonl'), summary }), {
    title: 'Launch fine-tuning of gpt-4o-mini-2024-07-18 on weather.jsonl?',
    detail: [
      'Data goes to: OpenAI (https://api.openai.com/v1)',
      '12 examples, 1,378 tokens, 8 epochs (automatic): 11,024 billed tokens',
      'Estimated cost: about $0.03',
      'Batch size auto, learning rate multiplier auto, suffix "weather"',
      'No validation file',
    ].join('\n'),
  });
  // 2 epochs chosen: 1,378 x 2 = 2,756 billed tokens x $3/1M = $0.008268.
  assert.deepEqual(withEpochs(summary, 2), { ...summary, epochs: 2, billedTokens: 2756, estimatedUsd: 0.008268, epochsChosen: true });
  const custom = confirmText({ endpoint: 'Azure OpenAI (https://mine.openai.azure.com)', fileName: 'weather.jsonl', validationName: 'eval.jsonl', spec: { model: 'm', hyperparameters: { n_epochs: 2, batch_size: 4, learning_rate_multiplier: 0.5 }, seed: 7 }, summary: { ...summary, model: 'm', estimatedUsd: null, overLimit: 1 } });
  assert.equal(custom.detail, [
    'Data goes to: Azure OpenAI (https://mine.openai.azure.com)',
    '12 examples, 1,378 tokens, 2 epochs: 2,756 billed tokens',
    'Estimated cost: unknown (no price is known for m)',
    '1 example over the token limit will be truncated',
    'Batch size 4, learning rate multiplier 0.5, seed 7',
    'Validation file: eval.jsonl',
  ].join('\n'));
  assert.equal(confirmText({ endpoint: 'OpenAI (x)', fileName: 'f.jsonl', spec: { model: 'm' }, summary: undefined, countError: 'the server is not running' }).detail.split('\n')[1], 'Examples, tokens and cost: unavailable (the server is not running)');
});
