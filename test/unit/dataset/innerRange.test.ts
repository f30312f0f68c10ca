// A place inside a call's `arguments` string (TC511-TC515) is found by decoding the literal with
// JSON.parse and walking the decoded JSON toward the path (pathScan.ts), instead of decoding it
// unit by unit and building a jsonc tree of it. Both must give the same ranges: compared here
// with the way they were found before, on every arguments string of the fixtures, of generated
// lines and of odd ones, for every path in them and missing ones, with every part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { LineLocator, type Part } from '../../../core/dataset/locate.ts';
import { decodeJsonStringBody, decodeUnitByUnit } from '../../../core/dataset/stringEscapes.ts';
import { MAX_DEPTH, measureDepth } from '../../../core/dataset/depth.ts';
import type { JsonPath } from '../../../core/dataset/jsonPath.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

type Inner = { path: JsonPath; part?: Part } | { offset: number; length: number };

function nearest(tree: Node, path: JsonPath): { node: Node; exact: boolean } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? tree : findNodeAtLocation(tree, path.slice(0, n));
    if (node) return { node, exact: n === path.length };
  }
  return undefined;
}

function partRange(node: Node, part: Part = 'value') {
  if (part === 'key' && node.parent?.type === 'property' && node.parent.children?.[0]) {
    const key = node.parent.children[0];
    return { start: key.offset, end: key.offset + key.length };
  }
  if (part === 'first-char') return { start: node.offset, end: node.offset + 1 };
  return { start: node.offset, end: node.offset + node.length };
}

/** The range as it was found before: the literal decoded unit by unit, a jsonc tree of the decoded text. */
function reference(line: string, argumentsPath: JsonPath, inner: Inner) {
  const literal = findNodeAtLocation(parseTree(line)!, argumentsPath)!;
  const outer = { start: literal.offset, end: literal.offset + literal.length };
  const decoded = decodeUnitByUnit(line.slice(literal.offset + 1, literal.offset + literal.length - 1));
  let span: { start: number; end: number };
  if ('offset' in inner) {
    span = { start: inner.offset, end: inner.offset + inner.length };
  } else {
    const tree = measureDepth(decoded.value, MAX_DEPTH).offset === -1 ? parseTree(decoded.value, [], { disallowComments: true, allowTrailingComma: false }) : undefined;
    const found = tree && nearest(tree, inner.path);
    if (!found) return outer;
    span = partRange(found.node, found.exact ? inner.part : 'value');
    if (found.exact && inner.part === 'key' && span.end - span.start > 2) span = { start: span.start + 1, end: span.end - 1 };
  }
  const clamp = (i: number) => Math.max(0, Math.min(i, decoded.value.length));
  const start = literal.offset + 1 + decoded.rawOffset[clamp(span.start)];
  const end = literal.offset + 1 + decoded.rawOffset[clamp(span.end)];
  return { start, end: Math.max(end, start + 1) };
}

/** Every path in the value, plus a missing key and a missing index under each container. */
function paths(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    out.push([...prefix, value.length], [...prefix, 'x']);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
    out.push([...prefix, 'missing'], [...prefix, 0], [...prefix, 'missing', 1]);
  }
  return out;
}

/** Paths of the `arguments` strings of a parsed line's calls. */
function argumentsPaths(value: unknown): JsonPath[] {
  const messages = (value as { messages?: unknown })?.messages;
  if (!Array.isArray(messages)) return [];
  const found: JsonPath[] = [];
  messages.forEach((m, i) => {
    const calls = (m as { tool_calls?: unknown })?.tool_calls;
    if (!Array.isArray(calls)) return;
    calls.forEach((c, j) => {
      if (typeof (c as { function?: { arguments?: unknown } })?.function?.arguments === 'string') found.push(['messages', i, 'tool_calls', j, 'function', 'arguments']);
    });
  });
  return found;
}

const call = (args: string) => JSON.stringify({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }] }] });

