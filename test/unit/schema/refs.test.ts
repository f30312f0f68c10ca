// Threat 4: a `$ref` outside the schema is a problem and nothing is ever fetched or read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import diagnosticsChannel from 'node:diagnostics_channel';
import { SchemaCache } from '../../../core/schema/index.ts';
import { AjvPool } from '../../../core/schema/ajvPool.ts';

/** Runs `work` while recording every socket, fetch and file read attempted. */
function recordIo(work: () => void): string[] {
  const attempts: string[] = [];
  const onSocket = () => attempts.push('socket');
  diagnosticsChannel.subscribe('net.client.socket', onSocket);
  const originals = { fetch: globalThis.fetch, readFileSync: fs.readFileSync, openSync: fs.openSync, readFile: fs.readFile };
  globalThis.fetch = (() => { attempts.push('fetch'); throw new Error('no fetch'); }) as typeof fetch;
  fs.readFileSync = ((...args: unknown[]) => { attempts.push(`readFileSync ${args[0]}`); throw new Error('no fs'); }) as typeof fs.readFileSync;
  fs.openSync = ((...args: unknown[]) => { attempts.push(`openSync ${args[0]}`); throw new Error('no fs'); }) as typeof fs.openSync;
  fs.readFile = ((...args: unknown[]) => { attempts.push(`readFile ${args[0]}`); }) as unknown as typeof fs.readFile;
  try {
    work();
  } finally {
    Object.assign(globalThis, { fetch: originals.fetch });
    Object.assign(fs, { readFileSync: originals.readFileSync, openSync: originals.openSync, readFile: originals.readFile });
    diagnosticsChannel.unsubscribe('net.client.socket', onSocket);
  }
  return attempts;
}

test('a remote $ref is a fatal external-ref problem and no connection is attempted', () => {
  let compiled: ReturnType<SchemaCache['compile']> | undefined;
  const attempts = recordIo(() => {
    compiled = new SchemaCache().compile({ $ref: 'https://example.invalid/s.json' });
  });
  assert.deepEqual(attempts, []);
  assert.deepEqual(compiled!.problems, [{
    code: 'external-ref',
    message: '"$ref" "https://example.invalid/s.json" points outside this schema, and schemas are never fetched; copy the definition into "$defs" and refer to it as "#/$defs/<name>".',
    path: ['$ref'],
    fatal: true,
  }]);
  assert.equal(compiled!.validate, null);
});

test('a relative file $ref deep in the schema is reported at its path, and no file is read', () => {
  let compiled: ReturnType<SchemaCache['compile']> | undefined;
  const attempts = recordIo(() => {
    compiled = new SchemaCache().compile({ type: 'object', properties: { address: { $ref: './address.json#/definitions/a' } } });
  });
  assert.deepEqual(attempts, []);
  assert.deepEqual(compiled!.problems.map((p) => [p.code, p.path, p.fatal]), [['external-ref', ['properties', 'address', '$ref'], true]]);
});

test('ajv is never given a loadSchema function', () => {
  const slot = new AjvPool().take('draft-07');
  assert.equal(slot.ajv.opts.loadSchema, undefined);
});

test('local refs into definitions and $defs work, including recursion', () => {
  const cache = new SchemaCache();
  const definitions = cache.compile({
    type: 'object',
    properties: { unit: { $ref: '#/definitions/unit' } },
    definitions: { unit: { type: 'string', enum: ['c', 'f'] } },
  });
  assert.deepEqual(definitions.problems, []);
  assert.deepEqual(definitions.validate!({ unit: 'c' }), []);
  assert.deepEqual(definitions.validate!({ unit: 'k' }).map((e) => [e.keyword, e.instancePath]), [['enum', ['unit']]]);

  const defs = cache.compile({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $ref: '#/$defs/node',
    $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
  });
  assert.deepEqual(defs.problems, []);
  assert.deepEqual(defs.validate!({ children: [{ children: [] }] }), []);
  assert.deepEqual(defs.validate!({ children: [{ children: [5] }] }).map((e) => [e.keyword, e.instancePath]), [['type', ['children', 0, 'children', 0]]]);
});

test('a local $ref to nothing is a fatal invalid-schema problem at the $ref', () => {
  const compiled = new SchemaCache().compile({ type: 'object', properties: { a: { $ref: '#/definitions/missing' } } });
  assert.deepEqual(compiled.problems, [{
    code: 'invalid-schema',
    message: '"$ref" "#/definitions/missing" points to nothing in this schema; define the target under "$defs" or "definitions".',
    path: ['properties', 'a', '$ref'],
    fatal: true,
  }]);
});

test('an untrusted $id cannot collide with other schemas or the meta-schema', () => {
  const cache = new SchemaCache();
  const metaId = cache.compile({ $id: 'http://json-schema.org/draft-07/schema', type: 'string' });
  assert.deepEqual(metaId.problems, []);
  const sameId1 = cache.compile({ $id: 'https://x.test/s.json', type: 'string' });
  const sameId2 = cache.compile({ $id: 'https://x.test/s.json', type: 'number' });
  assert.deepEqual([sameId1.problems, sameId2.problems], [[], []]);
  assert.deepEqual(sameId2.validate!('a').map((e) => e.keyword), ['type']);
  // The meta-schema still works for the next schema.
  assert.deepEqual(cache.compile({ type: 5 }).problems.map((p) => p.code), ['invalid-schema']);
});
