// canonicalKey: equal JSON values give equal keys whatever the key order; no recursion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalKey } from '../../../core/schema/index.ts';
import { canonicalJson } from '../../../core/schema/canonical.ts';

test('canonical JSON sorts object keys and keeps array order', () => {
  assert.equal(canonicalJson({ b: 1, a: [3, { d: null, c: 'x"y' }], e: true }), '{"a":[3,{"c":"x\\"y","d":null}],"b":1,"e":true}');
  assert.equal(canonicalJson('text'), '"text"');
  assert.equal(canonicalJson([]), '[]');
  assert.equal(canonicalJson({}), '{}');
  assert.equal(canonicalJson(-0), '0');
});

test('canonicalKey is the sha1 hex of the canonical JSON', () => {
  assert.equal(canonicalKey({ b: 1, a: 2 }), createHash('sha1').update('{"a":2,"b":1}').digest('hex'));
  assert.equal(canonicalKey({ b: 1, a: 2 }), canonicalKey({ a: 2, b: 1 }));
  assert.notEqual(canonicalKey([1, 2]), canonicalKey([2, 1]));
  assert.notEqual(canonicalKey('1'), canonicalKey(1));
});

test('values JSON cannot hold and cycles do not throw', () => {
  assert.equal(canonicalJson({ a: undefined, f: () => 1 }), '{"a":null,"f":null}');
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.equal(canonicalJson(cyclic), '{"a":1,"self":"[Circular]"}');
  const shared = { x: 1 };
  assert.equal(canonicalJson([shared, shared]), '[{"x":1},{"x":1}]');
});
