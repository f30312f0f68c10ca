// A tools JSON seen for the first time has each declaration analysed by its text: a text analysed
// before (in another tools JSON, maybe at another index) is not analysed again. Held to the
// analysis without the memo on random tools JSONs built from the fixtures', generated and odd
// declarations, repeated at other indices, with whitespace, under both roots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ToolSetCache, type ToolSet } from '../../../core/checks/toolSet.ts';
import { arrayElementTexts } from '../../../core/dataset/arrayElements.ts';
import { mulberry32 } from '../../../core/random.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

const ODD_DECLARATIONS = [
  '{"type":"function","function":{"name":"bad name!","parameters":{"type":"object","properties":{}}}}',
  '{"type":"tool","function":{"name":"t","description":3,"extra":1,"parameters":{"type":"dict","properties":{"a":{"type":"float","required":true}}}}}',
  '{"function":{"name":"no_type","parameters":{"type":"array"}}}',
  '{"type":"function","function":{"parameters":{}}}',
  '{"type":"function"}',
  '{"type":"function","function":"x"}',
  '{"type":"function","function":{"name":"p","parameters":[1]}}',
  '{"type":"function","function":{"name":"q","parameters":{"type":"object","properties":{"s":{"type":"string","pattern":"("}},"required":["s","missing"]}}}',
  '{"type":"function","function":{"name":"r","parameters":{"type":"object","properties":{"d":{"type":"string","format":"date"}},"optional":true}}}',
  '{"type":"function","function":{"name":"str, with [brackets] and \\"quotes\\" \\\\","parameters":{"type":"object"}}}',
  '{"type":"function","function":{"name":"dup","parameters":{"type":"object","properties":{"a":{"type":"number"}}}}}',
  '{"type":"function","function":{"name":"dup","parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}',
  '[1,2]', '"text"', 'null', '7',
];

/** Every tools element text of the fixtures and of generated lines, and the odd ones. */
function declarationTexts(): string[] {
  const texts = new Set(ODD_DECLARATIONS);
  for (const line of [...fixtureLines(), ...generatedLines(300, 7)]) {
    let value: unknown;
    try {
      value = JSON.parse(line.replace(/^\uFEFF/, ''));
    } catch {
      continue;
    }
    const tools = (value as { tools?: unknown } | null)?.tools;
    if (Array.isArray(tools)) for (const tool of tools) texts.add(JSON.stringify(tool));
  }
  return [...texts];
}

/** What a tool set says, with its declarations' compiled schemas by their problems. */
function described(set: ToolSet) {
  return {
    byName: [...set.byName.values()].map((d) => ({ name: d.name, index: d.index, fn: d.fn, key: d.key, namePath: d.namePath, problems: d.compiled?.problems, validates: d.compiled?.validate != null })),
    findings: set.findings,
  };
}

test('tools JSONs analysed with the declaration memo equal the analysis without it', () => {
  const random = mulberry32(42);
  const pool = declarationTexts();
  const space = () => [' ', '', '\n  ', '\t'][Math.floor(random() * 4)];
  const withMemo = new ToolSetCache();
  let hits = 0;
  let moved = 0;
  const firstIndex = new Map<string, number>();
  for (let i = 0; i < 1500; i++) {
    const root = random() < 0.8 ? 'tools' : 'functions';
    const elements = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
      const text = pool[Math.floor(random() * Math.min(pool.length, 40 + i))];
      // Legacy `functions` hold the function objects themselves.
      return root === 'functions' && text.includes('"function":{') ? JSON.stringify((JSON.parse(text) as { function: unknown }).function) : text;
    });
    const source = `[${space()}${elements.join(`${space()},${space()}`)}${space()}]`;
    elements.forEach((text, index) => {
      const key = `${root} ${text}`;
      const first = firstIndex.get(key);
      if (first === undefined) firstIndex.set(key, index);
      else {
        hits++;
        if (first !== index) moved++;
      }
    });
    const analysed = withMemo.analyzeMember(JSON.parse(source), root, source)!.set;
    const fresh = new ToolSetCache().analyze(JSON.parse(source), root);
    assert.deepEqual(described(analysed), described(fresh), source);
  }
  assert.ok(hits > 3000 && moved > 1500, `${hits} repeated declarations, ${moved} at another index`);
});

test('arrayElementTexts gives each element\'s text; undefined for what is not a non-empty array', () => {
  const random = mulberry32(7);
  const atoms = ['1', '-2.5e3', 'true', 'null', '"a,b"', '"[{"', '"\\"],"', '"\\\\"', '"\\\\\\","', '{}', '[]', '{"k,":[1,{"x":"}"}]}', '[[],[{}]]', '"é, 😀"'];
  for (let i = 0; i < 3000; i++) {
    const parts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => atoms[Math.floor(random() * atoms.length)]);
    const pad = () => [' ', '', '\n', '\r\n\t '][Math.floor(random() * 4)];
    const text = `${pad()}[${pad()}${parts.join(`${pad()},${pad()}`)}${pad()}]${pad()}`;
    const elements = arrayElementTexts(text)!;
    assert.deepEqual(elements, parts, text);
    assert.deepEqual(elements.map((e) => JSON.parse(e)), JSON.parse(text));
  }
  for (const text of ['[]', ' [ ] ', '{"a":[1]}', '"[1]"', '1', '']) assert.equal(arrayElementTexts(text), undefined, text);
});
