// parseExampleLine (core/eval/exampleLine.ts) against JSON.parse of the whole line: the same value
// with the same key order, or the same error, on every fixture line, the bench generator's
// lines (compact and with Python's separators) and lines built to break the split of the last
// "tools" member; and the tools memo's work counted exactly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExampleLine, ToolsMemo } from '../../../core/eval/exampleLine.ts';
import { parseObjectLine } from '../../../core/eval/jsonObjectLine.ts';
import { lineCases } from '../../../core/eval/cases.ts';
import { mulberry32 } from '../../../core/random.ts';
import { fixtureLines, generatedLines, spaced } from '../../helpers/datasetLines.ts';
import { plainOutcome, referenceLineCases } from './casesReference.ts';

type Outcome = { value: string } | { error: string };

function outcome(parse: () => unknown): Outcome {
  try {
    return { value: JSON.stringify(parse()) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Lines where parseExampleLine differs from parseObjectLine (value with key order, or error). */
function differing(lines: string[], memo: ToolsMemo): string[] {
  return lines.filter((text) => {
    const got = outcome(() => parseExampleLine(text, memo));
    const want = outcome(() => parseObjectLine(text));
    return JSON.stringify(got) !== JSON.stringify(want);
  });
}

const TOOLS = '[{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]';
const MESSAGES = '[{"role": "user", "content": "hi"}]';

// Each line here is read against the split's assumptions: the first "tools" text found, the
// comma before it, the colon after it, what comes before and after.
const TRICKY = [
  `{"messages": ${MESSAGES}, "tools": ${TOOLS}}`,
  `{"messages":${MESSAGES},"tools":${TOOLS}}`,
  `{"messages": ${MESSAGES} ,\t"tools"\r: \t${TOOLS} \t}`,
  `{"messages": ${MESSAGES}, "tools": ${TOOLS}} `, // text after the object
  `{"messages": ${MESSAGES}, "tools": ${TOOLS}}}`,
  `{"messages": ${MESSAGES}, "tools": ${TOOLS}, "extra": 1}`, // tools not last
  `{"tools": ${TOOLS}, "messages": ${MESSAGES}}`,
  `{"tools": ${TOOLS}}`, // nothing before
  `{ , "tools": ${TOOLS}}`, // an empty head that would parse alone
  `{, "tools": ${TOOLS}}`,
  `{"messages": ${MESSAGES}, "tools": 0, "tools": ${TOOLS}}`, // repeated: the last value, the first place
  `{"tools": 0, "messages": ${MESSAGES}, "tools": ${TOOLS}}`,
  `{"\\u0074ools": 0, "messages": ${MESSAGES}, "tools": ${TOOLS}}`, // the same key, escaped
  `{"messages": ${MESSAGES}, "\\u0074ools": ${TOOLS}}`,
  `{"messages": [{"role": "user", "content": "say \\"tools\\": now"}], "tools": ${TOOLS}}`, // in a string
  `{"messages": [{"role": "user", "content": "x\\", \\"tools\\": [1]}"}], "tools": ${TOOLS}}`,
  `{"messages": [{"role": "system", "tools": [1]}], "tools": ${TOOLS}}`, // nested key first
  `{"messages": [{"role": "user", "content": "a"}, "tools": ${TOOLS}}`, // broken head
  `{"messages": ${MESSAGES}, "tools": [1, }`, // broken tools
  `{"messages": ${MESSAGES}, "tools": }`,
  `{"messages": ${MESSAGES}, "tools"}`,
  `{"messages": ${MESSAGES} "tools": ${TOOLS}}`, // no comma
  `{"messages": ${MESSAGES}, "tools" ${TOOLS}}`, // no colon
  `{"messages": ${MESSAGES}, "tools": ${TOOLS}, }`,
  `{"messages": ${MESSAGES}, "tools": "[]"}`,
  `{"messages": ${MESSAGES}, "tools": null}`,
  `{"messages": ${MESSAGES}, "tools": {"a": 1}}`,
  `{"messages": ${MESSAGES}, "__proto__": {"x": 1}, "tools": ${TOOLS}}`,
  `{"2": 1, "messages": ${MESSAGES}, "1": 2, "tools": ${TOOLS}}`, // integer keys go first
  `{"messages": ${MESSAGES}, "tools": [1, 2] [3]}`,
  `{"messages": ${MESSAGES}, "tools": [1, 2], "tools": [3]}`,
  `["messages", "tools": []]`,
  `{"messages": ${MESSAGES}, "tools": [1]`,
  '{"tools"',
  '{"tools": [] }',
  '{}',
  '{ }',
  '',
  `{"messages": ${MESSAGES}, "tools": [{"name": "caf\u00e9 \ud83c\udf89"}]}`,
  // `{"messages":V` with V alone parsed: V must be the whole of one JSON text.
  `{"messages":${MESSAGES},"acceptable":[[{"a": [1]}]],"tools":${TOOLS}}`,
  `{"messages":${MESSAGES},"parallel_tool_calls":false,"tools":${TOOLS}}`,
  `{"messages":${MESSAGES},"messages":[],"tools":${TOOLS}}`,
  `{"messages":[1] [2],"tools":${TOOLS}}`,
  `{"messages":[1]],"tools":${TOOLS}}`,
  `{"messages":1],"tools":${TOOLS}}`,
  `{"messages":],"tools":${TOOLS}}`,
  `{"messages": [] \t,"tools":${TOOLS}}`,
  `{"messages":[{"role": "user", "content": "]"}] ,"tools":${TOOLS}}`,
  `{"messages":"]","tools":${TOOLS}}`,
  `{"messages":{"a": []},"tools":${TOOLS}}`,
  `{"messages":{"a": [], "b": 1}],"tools":${TOOLS}}`,
];

/** Lines of random members around a last "tools" member, with random whitespace, some broken. */
function randomLines(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const space = (): string => pick(['', '', ' ', '  ', '\t', '\r', ' \t ']);
  const lines: string[] = [];
  for (let n = 0; n < count; n++) {
    const members: string[] = [];
    const others = pick([0, 1, 1, 1, 2, 3]);
    for (let m = 0; m < others; m++) {
      const key = pick(['"messages"', '"parallel_tool_calls"', '"tools"', '"\\u0074ools"', '"7"', '"acceptable"', '"a\\"tools\\""', '""']);
      const value = pick([MESSAGES, 'false', '0', 'null', '"tools"', '"\\"tools\\": [1]"', '[{"tools": [2]}]', '{"tools": 3}', TOOLS]);
      members.push(key + space() + ':' + space() + value);
    }
    const tools = pick([TOOLS, TOOLS, '[]', '[1, 2]', '{"x": "y"}', '7', '"s"', `[${TOOLS}, ${TOOLS}]`, '[1,', '', '[1] [2]', '[1]]']);
    if (random() < 0.9) members.push('"tools"' + space() + ':' + space() + tools);
    let text = '{' + space() + members.join(space() + ',' + space()) + space() + '}';
    if (random() < 0.05) text = text.slice(0, -1);
    if (random() < 0.05) text += pick([' ', '}', ',']);
    lines.push(text);
  }
  return lines;
}

describe('parseExampleLine', () => {
  it('gives JSON.parse\'s value, with its key order, or its error, on lines made to break the split', () => {
    const memo = new ToolsMemo();
    assert.deepEqual(differing(TRICKY, memo), []);
    // Twice through one memo: a second reading finds the tools it kept.
    assert.deepEqual(differing(TRICKY, memo), []);
    assert.equal(memo.hits, 32);
  });

  it('agrees with JSON.parse on 20,000 random lines, finding the tools of 4,137 in the memo', () => {
    const memo = new ToolsMemo();
    const lines = randomLines(20_000, 7);
    assert.deepEqual(differing(lines, memo), []);
    assert.equal(memo.hits, 4_137);
  });

  it('agrees with JSON.parse on every fixture line and on generated lines, compact and spaced', () => {
    const generated = generatedLines(1_500, 3);
    const lines = [...fixtureLines(), ...generated, ...generated.flatMap((l) => (l.endsWith('}') ? [spaced(JSON.parse(l))] : []))];
    const memo = new ToolsMemo();
    assert.deepEqual(differing(lines, memo), []);
    assert.equal(memo.hits, 1_659);
  });

  it('gives the cases of the extraction before it when lines share one memo', () => {
    const memo = new ToolsMemo();
    // With the random and tricky lines, lists that fail the tools check are shared too.
    const lines = [...fixtureLines(), ...generatedLines(1_500, 3), ...TRICKY, ...randomLines(5_000, 9)];
    lines.forEach((text, index) => {
      assert.deepEqual(plainOutcome(lineCases(text, index + 1, {}, memo)), referenceLineCases(text, index + 1, {}), text);
    });
    assert.equal(memo.hits, 1_888);
  });

  it('parses the messages of `{"messages":[...],"tools":...}` alone, and another head with its `}` added', () => {
    const parsed = (text: string): string[] => {
      const texts: string[] = [];
      const parse = JSON.parse;
      JSON.parse = (source: string, reviver?: Parameters<typeof parse>[1]) => {
        texts.push(source);
        return parse(source, reviver) as unknown;
      };
      try {
        parseExampleLine(text, new ToolsMemo());
      } finally {
        JSON.parse = parse;
      }
      return texts;
    };
    assert.deepEqual(parsed(`{"messages":${MESSAGES},"tools":${TOOLS}}`), [MESSAGES, TOOLS]);
    assert.deepEqual(parsed(`{"messages":${MESSAGES} ,"tools":${TOOLS}}`), [`${MESSAGES} `, TOOLS]);
    // Not one JSON text: tried alone, then with the member after it.
    assert.deepEqual(parsed(`{"messages":${MESSAGES},"acceptable":[],"tools":${TOOLS}}`), [
      `${MESSAGES},"acceptable":[]`,
      `{"messages":${MESSAGES},"acceptable":[]}`,
      TOOLS,
    ]);
    // Not ending with "]": straight to the head with its "}".
    assert.deepEqual(parsed(`{"messages":${MESSAGES},"parallel_tool_calls":false,"tools":${TOOLS}}`), [`{"messages":${MESSAGES},"parallel_tool_calls":false}`, TOOLS]);
    assert.deepEqual(parsed(`{"messages": ${MESSAGES},"tools":${TOOLS}}`), [` ${MESSAGES}`, TOOLS]);
    assert.deepEqual(parsed(`{ "messages":${MESSAGES},"tools":${TOOLS}}`), [`{ "messages":${MESSAGES}}`, TOOLS]);
  });

  it('shares one parse between lines with the same tools text', () => {
    const memo = new ToolsMemo();
    const a = parseExampleLine(`{"messages": [], "tools": ${TOOLS}}`, memo);
    const b = parseExampleLine(`{"messages": [{"role": "user"}], "tools": ${TOOLS}}`, memo);
    const c = parseExampleLine(`{"messages": [], "tools":${TOOLS}}`, memo);
    assert.equal(a.tools, b.tools);
    assert.equal(c.tools, a.tools);
    assert.equal(memo.hits, 2);
  });
});

describe('ToolsMemo', () => {
  it('records a shared list as checked once lineCases found it valid, and no other list', () => {
    const memo = new ToolsMemo();
    const valid = `{"messages": [{"role": "assistant", "content": "x"}], "tools": ${TOOLS}}`;
    const invalid = '{"messages": [{"role": "assistant", "content": "x"}], "tools": [{"function": {"name": 3}}]}';
    const shared = parseExampleLine(valid, memo).tools as object;
    assert.equal(memo.isChecked(shared), false);
    assert.equal((lineCases(valid, 1, {}, memo) as { cases: unknown[] }).cases.length, 1);
    assert.equal(memo.isChecked(shared), true);
    for (let k = 0; k < 2; k++) assert.deepEqual(lineCases(invalid, 2, {}, memo), { error: { line: 2, message: 'Tool 0 must have a string "function.name".' } });
    assert.equal(memo.isChecked(parseExampleLine(invalid, memo).tools as object), false);
    // A list the memo does not hold (past its bound) is not recorded.
    const small = new ToolsMemo(10);
    const fresh = parseExampleLine(valid, small).tools as object;
    small.markChecked(fresh);
    assert.equal(small.isChecked(fresh), false);
  });

  it('keeps texts up to its bound, then keeps what it holds', () => {
    const memo = new ToolsMemo(10);
    memo.parse('[1, 2]'); // 6 characters: kept
    memo.parse('[3, 4]'); // 12 in all: not kept
    memo.parse('[1, 2]');
    memo.parse('[3, 4]');
    assert.equal(memo.hits, 1);
    memo.parse('[5]'); // 9 in all: kept
    memo.parse('[5]');
    assert.equal(memo.hits, 2);
    memo.parse('[1, 2, 3, 4, 5, 6]'); // longer than the bound: never kept
    memo.parse('[1, 2, 3, 4, 5, 6]');
    assert.equal(memo.hits, 2);
  });

  it('starts again empty when more lines in a row have missed than four times what it holds', () => {
    const memo = new ToolsMemo(6);
    memo.parse('[1, 2]'); // full
    for (let k = 0; k < 4; k++) memo.parse(`[${k}]`); // four misses in a row: held
    memo.parse('[1, 2]');
    assert.equal(memo.hits, 1);
    for (let k = 0; k < 5; k++) memo.parse(`[${k}]`); // the fifth miss clears it and keeps "[4]"
    memo.parse('[1, 2]');
    assert.equal(memo.hits, 1);
    memo.parse('[4]');
    assert.equal(memo.hits, 2);
  });

  it('tells texts of one length apart', () => {
    const memo = new ToolsMemo();
    assert.deepEqual(memo.parse('[1]'), [1]);
    assert.deepEqual(memo.parse('[2]'), [2]);
    assert.deepEqual(memo.parse('[1]'), [1]);
    assert.deepEqual(memo.parse('[2]'), [2]);
    assert.equal(memo.hits, 2);
  });

  it('throws JSON.parse\'s error for a text that does not parse, and keeps nothing of it', () => {
    const memo = new ToolsMemo();
    assert.throws(() => memo.parse('[1,'), SyntaxError);
    assert.throws(() => memo.parse('[1,'), SyntaxError);
    assert.equal(memo.hits, 0);
  });
});
