import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { join } from 'node:path';
import { uploadFile } from '../../../core/jobs/upload.ts';
import type { OpenAI } from '../../../core/openai/client.ts';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, start, workspace } from './fixtures.ts';

describe('uploadFile', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  const text = dataset(12);
  const size = Buffer.byteLength(text);
  let file: string;
  before(async () => {
    server = await start();
    openai = client(server);
    file = join(workspace({ 'train.jsonl': text }), 'train.jsonl');
  });
  beforeEach(() => {
    server.state.reset();
    server.faults.clear();
  });
  after(() => server.close());

  const posts = () => server.state.requests.filter((r) => r.method === 'POST').map((r) => `${r.path.replace(/_0+\d+/g, '_N')} ${r.status ?? 'dropped'}`);

  test('a file under the direct limit goes through files.create, streamed, with progress up to its size', async () => {
    const progress: number[] = [];
    const result = await uploadFile(openai, { file, onProgress: (sent, total) => (assert.equal(total, size), progress.push(sent)) });
    assert.equal(result.method, 'files');
    assert.equal(result.bytes, size);
    assert.equal(result.file.filename, 'train.jsonl');
    assert.equal(result.file.purpose, 'fine-tune');
    assert.equal(server.state.files.get(result.file.id)!.content.toString(), text);
    assert.equal(progress.at(-1), size);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
    assert.deepEqual(posts(), ['/v1/files 200']);
  });

  test('above the direct limit the Uploads API is used, in parts of the given size, md5 checked', async () => {
    const progress: number[] = [];
    const result = await uploadFile(openai, { file, directLimit: 100, partSize: 1000, onProgress: (sent) => progress.push(sent) });
    const parts = Math.ceil(size / 1000);
    assert.equal(result.method, 'uploads');
    assert.equal(result.parts, parts);
    assert.equal(server.state.files.get(result.file.id)!.content.toString(), text);
    const upload = server.state.uploads.get(result.uploadId!)!;
    assert.equal(upload.object.status, 'completed');
    assert.deepEqual([...upload.parts.values()].map((p) => p.data.length), [...Array(parts - 1).fill(1000), size - 1000 * (parts - 1)]);
    const complete = server.state.requests.find((r) => r.path.endsWith('/complete'))!;
    assert.match((complete.json as { md5: string }).md5, /^[0-9a-f]{32}$/);
    assert.deepEqual(posts(), ['/v1/uploads 200', ...Array(parts).fill(`/v1/uploads/upload_N/parts 200`), '/v1/uploads/upload_N/complete 200']);
    assert.equal(progress.at(-1), size);
  });

  test('a part whose connection drops is sent again and the upload succeeds', async () => {
    server.faults.add({ method: 'POST', path: /\/parts$/, kind: 'drop', times: 1 });
    const retries: number[] = [];
    const result = await uploadFile(openai, { file, directLimit: 100, partSize: 2500, retryDelayMs: 0, onRetry: (_e, attempt) => retries.push(attempt) });
    assert.deepEqual(retries, [1]);
    assert.equal(server.state.files.get(result.file.id)!.content.toString(), text);
    assert.deepEqual(posts(), [
      '/v1/uploads 200',
      '/v1/uploads/upload_N/parts dropped',
      '/v1/uploads/upload_N/parts 200',
      '/v1/uploads/upload_N/parts 200',
      '/v1/uploads/upload_N/parts 200',
      '/v1/uploads/upload_N/complete 200',
    ]);
  });

  test('a direct upload whose connection drops is sent again from a fresh stream', async () => {
    server.faults.add({ method: 'POST', path: '/v1/files', kind: 'drop', times: 1 });
    const result = await uploadFile(openai, { file, retryDelayMs: 0 });
    assert.equal(server.state.files.get(result.file.id)!.content.toString(), text);
    assert.deepEqual(posts(), ['/v1/files dropped', '/v1/files 200']);
  });

  test('a part that keeps failing: bounded retries, then the Upload is cancelled and the error thrown', async () => {
    server.faults.add({ method: 'POST', path: /\/parts$/, kind: 'status', status: 503, times: Infinity });
    const error = await uploadFile(openai, { file, directLimit: 100, partSize: 2500, retries: 2, retryDelayMs: 0 }).catch((e: unknown) => e);
    assert.equal((error as { status?: number }).status, 503);
    const [upload] = [...server.state.uploads.values()];
    assert.equal(upload!.object.status, 'cancelled');
    assert.equal(server.state.files.size, 0);
    assert.deepEqual(posts(), ['/v1/uploads 200', ...Array(3).fill('/v1/uploads/upload_N/parts 503'), '/v1/uploads/upload_N/cancel 200']);
  });

  test('a refusal (400) is not retried', async () => {
    const error = await uploadFile(openai, { file, filename: 'train.txt', retryDelayMs: 0 }).catch((e: unknown) => e);
    assert.equal((error as { status?: number }).status, 400);
    assert.deepEqual(posts(), ['/v1/files 400']);
  });

  test('cancelling mid-upload stops sending parts and cancels the Upload', async () => {
    const controller = new AbortController();
    const error = await uploadFile(openai, {
      file,
      directLimit: 100,
      partSize: 1000,
      signal: controller.signal,
      onProgress: (sent) => {
        if (sent >= 2000) controller.abort();
      },
    }).catch((e: unknown) => e);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'AbortError');
    const [upload] = [...server.state.uploads.values()];
    assert.equal(upload!.object.status, 'cancelled');
    assert.equal(server.state.files.size, 0);
    assert.ok(upload!.parts.size <= 2, `parts stored: ${upload!.parts.size}`);
  });

  test('an empty file is refused before any request', async () => {
    const empty = join(workspace({ 'empty.jsonl': '' }), 'empty.jsonl');
    await assert.rejects(uploadFile(openai, { file: empty }), { message: 'empty.jsonl is empty; there is nothing to upload.' });
    assert.equal(server.state.requests.length, 0);
  });
});
