// OpenAPI import from the specs in test/fixtures/openapi (Swagger 2.0, OpenAPI 3.0 YAML, 3.1, a cycle).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkToolsFile } from '../../../core/tools/toolsFileCheck.ts';
import { importedFileText } from '../../../core/tools/import/declarations.ts';
import { importOpenApi, OpenApiImportError } from '../../../core/tools/import/openapi.ts';

const spec = (name: string) => path.join(__dirname, '../../fixtures/openapi', name);
const fn = (name: string, description: string | undefined, parameters: unknown) => ({ type: 'function', function: description ? { name, description, parameters } : { name, parameters } });
const problems = (text: string) => checkToolsFile(text).filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`);

test('Swagger 2.0: query parameters, a $ref body merged, formData, definitions resolved', async () => {
  const result = await importOpenApi(spec('petstore.swagger2.json'));
  assert.deepEqual(result.tools, [
    fn('listPets', 'List pets', { type: 'object', properties: { limit: { type: 'integer', maximum: 100, description: 'How many to return' }, status: { type: 'array', items: { type: 'string', enum: ['available', 'sold'] } } } }),
    fn('createPet', 'Add a pet', { type: 'object', properties: { name: { type: 'string' }, tag: { type: 'string', enum: ['dog', 'cat'], description: 'Kind of pet' } }, required: ['name'] }),
    fn('uploadPhoto', undefined, { type: 'object', properties: { petId: { type: 'string' }, caption: { type: 'string' }, file: { type: 'string' } }, required: ['petId', 'file'] }),
  ]);
  assert.deepEqual(result.notCarried, [{ tool: 'createPet', message: 'POST /pets request body: "example"' }]);
  assert.deepEqual(problems(importedFileText(result)), []);
});

test('OpenAPI 3.0 (YAML): path-level $ref parameters, headers, nullable, a clashing body, a non-JSON body', async () => {
  const result = await importOpenApi(spec('shop.openapi30.yaml'));
  const orderId = { type: 'string', pattern: '^[0-9]+$', description: 'The order number' };
  assert.deepEqual(result.tools, [
    fn('getOrder', 'Get an order\n\nReturns one order with its lines.', { type: 'object', properties: { orderId, 'X-Request-Id': { type: 'string', format: 'uuid' } }, required: ['orderId'] }),
    fn('updateOrder', undefined, { type: 'object', properties: { orderId, status: { type: 'string', enum: ['open', 'shipped'] }, note: { type: ['string', 'null'] } }, required: ['orderId', 'status'] }),
    fn('addNote', undefined, { type: 'object', properties: { orderId, body: { type: 'object', required: ['orderId', 'text'], properties: { orderId: { type: 'string' }, text: { type: 'string' } } } }, required: ['orderId', 'body'] }),
    fn('uploadCsv', undefined, { type: 'object', properties: {} }),
  ]);
  assert.deepEqual(result.notCarried, [
    { tool: 'getOrder', message: 'cookie parameter "session"' },
    { tool: 'updateOrder', message: 'PUT /orders/{orderId} request body: "example", "x-internal"' },
    { tool: 'addNote', message: 'request body kept whole under "body" (its "orderId" clash with parameters)' },
    { tool: 'uploadCsv', message: 'request body of type text/csv (only JSON bodies are imported)' },
  ]);
  assert.deepEqual(problems(importedFileText(result)), []);
});

test('OpenAPI 3.1: type arrays and const kept, examples dropped, nested $ref resolved', async () => {
  const result = await importOpenApi(spec('library.openapi31.json'));
  assert.deepEqual(result.tools, [
    fn('searchBooks', 'Search the catalogue', { type: 'object', properties: { q: { type: 'string', description: 'Words to find' }, year: { type: ['integer', 'null'] } }, required: ['q'] }),
    fn('addBook', undefined, { type: 'object', properties: { title: { type: 'string' }, format: { const: 'paperback' }, authors: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } }, required: ['title', 'format'] }),
  ]);
  assert.deepEqual(result.notCarried, [{ tool: 'searchBooks', message: 'GET /books parameter year: "examples"' }]);
});

test('a cyclic schema refuses its operation with the path of the cycle; the others import', async () => {
  const result = await importOpenApi(spec('tree.openapi30.json'));
  assert.deepEqual(result.tools.map((t) => t.function.name), ['listNodes']);
  assert.deepEqual(result.refused, [{
    tool: 'createNode',
    reason: 'its schema is cyclic: POST /nodes request body at properties.children.items: #/components/schemas/Node -> #/components/schemas/Node; a cyclic schema cannot be declared to OpenAI.',
  }]);
});

test('--tag and --operation select operations; an unknown operationId is an error listing the real ones', async () => {
  assert.deepEqual((await importOpenApi(spec('shop.openapi30.yaml'), { tags: ['orders'] })).tools.map((t) => t.function.name), ['getOrder', 'updateOrder']);
  assert.deepEqual((await importOpenApi(spec('petstore.swagger2.json'), { operations: ['uploadPhoto'] })).tools.map((t) => t.function.name), ['uploadPhoto']);
  await assert.rejects(importOpenApi(spec('petstore.swagger2.json'), { operations: ['deletePet'] }), {
    message: 'No operation "deletePet" in the spec; it has listPets, createPet, uploadPhoto.',
  });
});

test('a file that is not a spec is refused, naming the file', async () => {
  const readme = path.join(__dirname, '../../fixtures/openapi/README.md');
  await assert.rejects(importOpenApi(readme), (error: Error) => error instanceof OpenApiImportError && error.message.startsWith(`Cannot use the OpenAPI spec ${readme}: `));
});

test('a missing spec and a path that is not a regular file are refused without reading', async () => {
  await assert.rejects(importOpenApi('/nonexistent/api.yaml'), { message: 'Cannot read the OpenAPI spec /nonexistent/api.yaml (ENOENT).' });
  await assert.rejects(importOpenApi(tmpdir()), { message: `The OpenAPI spec ${tmpdir()} is not a regular file.` });
});

test('a remote $ref is refused and never fetched', async () => {
  let requests = 0;
  const listener = createServer((_, res) => {
    requests++;
    res.end('{"type": "object"}');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/s.json`;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'toolcall-openapi-')), 'remote.json');
  writeFileSync(file, JSON.stringify({ openapi: '3.0.3', info: { title: 'R', version: '1' }, paths: { '/x': { post: { operationId: 'x', requestBody: { content: { 'application/json': { schema: { $ref: url } } } }, responses: { 200: { description: 'ok' } } } } } }));
  try {
    await assert.rejects(importOpenApi(file), { message: `Cannot use the OpenAPI spec ${file}: Unable to resolve $ref pointer "${url}"` });
    assert.equal(requests, 0);
  } finally {
    listener.close();
  }
});
