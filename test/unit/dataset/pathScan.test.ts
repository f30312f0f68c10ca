import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { scanPath } from '../../../core/dataset/pathScan.ts';
import type { JsonPath } from '../../../core/dataset/jsonPath.ts';

// The reference: jsonc-parser's whole tree and findNodeAtLocation, nearest existing ancestor.
function reference(text: string, path: JsonPath) {
  const tree = parseTree(text)!;
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? tree : findNodeAtLocation(tree, path.slice(0, n));
    if (!node) continue;
    const key = node.parent?.type === 'property' ? node.parent.children![0] : undefined;
    return { offset: node.offset, length: node.length, key: key && { offset: key.offset, length: key.length }, exact: n === path.length };
  }
  throw new Error('no root');
}

function scanned(text: string, path: JsonPath) {
  const hit = scanPath(text, path, 256);
  assert.ok(hit, `scan gave up on ${JSON.stringify(path)}`);
  return { offset: hit.span.offset, length: hit.span.length, key: hit.span.key, exact: hit.exact };
}

/** Every path in the value, plus a missing key and a missing index under each container. */
function paths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    out.push([...prefix, value.length], [...prefix, 'x'], [...prefix, value.length, 'deeper']);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
    out.push([...prefix, 'missing'], [...prefix, 0], [...prefix, 'missing', 1]);
  }
  return out;
}

test('scanPath finds what jsonc-parser finds, for every path of real lines and of odd spacing', () => {
  const fixtures = join(__dirname, '../../fixtures');
  const files = readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl'));
  const lines = files.flatMap((f) => readFileSync(join(fixtures, f), 'utf8').split('\n'));
  const valid = lines.filter((l) => {
    try {
      JSON.parse(l);
      return l.trim() !== '';
    } catch {
      return false;
    }
  });
  assert.ok(valid.length >= 20, `only ${valid.length} fixture lines`);
  let compared = 0;
  for (const line of [...valid, ' { "a" : [ 1 , { "b\\"c" : "d\\\\" } , [ ] , { } , -1.5e3 , true , null ] , "e" : "\\u0041" } ']) {
    for (const path of paths(JSON.parse(line))) {
      assert.deepEqual(scanned(line, path), reference(line, path), `${JSON.stringify(path)} in ${line.slice(0, 80)}`);
      compared++;
    }
  }
  assert.ok(compared > 1000, `${compared} paths compared`);
});

test('scanPath: exact spans, the first of duplicate keys, escaped keys, and where it gives up', () => {
  const text = '{"a": 1, "k\\u0065y": [10, "x"], "a": {"b": 2}}';
  assert.deepEqual(scanPath(text, ['a'], 256), { span: { offset: 6, length: 1, first: 49, key: { offset: 1, length: 3 } }, exact: true });
  assert.deepEqual(scanPath(text, ['key', 1], 256), { span: { offset: 26, length: 3, first: 34 }, exact: true });
  // "a" is first a number: ["a", "b"] stops there, not at the second "a".
  assert.deepEqual(scanPath(text, ['a', 'b'], 256), { span: { offset: 6, length: 1, first: 49, key: { offset: 1, length: 3 } }, exact: false });
  assert.equal(scanPath('{"a": [1, 2', ['a', 5], 256), undefined); // not JSON where the walk goes
  assert.equal(scanPath('{"a": [[[1]]]}', ['a', 0], 2), undefined); // deeper than the limit
  assert.deepEqual(scanPath('{"a": [[[1]]]}', ['a'], 1), undefined);
});
