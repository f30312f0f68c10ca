// Threat 14: duplicate billed jobs under eventual consistency. The create answers 500 after
// making the job, and the service lists the job only later. `finetune create` sent 3 creates and
// 3 look-ups and left 3 jobs, never naming its token. Now: after an unclear failure the create is
// never sent again; the token is looked up a bounded number of times; then it stops with the
// token and the command that finds the job later (`toolcall finetune find T`).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createJob, IDEMPOTENCY_KEY, UnknownJobStateError } from '../../core/jobs/create.ts';
import { uploadFile } from '../../core/jobs/upload.ts';
import type { OpenAIServer } from '../openai-server/index.ts';
import { cli, client, dataset, lines, start, workspace } from '../unit/jobs/fixtures.ts';
import { join } from 'node:path';

describe('threat 14: duplicate billed jobs under eventual consistency', () => {
  let server: OpenAIServer;
  let dir: string;
  before(async () => {
    server = await start();
    dir = workspace({ 'train.jsonl': dataset(12) });
  });
  beforeEach(() => {
    server.state.reset();
    server.faults.clear();
  });
  after(() => server.close());

  const creates = () => server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs').map((r) => r.status ?? 'dropped');
  const lookups = () => server.state.requests.filter((r) => r.method === 'GET' && r.path === '/v1/fine_tuning/jobs').length;

  test('threat 14: unclear create (500 after the job was made, listed only after 100 lists): one create, one job, the token and "toolcall finetune find T"', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 500, times: Infinity });
    server.faults.listLag(100);
    const run = await cli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4o-mini', '--poll-ms', '1', '--base-url', server.url], dir);
    assert.equal(run.code, 1);
    assert.deepEqual(creates(), [500]);
    assert.equal(server.state.jobs.size, 1);
    assert.equal(lookups(), 6);
    const [job] = [...server.state.jobs.values()];
    const token = job!.object.metadata![IDEMPOTENCY_KEY]!;
    assert.match(token, /^[0-9a-f-]{36}$/);
    assert.equal(lines(run.stdout).at(-1), `Creating the job with idempotency token ${token}.`);
    assert.deepEqual(lines(run.stderr), [
      'The create request got no clear answer (attempt 1); looking the job up by its token instead of sending it again.',
      `toolcall finetune create: Not known whether the job was created (the create request got no clear answer and 6 look-ups did not find it); token ${token}; check with "toolcall finetune find ${token}" before creating it again.`,
    ]);

    // Later the service lists it: `finetune find` names it, and a create would not be needed.
    job!.unlistedFor = 0;
    const found = await cli(['finetune', 'find', token, '--base-url', server.url], dir);
    assert.equal(found.code, 0, found.stderr);
    assert.equal(lines(found.stdout)[0], `id: ${job!.object.id}`);
    assert.equal(lines(found.stdout).at(-1), job!.object.id);
    assert.deepEqual(creates(), [500]);
  });

  test('threat 14: unclear create (listed after 2 lists): found by the third look-up, never sent again', async () => {
    const openai = client(server);
    const uploaded = await uploadFile(openai, { file: join(dir, 'train.jsonl') });
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 500, times: Infinity });
    server.faults.listLag(2);
    const created = await createJob(openai, { training_file: uploaded.file.id, model: 'gpt-4o-mini-2024-07-18' }, { lookupDelayMs: 0 });
    assert.deepEqual({ recovered: created.recovered, requests: created.requests }, { recovered: true, requests: 1 });
    assert.deepEqual(creates(), [500]);
    assert.equal(lookups(), 3);
    assert.equal(server.state.jobs.size, 1);
  });

  test('threat 14: unclear create (a dropped connection, then every look-up fails): one create, UnknownJobStateError with the token', async () => {
    const openai = client(server);
    const uploaded = await uploadFile(openai, { file: join(dir, 'train.jsonl') });
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'drop-after-effect' });
    server.faults.add({ method: 'GET', path: '/v1/fine_tuning/jobs', kind: 'status', status: 503, times: Infinity });
    const error = await createJob(openai, { training_file: uploaded.file.id, model: 'gpt-4o-mini-2024-07-18' }, { lookups: 3, lookupDelayMs: 0 }).catch((e: unknown) => e);
    assert.ok(error instanceof UnknownJobStateError);
    const token = server.state.requests.find((r) => r.method === 'GET' && r.path === '/v1/fine_tuning/jobs')!.query[`metadata[${IDEMPOTENCY_KEY}]`];
    assert.equal(error.token, token);
    assert.equal(error.message, `Not known whether the job was created (the create request got no clear answer and 3 look-ups failed); token ${token}; check with "toolcall finetune find ${token}" before creating it again.`);
    assert.deepEqual(creates(), ['dropped']);
    assert.equal(lookups(), 3);
  });
});
