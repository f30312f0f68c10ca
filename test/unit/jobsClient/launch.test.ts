// Upload + create exactly once, with the token kept pending across an unclear failure.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { IDEMPOTENCY_KEY } from '../../../core/jobs/create.ts';
import { createOpenAI, describeApiError, type OpenAI } from '../../../core/openai/client.ts';
import { formatBytes, launchJob, MAX_PENDING, settledLaunches, UnclearLaunchError, type PendingLaunch, type PendingStore } from '../../../client/jobs/launch.ts';
import { JobsLog } from '../../../client/jobs/log.ts';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, start, workspace } from '../jobs/fixtures.ts';

function memoryStore(initial: PendingLaunch[] = []): PendingStore & { list: PendingLaunch[] } {
  const store = {
    list: initial,
    get: () => store.list,
    set: (list: readonly PendingLaunch[]) => {
      store.list = [...list];
    },
  };
  return store;
}

describe('launchJob (client)', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  let dir: string;
  const spec = { model: 'gpt-4o-mini-2024-07-18', suffix: 'weather', hyperparameters: { n_epochs: 2 } };
  before(async () => {
    server = await start();
    openai = client(server);
    dir = workspace({ 'train.jsonl': dataset(12), 'valid.jsonl': dataset(3) });
  });
  beforeEach(() => {
    server.state.jobs.clear();
    server.state.requests.length = 0;
    server.faults.clear();
  });
  after(() => server.close());

  const creates = () => server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs').map((r) => r.status ?? 'dropped');

  test('uploads both files with byte progress, creates one supervised job, forgets the token', async () => {
    const pending = memoryStore();
    const progress: string[] = [];
    const result = await launchJob(openai, {
      training: join(dir, 'train.jsonl'),
      validation: join(dir, 'valid.jsonl'),
      spec,
      pending,
      onUpload: (file, sent, total) => progress.push(`${file.endsWith('train.jsonl') ? 'train' : 'valid'} ${sent}/${total}`),
    });
    assert.equal(result.recovered, false);
    assert.equal(server.state.jobs.size, 1);
    const job = server.state.jobs.get(result.job.id)!.object;
    assert.equal(job.training_file, result.trainingFileId);
    assert.equal(job.validation_file, result.validationFileId);
    assert.equal(job.metadata?.[IDEMPOTENCY_KEY], result.token);
    assert.deepEqual(creates(), [200]);
    assert.deepEqual(pending.list, []);
    const trainBytes = Buffer.byteLength(dataset(12));
    assert.equal(progress.filter((p) => p.startsWith('train')).at(-1), `train ${trainBytes}/${trainBytes}`);
    assert.ok(progress.some((p) => p.startsWith('valid')));
  });

  test('the create is answered 500 after the server made the job: found by its token, exactly one job, no second create', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 500 });
    const pending = memoryStore();
    const result = await launchJob(openai, { training: join(dir, 'train.jsonl'), spec, pending });
    assert.equal(result.recovered, true);
    assert.equal(server.state.jobs.size, 1);
    assert.deepEqual(creates(), [500]);
    assert.deepEqual(pending.list, []);
  });

  test('a 500 before any effect: not retried; the token stays pending; the relaunch reuses it and makes exactly one job', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status', status: 500 });
    const pending = memoryStore();
    const input = { training: join(dir, 'train.jsonl'), spec, pending };
    const error = await launchJob(openai, input).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof UnclearLaunchError);
    assert.equal(server.state.jobs.size, 0);
    assert.deepEqual(creates(), [500]);
    assert.equal(pending.list.length, 1);
    const token = pending.list[0]!.token;
    assert.equal(error.token, token);

    const notes: string[] = [];
    const again = await launchJob(openai, { ...input, onNote: (t) => notes.push(t) });
    assert.equal(again.token, token);
    assert.equal(server.state.jobs.size, 1);
    assert.deepEqual(creates(), [500, 200]);
    assert.deepEqual(pending.list, []);
    assert.equal(notes[0], `An earlier launch of train.jsonl had no clear outcome; looking up its job (token ${token}) before creating one.`);
  });

  test('a dropped create whose job was made: the relaunch finds it and creates nothing', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'drop-after-effect' });
    server.faults.add({ method: 'GET', path: '/v1/fine_tuning/jobs', kind: 'status', status: 503, times: 1 });
    const pending = memoryStore();
    const input = { training: join(dir, 'train.jsonl'), spec, pending };
    await assert.rejects(launchJob(openai, input), UnclearLaunchError);
    assert.equal(pending.list.length, 1);
    const again = await launchJob(openai, input);
    assert.equal(again.recovered, true);
    assert.equal(server.state.jobs.size, 1);
    assert.deepEqual(creates(), ['dropped']);
  });

  test('a different spec gets a fresh token', async () => {
    const stale: PendingLaunch = { token: 'old', fingerprint: 'not-this-launch', training: join(dir, 'train.jsonl'), startedAt: 0 };
    const pending = memoryStore([stale]);
    const result = await launchJob(openai, { training: join(dir, 'train.jsonl'), spec, pending });
    assert.notEqual(result.token, 'old');
    assert.deepEqual(pending.list, [stale]);
  });

  test('a create refused outright (400) is not looked up again: the token is forgotten, the error passes through', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status', status: 400 });
    const pending = memoryStore();
    const error = await launchJob(openai, { training: join(dir, 'train.jsonl'), spec, pending }).catch((e: unknown) => e);
    assert.equal((error as { status?: number }).status, 400);
    assert.deepEqual(pending.list, []);
    assert.equal(server.state.jobs.size, 0);
  });

  test('a refused key (401) with SDK debug logging on: the sentence names the request id, no log line holds the key', async () => {
    const secret = 'sk-live-refused-0123456789';
    const lines: string[] = [];
    const log = new JobsLog((level, text) => lines.push(`${level} ${text}`));
    log.addSecret(secret);
    const refused = createOpenAI({ apiKey: secret, baseURL: server.url, maxRetries: 0, logLevel: 'debug', log: (level, text) => log.write(level, text) });
    const pending = memoryStore();
    const error = await launchJob(refused, { training: join(dir, 'train.jsonl'), spec, pending }).catch((e: unknown) => e);
    assert.equal((error as { status?: number }).status, 401);
    assert.match(describeApiError(error, [secret]), /^The API refused the key \(401\); set a valid key with Toolcall: Set API Key or OPENAI_API_KEY\. Request id req_[0-9a-f]{32}\.$/);
    assert.ok(lines.some((l) => l.startsWith('debug ')), 'debug logging produced lines');
    assert.deepEqual(lines.filter((l) => /sk-live|0123456789/.test(l)), []);
    assert.equal(/sk-live|0123456789/.test(log.text()), false);
  });

  test('settledLaunches: a pending token seen on a listed job', () => {
    const pending: PendingLaunch[] = [
      { token: 't1', fingerprint: 'a', training: '/w/a.jsonl', startedAt: 0 },
      { token: 't2', fingerprint: 'b', training: '/w/b.jsonl', startedAt: 0 },
    ];
    const jobs = [{ id: 'ftjob-9', metadata: { [IDEMPOTENCY_KEY]: 't2' } }, { id: 'ftjob-8', metadata: null }] as never[];
    assert.deepEqual(settledLaunches(pending, jobs).map((s) => [s.launch.token, (s.job as { id: string }).id]), [['t2', 'ftjob-9']]);
  });

  test('formatBytes and the pending bound', () => {
    assert.deepEqual([0, 1023, 1024, 1536, 5 * 2 ** 20, 3 * 2 ** 30].map(formatBytes), ['0 B', '1023 B', '1.0 KB', '1.5 KB', '5.0 MB', '3.0 GB']);
    assert.equal(MAX_PENDING, 20);
  });
});
