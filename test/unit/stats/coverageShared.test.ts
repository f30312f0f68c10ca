// CoverageCollector works out what a shared declarations array adds on the first line that
// carries it and repeats that on the others: the coverage must equal that of the same lines read
// without sharing (readExample), drift, names declared twice and lines with both arrays included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../../core/stats/category.ts';
import { CoverageCollector } from '../../../core/stats/coverage.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';
import { SharedDeclarationsReader } from '../../../core/stats/sharedDeclarations.ts';

const fn = (name: string, description: string) => ({ type: 'function', function: { name, description, parameters: { type: 'object', properties: { q: { type: 'string' } } } } });

test('coverage from shared declarations arrays equals coverage from lines read one by one', () => {
  const arrays = [
    [fn('search', 'Search.'), fn('weather', 'Weather.')],
    [fn('search', 'Search the web.'), fn('search', 'Search again.')], // drift, and a name twice in one line
    [fn('weather', 'Weather.')],
    [],
  ];
  let state = 17;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const call = { role: 'assistant', tool_calls: [{ id: `c${i}`, type: 'function', function: { name: (next() >>> 16) % 2 ? 'search' : 'weather', arguments: '{}' } }] };
    const value: Record<string, unknown> = { messages: [{ role: 'user', content: `q${i}` }, call] };
    if (i % 17 === 0) value.functions = [{ name: 'legacy', parameters: {} }, { name: 'search', description: 'Old search.' }];
    value.tools = arrays[(next() >>> 16) % arrays.length];
    lines.push(JSON.stringify(value));
  }
  const collect = (examples: Example[]) => {
    const coverage = new CoverageCollector();
    for (const example of examples) coverage.add(example, classify(example));
    return coverage.result();
  };
  const reader = new SharedDeclarationsReader();
  const shared = lines.map((text, index) => reader.read({ index, text }) as Example);
  const plain = lines.map((text, index) => readExample({ index, text }) as Example);
  assert.ok(reader.reused > 350, `${reader.reused} lines reused an array`);
  const expected = collect(plain);
  assert.deepEqual(collect(shared), expected);
  assert.deepEqual(Object.keys(expected.declarationDrift), ['search']);
  assert.deepEqual(expected.declarationDrift.search.map((v) => v.lines.length), [104, 118, 10]);
  assert.equal(expected.tools.legacy.declaredIn, 24);
});
