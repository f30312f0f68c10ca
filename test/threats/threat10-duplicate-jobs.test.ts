// Threat 10: duplicate billed jobs when a create request is retried. The server records the
// create, then answers 500; the client must not create a second job.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createJob, IDEMPOTENCY_KEY } from '../../core/jobs/create.ts';
import { uploadFile } from '../../core/jobs/upload.ts';
import { createOpenAI } from '../../core/openai/client.ts';
import { startOpenAIServer } from '../openai-server/index.ts';
import { dataset } from '../unit/openai-server/fixtures.ts';

test('threat 10: duplicate billed jobs (create recorded, then 500 -> exactly one job)', async () => {
  const server = await startOpenAIServer({ tickMs: 0 });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'toolcall-threat10-'));
    writeFileSync(join(dir, 'train.jsonl'), dataset(12));
    // maxRetries 2 for reads: the create itself must still go out exactly once per attempt.
    const openai = createOpenAI({ apiKey: 'sk-test-threat10', baseURL: server.url, maxRetries: 2, logLevel: 'off' });
    const uploaded = await uploadFile(openai, { file: join(dir, 'train.jsonl') });
    server.faults.add({ method: 'POST', path: '/fine_tuning/jobs', kind: 'status-after-effect', status: 500, times: 1 });

    const created = await createJob(openai, { training_file: uploaded.file.id, model: 'gpt-4o-mini-2024-07-18' }, { token: 'threat10-token', retryDelayMs: 0 });

    assert.equal(server.state.jobs.size, 1);
    assert.deepEqual([...server.state.jobs.keys()], [created.job.id]);
    assert.equal(created.recovered, true);
    assert.deepEqual(created.job.metadata, { [IDEMPOTENCY_KEY]: 'threat10-token' });
    const creates = server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
    assert.deepEqual(creates.map((r) => r.status), [500]);
  } finally {
    await server.close();
  }
});
