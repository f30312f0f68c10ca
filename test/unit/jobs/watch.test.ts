import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { createJob } from '../../../core/jobs/create.ts';
import { uploadFile } from '../../../core/jobs/upload.ts';
import { watchJob } from '../../../core/jobs/watch.ts';
import type { OpenAI } from '../../../core/openai/client.ts';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, example, start, weightTwo, workspace } from './fixtures.ts';
import { locateJobError } from '../../../core/checks/serviceChecks.ts';

describe('watchJob', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  let dir: string;
  before(async () => {
    server = await start();
    openai = client(server);
    dir = workspace({
      'train.jsonl': dataset(12),
      'weight.jsonl': [example(1), example(2), weightTwo(3), ...Array.from({ length: 9 }, (_, i) => example(i + 4))].join('\n') + '\n',
    });
  });
  after(() => server.close());

  async function launch(name: string): Promise<string> {
    const file = await uploadFile(openai, { file: join(dir, name) });
    return (await createJob(openai, { training_file: file.file.id, model: 'gpt-4o-mini' })).job.id;
  }

  test('reports each status once and every event once, oldest first, and returns the final job', async () => {
    const id = await launch('train.jsonl');
    const statuses: string[] = [];
    const events: string[] = [];
    // Each poll moves the job one step, so the run is the same every time.
    const job = await watchJob(openai, id, {
      minDelayMs: 1,
      maxDelayMs: 1,
      onPoll: () => server.advance(id),
      onStatus: (j, previous) => statuses.push(`${previous ?? '-'} -> ${j.status}`),
      onEvent: (e) => events.push(e.id),
    });
    assert.equal(job.status, 'succeeded');
    assert.deepEqual(statuses, ['- -> validating_files', 'validating_files -> queued', 'queued -> running', 'running -> succeeded']);
    assert.deepEqual(events, server.state.jobs.get(id)!.events.map((e) => e.id));
  });

  test('a failed job ends the watch; its error names the line', async () => {
    const id = await launch('weight.jsonl');
    const job = await watchJob(openai, id, { minDelayMs: 1, maxDelayMs: 1, onPoll: () => server.advance(id) });
    assert.equal(job.status, 'failed');
    assert.deepEqual(job.error, { code: 'invalid_training_file', message: 'Example 3, message 5 has an invalid weight; expected 0 or 1.', param: 'training_file' });
    assert.deepEqual(locateJobError(job.error!.message), { line: 2, message: 4 });
  });

  test('failed polls are tolerated up to a limit', async () => {
    const id = await launch('train.jsonl');
    server.finish(id);
    server.faults.add({ method: 'GET', path: `/v1/fine_tuning/jobs/${id}`, kind: 'status', status: 502, times: 2 });
    const failures: number[] = [];
    const job = await watchJob(openai, id, { minDelayMs: 1, maxDelayMs: 1, onPollError: (_e, n) => failures.push(n) });
    assert.equal(job.status, 'succeeded');
    assert.deepEqual(failures, [1, 2]);

    server.faults.add({ method: 'GET', path: `/v1/fine_tuning/jobs/${id}`, kind: 'status', status: 502, times: 3 });
    await assert.rejects(watchJob(openai, id, { minDelayMs: 1, maxDelayMs: 1, maxFailures: 2 }), { status: 502 });
    server.faults.clear();
  });

  test('an abort stops the watch between polls', async () => {
    const id = await launch('train.jsonl');
    const controller = new AbortController();
    let polls = 0;
    const watching = watchJob(openai, id, { minDelayMs: 60_000, signal: controller.signal, onPoll: () => polls++ });
    setImmediate(() => controller.abort());
    await assert.rejects(watching, { name: 'AbortError' });
    assert.ok(polls <= 1);
    assert.equal(server.state.jobs.get(id)!.object.status, 'validating_files');
  });
});
