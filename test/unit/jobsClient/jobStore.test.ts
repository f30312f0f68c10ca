// The store behind the Fine-tuning Jobs view, against the local server on a manual clock.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { uploadFile } from '../../../core/jobs/upload.ts';
import type { FineTuningJob, OpenAI } from '../../../core/openai/client.ts';
import { JobStore } from '../../../client/jobs/jobStore.ts';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, start, workspace } from '../jobs/fixtures.ts';

/** Resolves with the first value `subscribe` delivers that `accept` takes. */
function next<T>(subscribe: (listener: (value: T) => void) => () => void, accept: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((value) => {
      if (!accept(value)) return;
      off();
      resolve(value);
    });
  });
}

describe('JobStore', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  let fileId: string;
  let store: JobStore;
  const errors: string[] = [];
  before(async () => {
    server = await start();
    openai = client(server);
    fileId = (await uploadFile(openai, { file: join(workspace({ 't.jsonl': dataset(12) }), 't.jsonl') })).file.id;
  });
  beforeEach(() => {
    store?.dispose();
    server.state.jobs.clear();
    errors.length = 0;
    store = new JobStore({ connect: async () => openai, pollMs: 5, maxPollMs: 20, onError: (e) => errors.push(String(e)) });
  });
  after(async () => {
    store.dispose();
    await server.close();
  });

  const create = (extra: Record<string, unknown> = {}) => openai.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: fileId, ...extra });

  test('refresh lists jobs newest first and watches the active ones until they end; onEnded fires once with the final job', async () => {
    const first = await create({ suffix: 'a' });
    server.finish(first.id);
    const second = await create({ suffix: 'b', hyperparameters: { n_epochs: 3 } });
    const changes: Array<string | undefined> = [];
    store.onChange((id) => changes.push(id));
    const ended: FineTuningJob[] = [];
    store.onEnded((job) => ended.push(job));
    await store.refresh();
    assert.deepEqual(store.list().map((j) => [j.id, j.status]), [
      [second.id, 'validating_files'],
      [first.id, 'succeeded'],
    ]);
    assert.equal(store.isWatching(second.id), true);
    assert.equal(store.isWatching(first.id), false);
    const done = next<FineTuningJob>((l) => store.onEnded(l));
    server.finish(second.id);
    const final = await done;
    assert.equal(final.status, 'succeeded');
    assert.equal(store.get(second.id)?.status, 'succeeded');
    assert.equal(store.isWatching(second.id), false);
    assert.equal(ended.length, 1);
    assert.ok(changes.includes(second.id));
    // Checkpoints of a finished job are fetched for the view; events arrived oldest first.
    assert.deepEqual(store.checkpoints(second.id)?.map((c) => c.step_number), [...server.state.jobs.get(second.id)!.checkpoints].map((c) => c.step_number).sort((a, b) => a - b));
    assert.deepEqual(store.events(second.id).map((e) => e.message), server.state.jobs.get(second.id)!.events.map((e) => e.message));
    assert.deepEqual(errors, []);
  });

  test('a job failing validation ends failed with the service error', async () => {
    const bad = (await uploadFile(openai, { file: join(workspace({ 'few.jsonl': dataset(3) }), 'few.jsonl') })).file.id;
    const failing = await openai.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: bad });
    const ended = next<FineTuningJob>((l) => store.onEnded(l), (j) => j.id === failing.id);
    store.add(failing, openai);
    server.advance(failing.id);
    const final = await ended;
    assert.equal(final.status, 'failed');
    assert.equal(final.error?.message, 'Training file has 3 example(s), but must have at least 10 examples');
  });

  test('loadEvents of an unwatched job fetches what is new, oldest first; cancel updates the job', async () => {
    const job = await create();
    server.advance(job.id); // queued
    const events = await store.loadEvents(job.id);
    assert.deepEqual(events.map((e) => e.message), server.state.jobs.get(job.id)!.events.map((e) => e.message));
    assert.equal((await store.loadEvents(job.id)).length, events.length);
    const cancelled = await store.cancel(job.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(store.get(job.id)?.status, 'cancelled');
  });

  test('dispose stops every watcher without reporting an error', async () => {
    const job = await create();
    store.add(job, openai);
    assert.equal(store.isWatching(job.id), true);
    store.dispose();
    assert.equal(store.isWatching(job.id), false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(errors, []);
  });
});
