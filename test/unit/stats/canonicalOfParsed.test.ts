// canonicalJsonOfParsed (recursive, for JSON.parse values) must write exactly canonicalJson's text:
// exact-duplicate keys and declaration keys are hashes of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { canonicalJson, canonicalJsonOfParsed } from '../../../core/schema/canonical.ts';

function* jsonlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* jsonlFiles(file);
    else if (name.endsWith('.jsonl')) yield file;
  }
}

test('canonicalJsonOfParsed equals canonicalJson on every parseable line of the fixtures', () => {
  let lines = 0;
  for (const file of jsonlFiles(path.join(__dirname, '../../fixtures'))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      assert.equal(canonicalJsonOfParsed(value), canonicalJson(value), `${file}: ${line.slice(0, 80)}`);
      lines++;
    }
  }
  assert.ok(lines >= 250, `${lines} lines compared`);
});

test('canonicalJsonOfParsed equals canonicalJson on odd keys, numbers, nesting past the recursion depth and known containers', () => {
  const values: unknown[] = [
    JSON.parse('{"b":1,"a":[1.50,-0,1e21,1e-7,null,true,false,"x"],"":{"z":{},"y":[]},"é":"\\u2028","__proto__":{"k":"v"},"10":1,"9":2}'),
    JSON.parse('[' + '{"k":['.repeat(150) + '"deep"' + ']}'.repeat(150) + ']'),
    JSON.parse('"just a string"'),
    JSON.parse('3.25'),
    JSON.parse('null'),
    { a: undefined, b: [undefined, () => 1], c: 1n },
  ];
  for (const value of values) assert.equal(canonicalJsonOfParsed(value), canonicalJson(value));
  const tools = [{ type: 'function', function: { name: 'f' } }];
  const example = { tools, messages: [{ role: 'user', content: 'hi' }] };
  const known = new Map<object, string>([[tools, '#key']]);
  assert.equal(canonicalJsonOfParsed(example, known), '{"messages":[{"content":"hi","role":"user"}],"tools":#key}');
  assert.equal(canonicalJsonOfParsed(example, known), canonicalJson(example, known));
});