/** Arguments strings no generator writes: escapes of every kind, invalid JSON, duplicates, deep nesting. */
const ODD_LINES = [
  ...[
    '{"a": 1, "a": {"b": 2}}',
    '{"k\\u0065y": [1, {"x": "é\\n\\t\\"q\\""}], "\\"": {"/": "\\/"}}',
    '  { "a" : [ 1 , 2 , { } , [ ] ] , "b" : -1.5e3 }  ',
    '{"a": 1} trailing',
    "{'a': 1, 'b': True}",
    '[1, 2, {"a": 3}]',
    '"just a string"',
    '{"deep": ' + '['.repeat(300) + ']'.repeat(300) + ', "b": 1}',
    '{"b": 1, "deep": ' + '['.repeat(200) + '{"c": 2}' + ']'.repeat(200) + '}',
    '{"😀": "\ud83d\ude00", "lone": "\ud800", "nul": "\u0000"}',
    '{}',
    '',
    '{"a":{"b":{"c":[null,true,false,-1.5e3,"x"]}}}',
    '{"a": [1, 2',
  ].map(call),
  // Literals written with escapes JSON.stringify never writes (6-character \u0022 quotes, \/).
  '{"messages": [{"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{\\u0022a\\u0022: [1, \\u00222\\u0022], \\u0022b\\/c\\u0022: {\\u0022d\\u0022: \\u0022\\u00e9\\u0022}}"}}]}]}',
  '\uFEFF' + call('{"after": "a byte-order mark", "n": [1]}'),
];

const PARTS: (Part | undefined)[] = [undefined, 'value', 'key', 'first-char'];

test('inner ranges are those of the unit-by-unit decoding and the jsonc tree, for every path and part', () => {
  const lines = [...fixtureLines(), ...generatedLines(300, 7), ...ODD_LINES];
  let compared = 0;
  let scanned = 0;
  for (const line of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line.replace(/^\uFEFF/, ''));
    } catch {
      continue;
    }
    const jsonStart = line.startsWith('\uFEFF') ? 1 : 0;
    for (const argumentsPath of argumentsPaths(value)) {
      const args = argumentsPath.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value) as string;
      let parsed: unknown;
      try {
        parsed = JSON.parse(args);
        scanned++;
      } catch {
        parsed = undefined;
      }
      const inners: Inner[] = [{ offset: 0, length: 1 }, { offset: Math.max(0, args.length - 1), length: 3 }];
      for (const path of parsed === undefined ? [[], ['a'], ['missing', 0]] : paths(parsed)) for (const part of PARTS) inners.push({ path, part });
      const locator = new LineLocator(line, jsonStart);
      for (const inner of inners) {
        const expected = reference(line.slice(jsonStart), argumentsPath, inner);
        const shifted = { start: expected.start + jsonStart, end: expected.end + jsonStart };
        assert.deepEqual(locator.rangeOf({ path: argumentsPath, inner }), shifted, `${JSON.stringify(inner)} in ${args.slice(0, 80)}`);
        compared++;
      }
    }
  }
  assert.ok(scanned > 500, `${scanned} arguments strings that are JSON`);
  assert.ok(compared > 20_000, `${compared} ranges compared`);
  console.log(`${compared} ranges in ${scanned} arguments strings compared`);
});

test('decodeJsonStringBody equals the unit-by-unit decoding on valid and invalid literal bodies', () => {
  const bodies = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') bodies.add(JSON.stringify(v).slice(1, -1));
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) (collect(k), collect(x));
  };
  for (const line of [...fixtureLines(), ...generatedLines(100, 3), ...ODD_LINES]) {
    try {
      collect(JSON.parse(line.replace(/^\uFEFF/, '')));
    } catch {
      bodies.add(line); // a line that is not JSON, as a body: mostly invalid
    }
  }
  for (const odd of ['', '\\', 'a\\', '\\x', '\\u12', '\\u12g4', '\\uD800', '\\ud83d\\ude00', 'a"b', 'tab\there', 'new\nline', '\\/\\b\\f\\n\\r\\t\\"\\\\', '\\u0022\\u005C', 'é😀', '\\\\u0041']) bodies.add(odd);
  let valid = 0;
  for (const body of bodies) {
    const fast = decodeJsonStringBody(body);
    const slow = decodeUnitByUnit(body);
    assert.equal(fast.value, slow.value, body.slice(0, 80));
    assert.deepEqual([...fast.rawOffset], [...slow.rawOffset], body.slice(0, 80));
    try {
      JSON.parse('"' + body + '"');
      valid++;
    } catch {
      // counted below: the invalid ones take the unit-by-unit way
    }
  }
  assert.ok(valid > 1000 && bodies.size - valid >= 10, `${valid} valid, ${bodies.size - valid} invalid bodies`);
});
