import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, example, NOW, start } from './fixtures.ts';

describe('fine-tuning job lifecycle', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  before(async () => {
    server = await start();
    openai = client(server);
  });
  after(() => server.close());

  async function upload(text: string, name = 'train.jsonl'): Promise<string> {
    return (await openai.files.create({ file: await toFile(Buffer.from(text), name), purpose: 'fine-tune' })).id;
  }

  test('a job moves validating_files -> queued -> running -> succeeded, with events, checkpoints and a model', async () => {
    const training = await upload(dataset(10));
    const validation = await upload(dataset(3), 'valid.jsonl');
    const job = await openai.fineTuning.jobs.create({
      training_file: training,
      validation_file: validation,
      model: 'gpt-4o-mini',
      suffix: 'weather',
      seed: 42,
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3, batch_size: 2 } } },
    });
    // 10 examples / batch 2 = 5 steps an epoch, 15 in all, spread over 3 running ticks.
    const statuses = Array.from({ length: 6 }, () => server.advance(job.id)[job.id]);
    assert.deepEqual(statuses, ['queued', 'running', 'running', 'running', 'succeeded', undefined]);

    const done = await openai.fineTuning.jobs.retrieve(job.id);
    assert.equal(done.status, 'succeeded');
    assert.equal(done.fine_tuned_model, `ft:gpt-4o-mini-2024-07-18:org:weather:${job.id.slice(-8)}`);
    assert.equal(done.finished_at, NOW);
    assert.deepEqual(done.hyperparameters, { n_epochs: 3, batch_size: 2, learning_rate_multiplier: 1.8 });
    // 64 estimated tokens per example (4 characters a token + 3 per message + 3) x 10 examples x 3 epochs.
    assert.equal(done.trained_tokens, 1920);
    assert.equal(done.result_files.length, 1);
    const csv = await (await openai.files.content(done.result_files[0]!)).text();
    assert.equal(csv.split('\n')[0], 'step,train_loss,train_accuracy');
    assert.equal(csv.split('\n')[1], '1,1.8252,0.5479');

    // listEvents auto-paginates (7 a page), newest first.
    const events: OpenAI.FineTuning.Jobs.FineTuningJobEvent[] = [];
    for await (const e of openai.fineTuning.jobs.listEvents(job.id, { limit: 7 })) events.push(e);
    const eventPages = server.state.requests.filter((r) => r.path === `/v1/fine_tuning/jobs/${job.id}/events`);
    assert.equal(eventPages.length, 4); // 25 events in pages of 7
    assert.deepEqual(
      events.map((e) => e.message),
      [
        'The job has successfully completed',
        'New fine-tuned model created',
        'Checkpoint created at step 15',
        'Step 15/15: training loss=0.23, validation loss=0.27',
        'Step 14/15: training loss=0.20, validation loss=0.24',
        'Step 13/15: training loss=0.16, validation loss=0.18',
        'Step 12/15: training loss=0.25, validation loss=0.28',
        'Step 11/15: training loss=0.20, validation loss=0.22',
        'Checkpoint created at step 10',
        'Step 10/15: training loss=0.21, validation loss=0.24',
        'Step 9/15: training loss=0.32, validation loss=0.35',
        'Step 8/15: training loss=0.39, validation loss=0.42',
        'Step 7/15: training loss=0.43, validation loss=0.47',
        'Step 6/15: training loss=0.62, validation loss=0.68',
        'Checkpoint created at step 5',
        'Step 5/15: training loss=0.73, validation loss=0.79',
        'Step 4/15: training loss=0.92, validation loss=1.00',
        'Step 3/15: training loss=1.17, validation loss=1.27',
        'Step 2/15: training loss=1.37, validation loss=1.48',
        'Step 1/15: training loss=1.83, validation loss=1.99',
        'Fine-tuning job started',
        'Files validated, moving job to queued state',
        `Validating validation file: ${validation}`,
        `Validating training file: ${training}`,
        `Created fine-tuning job: ${job.id}`,
      ],
    );
    const lastStep = events.find((e) => e.type === 'metrics')!;
    assert.deepEqual(lastStep.data, { step: 15, train_loss: 0.2319, train_mean_token_accuracy: 0.9672, total_steps: 15, valid_loss: 0.2693, valid_mean_token_accuracy: 0.9631 });

    const checkpoints = await openai.fineTuning.jobs.checkpoints.list(job.id);
    assert.deepEqual(
      checkpoints.data.map((c) => [c.step_number, c.fine_tuned_model_checkpoint]),
      [15, 10, 5].map((s) => [s, `ft:gpt-4o-mini-2024-07-18:org:weather:${job.id.slice(-8)}:ckpt-step-${s}`]),
    );
    assert.deepEqual(checkpoints.data[0]!.metrics, {
      step: 15,
      train_loss: 0.2319,
      train_mean_token_accuracy: 0.9672,
      valid_loss: 0.2693,
      valid_mean_token_accuracy: 0.9631,
      full_valid_loss: 0.2747,
      full_valid_mean_token_accuracy: 0.9535,
    });
    assert.equal(checkpoints.data[0]!.fine_tuning_job_id, job.id);
  });

  test('the same seed gives the same metrics', async () => {
    const training = await upload(dataset(10));
    const a = await openai.fineTuning.jobs.create({ training_file: training, model: 'gpt-4o-mini', seed: 7 });
    const b = await openai.fineTuning.jobs.create({ training_file: training, model: 'gpt-4o-mini', seed: 7 });
    server.finish(a.id);
    server.finish(b.id);
    const metrics = (id: string) => server.state.jobs.get(id)!.events.filter((e) => e.type === 'metrics').map((e) => e.message);
    assert.equal(metrics(a.id).length, 100); // auto: 10 epochs for 10 examples, batch 1
    assert.deepEqual(metrics(a.id), metrics(b.id));
  });

  const failures: [string, string, string, string?][] = [
    ['a line that is not JSON', [example(1), example(2), '{"messages": [', ...Array.from({ length: 8 }, (_, i) => example(i + 4))].join('\n'), 'Line 3 is not a valid JSON object.'],
    ['a line that is not an object', ['[1, 2]', dataset(10)].join('\n'), 'Line 1 is not a dictionary.'],
    ['fewer than 10 examples', dataset(3), 'Training file has 3 example(s), but must have at least 10 examples'],
    [
      'a missing messages list',
      [dataset(4).trimEnd(), JSON.stringify({ tools: [] }), dataset(6)].join('\n'),
      "Example 5 is missing the 'messages' list.",
    ],
    [
      'a message without a role',
      [dataset(1).trimEnd(), JSON.stringify({ messages: [{ role: 'user', content: 'x' }, { content: 'y' }] }), dataset(9)].join('\n'),
      "Example 2, message 2 Discriminator 'role' is missing",
    ],
    [
      'a tool reply whose tool_call_id matches no call',
      [
        dataset(9).trimEnd(),
        JSON.stringify({
          messages: [
            { role: 'user', content: 'q' },
            { role: 'assistant', tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } }] },
            { role: 'tool', tool_call_id: 'call_b', content: 'r' },
          ],
        }),
      ].join('\n'),
      "Example 10, message 3 has a tool_call_id 'call_b' that matches no tool call in the preceding assistant message.",
    ],
    [
      'arguments given as an object',
      [
        JSON.stringify({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: { a: 1 } } }] }] }),
        dataset(10),
      ].join('\n'),
      "Example 1, message 2, tool call 1: 'function.arguments' must be a string.",
    ],
    ['an unknown top-level key', [JSON.stringify({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }], prompt: 'x' }), dataset(10)].join('\n'), "Example 1 has an unrecognized key 'prompt'."],
  ];
  for (const [what, text, message] of failures) {
    test(`validation fails the job on ${what}, naming the line`, async () => {
      const training = await upload(text);
      const job = await openai.fineTuning.jobs.create({ training_file: training, model: 'gpt-4o-mini' });
      assert.deepEqual(server.advance(job.id), { [job.id]: 'failed' });
      const failed = await openai.fineTuning.jobs.retrieve(job.id);
      assert.equal(failed.status, 'failed');
      assert.deepEqual(failed.error, { code: 'invalid_training_file', message, param: 'training_file' });
      assert.equal(failed.finished_at, NOW);
      assert.equal(failed.fine_tuned_model, null);
      const newest = (await openai.fineTuning.jobs.listEvents(job.id, { limit: 1 })).data[0]!;
      assert.deepEqual([newest.level, newest.message], ['error', message]);
    });
  }

  test('a bad validation file fails the job with param validation_file', async () => {
    const job = await openai.fineTuning.jobs.create({
      training_file: await upload(dataset(10)),
      validation_file: await upload('not json\n', 'v.jsonl'),
      model: 'gpt-4o-mini',
    });
    server.advance(job.id);
    assert.deepEqual(server.state.jobs.get(job.id)!.object.error, {
      code: 'invalid_validation_file',
      message: 'Line 1 is not a valid JSON object.',
      param: 'validation_file',
    });
  });

  test('with a running clock (tickMs) a polled job reaches succeeded on its own', async () => {
    const timed = await start({ tickMs: 5 });
    try {
      const api = client(timed);
      const file = (await api.files.create({ file: await toFile(Buffer.from(dataset(10)), 't.jsonl'), purpose: 'fine-tune' })).id;
      const job = await api.fineTuning.jobs.create({ training_file: file, model: 'gpt-4o-mini' });
      const seen = new Set<string>();
      let current = job;
      for (let i = 0; i < 400 && current.status !== 'succeeded' && current.status !== 'failed'; i++) {
        seen.add(current.status);
        await delay(2); // poll, as a client would
        current = await api.fineTuning.jobs.retrieve(job.id);
      }
      assert.equal(current.status, 'succeeded');
      assert.ok(seen.has('validating_files'));
      assert.equal(current.fine_tuned_model, `ft:gpt-4o-mini-2024-07-18:org::${job.id.slice(-8)}`);
    } finally {
      await timed.close();
    }
  });
});
