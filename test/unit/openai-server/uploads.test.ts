import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, NOW, start } from './fixtures.ts';

describe('Uploads API', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  before(async () => {
    server = await start();
    openai = client(server);
  });
  after(() => server.close());

  const text = dataset(12);
  const bytes = Buffer.from(text);
  const half = Math.floor(bytes.length / 2);

  test('parts sent out of order are assembled in part_ids order into a File; md5 checked', async () => {
    const upload = await openai.uploads.create({ filename: 'big.jsonl', purpose: 'fine-tune', bytes: bytes.length, mime_type: 'text/jsonl' });
    assert.deepEqual(upload, {
      id: 'upload_000000000000000000000001',
      object: 'upload',
      bytes: bytes.length,
      created_at: NOW,
      expires_at: NOW + 3600,
      filename: 'big.jsonl',
      purpose: 'fine-tune',
      status: 'pending',
      file: null,
    });
    // Second half first: the order that counts is the one given to complete.
    const p2 = await openai.uploads.parts.create(upload.id, { data: await toFile(bytes.subarray(half), 'p2') });
    const p1 = await openai.uploads.parts.create(upload.id, { data: await toFile(bytes.subarray(0, half), 'p1') });
    assert.deepEqual(p2, { id: 'part_000000000000000000000001', object: 'upload.part', created_at: NOW, upload_id: upload.id });

    const md5 = createHash('md5').update(bytes).digest('hex');
    const done = await openai.uploads.complete(upload.id, { part_ids: [p1.id, p2.id], md5 });
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.file as unknown, {
      id: 'file-000000000000000000000001',
      object: 'file',
      bytes: bytes.length,
      created_at: NOW,
      filename: 'big.jsonl',
      purpose: 'fine-tune',
      status: 'processed',
      expires_at: null,
      status_details: null,
    });
    assert.equal(await (await openai.files.content(done.file!.id)).text(), text);
  });

  test('complete refuses when the parts do not add up to the declared bytes', async () => {
    const upload = await openai.uploads.create({ filename: 'short.jsonl', purpose: 'fine-tune', bytes: bytes.length, mime_type: 'text/jsonl' });
    const p1 = await openai.uploads.parts.create(upload.id, { data: await toFile(bytes.subarray(0, half), 'p1') });
    const error = await openai.uploads.complete(upload.id, { part_ids: [p1.id] }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(
      error.message,
      `400 The number of bytes uploaded (${half}) does not match the number of bytes specified when creating the Upload (${bytes.length}).`,
    );
    assert.equal(error.code, 'upload_size_mismatch');
    assert.equal(server.state.uploads.get(upload.id)!.object.status, 'pending');
  });

  test('a wrong md5 is refused and no File is created', async () => {
    const filesBefore = server.state.files.size;
    const upload = await openai.uploads.create({ filename: 'x.jsonl', purpose: 'fine-tune', bytes: 3, mime_type: 'text/jsonl' });
    const p = await openai.uploads.parts.create(upload.id, { data: await toFile(Buffer.from('{}\n'), 'p') });
    const error = await openai.uploads.complete(upload.id, { part_ids: [p.id], md5: '0'.repeat(32) }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.code, 'checksum_mismatch');
    assert.equal(server.state.files.size, filesBefore);
  });

  test('cancel stops an upload; later parts are refused', async () => {
    const upload = await openai.uploads.create({ filename: 'c.jsonl', purpose: 'fine-tune', bytes: 10, mime_type: 'text/jsonl' });
    const cancelled = await openai.uploads.cancel(upload.id);
    assert.equal(cancelled.status, 'cancelled');
    const error = await openai.uploads.parts.create(upload.id, { data: await toFile(Buffer.from('x'), 'p') }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.message, `400 Upload ${upload.id} is cancelled; only a pending Upload accepts this request.`);
  });

  test('a fine-tune upload with a non-JSONL mime type is refused', async () => {
    const error = await openai.uploads
      .create({ filename: 'd.jsonl', purpose: 'fine-tune', bytes: 10, mime_type: 'text/csv' })
      .catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.param, 'mime_type');
  });

  test('a part whose connection drops fails, and retrying it succeeds with one stored part', async () => {
    const upload = await openai.uploads.create({ filename: 'r.jsonl', purpose: 'fine-tune', bytes: bytes.length, mime_type: 'text/jsonl' });
    const partsPath = `/v1/uploads/${upload.id}/parts`;
    const fault = server.faults.add({ method: 'POST', path: partsPath, kind: 'drop', times: 1 });

    const error = await openai.uploads.parts.create(upload.id, { data: await toFile(bytes.subarray(0, half), 'p1') }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.APIConnectionError, `expected a connection error, got ${String(error)}`);
    assert.equal(fault.hits, 1);
    assert.equal(server.state.uploads.get(upload.id)!.parts.size, 0);

    const p1 = await openai.uploads.parts.create(upload.id, { data: await toFile(bytes.subarray(0, half), 'p1') });
    const p2 = await openai.uploads.parts.create(upload.id, { data: await toFile(bytes.subarray(half), 'p2') });
    const done = await openai.uploads.complete(upload.id, { part_ids: [p1.id, p2.id] });
    assert.equal(done.status, 'completed');
    assert.equal(await (await openai.files.content(done.file!.id)).text(), text);

    const partRequests = server.state.requests.filter((r) => r.path === partsPath);
    assert.deepEqual(
      partRequests.map((r) => [r.fault ?? null, r.status ?? null]),
      [['drop', null], [null, 200], [null, 200]],
    );
  });

  test('with SDK retries on, a dropped part is retried by the SDK and stored once', async () => {
    const retrying = client(server, { maxRetries: 2 });
    const upload = await retrying.uploads.create({ filename: 's.jsonl', purpose: 'fine-tune', bytes: bytes.length, mime_type: 'text/jsonl' });
    server.faults.add({ method: 'POST', path: /\/parts$/, kind: 'drop' });
    const part = await retrying.uploads.parts.create(upload.id, { data: await toFile(bytes, 'all') });
    const stored = server.state.uploads.get(upload.id)!;
    assert.deepEqual([...stored.parts.keys()], [part.id]);
    const attempts = server.state.requests.filter((r) => r.path === `/v1/uploads/${upload.id}/parts`);
    assert.deepEqual(attempts.map((r) => r.headers['x-stainless-retry-count']), ['0', '1']);
    assert.equal((await retrying.uploads.complete(upload.id, { part_ids: [part.id] })).status, 'completed');
  });

  test('an upload expires an hour after creation and then takes no parts', async () => {
    let now = 1_700_000_000_000;
    const timed = await start({ now: () => now });
    try {
      const api = client(timed);
      const upload = await api.uploads.create({ filename: 'e.jsonl', purpose: 'fine-tune', bytes: 3, mime_type: 'text/jsonl' });
      now += 3600 * 1000;
      const error = await api.uploads.parts.create(upload.id, { data: await toFile(Buffer.from('{}\n'), 'p') }).catch((e: unknown) => e);
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.message, `400 Upload ${upload.id} is expired; only a pending Upload accepts this request.`);
      assert.equal(timed.state.uploads.get(upload.id)!.object.status, 'expired');
    } finally {
      await timed.close();
    }
  });
});
