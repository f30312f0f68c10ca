import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, NOW, start, tempFile } from './fixtures.ts';

describe('Files API', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  before(async () => {
    server = await start();
    openai = client(server);
  });
  after(() => server.close());

  test('files.create from a read stream stores the exact bytes as a processed file', async () => {
    const text = dataset(10);
    const path = tempFile('train.jsonl', text);
    const file = await openai.files.create({ file: createReadStream(path), purpose: 'fine-tune' });
    assert.deepEqual(file as unknown, {
      id: 'file-000000000000000000000001',
      object: 'file',
      bytes: Buffer.byteLength(text),
      created_at: NOW,
      filename: 'train.jsonl',
      purpose: 'fine-tune',
      status: 'processed',
      expires_at: null,
      status_details: null,
    });
    assert.deepEqual(server.state.files.get(file.id)!.content, Buffer.from(text));

    assert.deepEqual(await openai.files.retrieve(file.id), file);
    const content = await openai.files.content(file.id);
    assert.equal(await content.text(), text);
  });

  test('list is newest first, filters by purpose, and pages with after/limit', async () => {
    const a = await openai.files.create({ file: await toFile(Buffer.from('{}\n'), 'a.jsonl'), purpose: 'fine-tune' });
    const b = await openai.files.create({ file: await toFile(Buffer.from('x'), 'b.txt'), purpose: 'assistants' });
    const all = await openai.files.list();
    assert.deepEqual(all.data.map((f) => f.id), [b.id, a.id, 'file-000000000000000000000001']);
    const tuned = await openai.files.list({ purpose: 'fine-tune' });
    assert.deepEqual(tuned.data.map((f) => f.id), [a.id, 'file-000000000000000000000001']);
    const page = await openai.files.list({ limit: 1, after: b.id });
    assert.deepEqual(page.data.map((f) => f.id), [a.id]);
    assert.equal(page.has_more, true);
    const ids: string[] = [];
    for await (const f of openai.files.list({ limit: 2, order: 'asc' })) ids.push(f.id);
    assert.deepEqual(ids, ['file-000000000000000000000001', a.id, b.id]);
  });

  test('delete removes the file; a second retrieve is a 404 naming the id', async () => {
    const f = await openai.files.create({ file: await toFile(Buffer.from('{}\n'), 'gone.jsonl'), purpose: 'fine-tune' });
    assert.deepEqual(await openai.files.delete(f.id), { id: f.id, object: 'file', deleted: true });
    const error = await openai.files.retrieve(f.id).then(
      () => assert.fail('expected 404'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof OpenAI.NotFoundError);
    assert.equal(error.status, 404);
    assert.equal(error.message, `404 No such File object: ${f.id}`);
    assert.equal(error.param, 'id');
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.requestID ?? '', /^req_[0-9a-f]{32}$/);
  });

  test('fine-tune files must be .jsonl, as with the real API', async () => {
    const error = await openai.files.create({ file: await toFile(Buffer.from('a,b\n'), 'data.csv'), purpose: 'fine-tune' }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.message, '400 Invalid file format for Fine-Tuning API. Must be .jsonl');
    assert.equal(error.code, 'invalid_file_format');
  });

  test('a missing purpose is a 400 naming the parameter', async () => {
    const form = new FormData();
    form.append('file', new Blob(['{}\n']), 'x.jsonl');
    const response = await fetch(`${server.url}/files`, { method: 'POST', headers: { authorization: 'Bearer sk-test-x' }, body: form });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      error: { message: "Missing required parameter: 'purpose'.", type: 'invalid_request_error', param: 'purpose', code: 'missing_required_parameter' },
    });
  });
});
