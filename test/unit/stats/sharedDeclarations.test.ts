// The report reads lines through SharedDeclarationsReader, which parses a `tools` / `functions`
// array seen on an earlier line only once. Whatever the line, it must give what readExample gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { lastDeclarationsSpan } from '../../../core/stats/declarationSpans.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';
import { computeStats } from '../../../core/stats/report.ts';
import { SharedDeclarationsReader } from '../../../core/stats/sharedDeclarations.ts';
import { tokenCounter } from '../../../core/stats/tokens.ts';

function* jsonlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* jsonlFiles(file);
    else if (name.endsWith('.jsonl')) yield file;
  }
}

const fixtureLines = [...jsonlFiles(path.join(__dirname, '../../fixtures')), path.join(__dirname, '../../fixtures/stats/real-excerpt.jsonl.txt')].flatMap((file) => readFileSync(file, 'utf8').split('\n'));

// Lines where the array's text is not simply the last value, or the line is not JSON.
const TOOLS = '[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"tools":{"type":"array"},"n":{"enum":[1]}}}}}]';
const MESSAGES = '"messages":[{"role":"user","content":"hi"}]';
const adversarial = [
  `{${MESSAGES},"tools":${TOOLS}}`,
  `{${MESSAGES}, "tools" :\t${TOOLS} \r\n}  `,
  `\uFEFF{${MESSAGES},"tools":${TOOLS}}`,
  `{"tools":${TOOLS},${MESSAGES}}`, // not last: read whole
  `{${MESSAGES},"tools":[1],"x":[2]}`, // the candidate span is not one value
  `{${MESSAGES},"tools":[1],"tools":[2]}`, // a repeated key: the last one counts
  `{"tools":[0],${MESSAGES},"tools":${TOOLS}}`,
  `{${MESSAGES},"functions":[{"name":"g"}]}`,
  `{${MESSAGES},"tools":${TOOLS},"functions":[{"name":"g"}]}`,
  `{"messages":[{"role":"user","content":"say \\"tools\\":[1]"}],"x":[1]}`, // escaped quotes: inside a string
  `{"messages":[{"role":"user","content":"a","tools":[1]}]}`, // nested key, not the line's
  `{"messages":[],"x":{"tools":[1]}}`,
  `{${MESSAGES},"tools":${TOOLS}`, // not closed
  `{${MESSAGES},"tools":${TOOLS}}}`,
  `{${MESSAGES},"tools":${TOOLS}} x`,
  `{${MESSAGES},"tools":${TOOLS.slice(0, -1)}}`, // array not closed
  `{${MESSAGES},"tools":[1] 2]}`,
  `{${MESSAGES},"tools":[1]]}`,
  `{${MESSAGES},"tools":[]}`,
  `{${MESSAGES},"tools":{"a":[1]}}`,
  `{${MESSAGES} "tools":[1]}`, // a comma missing before the key
  `{"messages":1,"tools":[1]}`,
  `["tools":[1]]`,
  `"tools":[1]}`,
  `{${MESSAGES},"tools":[1]}`.replace('"tools"', '"\\u0074ools"'),
  `{${MESSAGES},"a":"\\\\","tools":[1]}`, // a key after an escaped backslash
  `{${MESSAGES},"a":"x\\"tools":[1]}`, // the quote before tools is escaped
  '',
  '   ',
  'not json',
];

/** The example without `shared`, as JSON: key order included. */
function plain(example: Example | 'blank' | 'invalid'): string {
  if (typeof example === 'string') return example;
  return JSON.stringify({ line: example.line, value: example.value, messages: example.messages });
}

test('SharedDeclarationsReader reads every line as readExample does, the first time and when its array repeats', () => {
  const reader = new SharedDeclarationsReader();
  const lines = [...fixtureLines, ...adversarial];
  // Twice through: the second pass finds every array of the first in the cache.
  for (let pass = 0; pass < 2; pass++) {
    lines.forEach((text, index) => {
      const expected = readExample({ index, text });
      const actual = reader.read({ index, text });
      assert.equal(plain(actual), plain(expected), `line ${index}: ${text.slice(0, 100)}`);
      if (typeof actual !== 'string' && actual.shared?.tools) assert.equal(actual.value.tools, actual.shared.tools.value);
    });
  }
  // Most fixture lines end with their tools; the second pass finds each such array again.
  assert.ok(reader.cut >= 2 * 220, `${reader.cut} lines cut`);
  assert.ok(reader.reused >= 220, `${reader.reused} arrays reused`);
});

test('an array found again by its ending is read as readExample reads the line, whatever surrounds it', () => {
  const reader = new SharedDeclarationsReader();
  const long = (name: string) => `[{"type":"function","function":{"name":"${name}","description":"${'d'.repeat(40)}","parameters":{"type":"object","required":["q"]}}}]`;
  const [a, b] = [long('a'), long('b')]; // the same last 64 characters
  const legacy = `[{"name":"g","description":"${'e'.repeat(70)}"}]`;
  const holdsKey = `[{"type":"function","function":{"name":"h","parameters":{"properties":{"tools":{"type":"array"}},"x":"${'f'.repeat(60)}"}}}]`;
  const seen = [`{${MESSAGES},"tools":${a}}`, `{${MESSAGES},"tools":${b}}`, `{${MESSAGES},"functions":${legacy}}`, `{${MESSAGES},"tools":${holdsKey}}`];
  const lines = [
    ...seen,
    ...seen,
    `{${MESSAGES}, "tools" :\t${a} \r\n}  `, // whitespace around the colon and after
    `\uFEFF{${MESSAGES},"tools":${b}}`,
    `{${MESSAGES},"x":${a}}`, // the same text under another key
    `{${MESSAGES},"tools":[1],"x":${a}}`,
    `{${MESSAGES},"a":"x\\"tools":${a}}`, // the quote before tools is escaped
    `{${MESSAGES},"a":"\\\\","tools":${a}}`, // a key after an escaped backslash
    `{${MESSAGES},"tools":${b.slice(0, 10)}${a.slice(10)}}`, // a's ending, not a's text
    `{${MESSAGES},"tools":${a}${a}}`, // a's text, but not one value
    `{${MESSAGES},"functions":${a}}`, // a known text under the other declarations key
    `{"tools":${a},"functions":${legacy}}`,
    `{"tools":${legacy}, ${MESSAGES}, "functions":${a}}`,
    `{"functions":${legacy},"tools":${a}}`,
    `"tools":${a}}`,
    `{${MESSAGES},"tools":${a}`,
    `{${MESSAGES},"tools":${holdsKey}}`,
  ];
  lines.forEach((text, index) => {
    assert.equal(plain(reader.read({ index, text })), plain(readExample({ index, text })), `line ${index}: ${text.slice(0, 100)}`);
  });
  // Found by their endings: the second a, b and legacy; a with whitespace, after a BOM, after an
  // escaped backslash; legacy and a under "functions" (a once read so), a after legacy.
  assert.equal(reader.byEnding, 10);
  const again = new SharedDeclarationsReader();
  for (let pass = 0; pass < 2; pass++) fixtureLines.forEach((text, index) => assert.equal(plain(again.read({ index, text })), plain(readExample({ index, text }))));
  // Of 399 arrays read again, 391 by their endings (the rest are short or hold a quoted key name).
  assert.deepEqual([again.byEnding, again.reused], [391, 399]);
});

test('lastDeclarationsSpan finds the last value when it is a tools or functions array, and only then', () => {
  const spanText = (text: string) => {
    const span = lastDeclarationsSpan(text);
    return span && [span.key, text.slice(span.start, span.end)];
  };
  assert.deepEqual(spanText(adversarial[0]), ['tools', TOOLS]);
  assert.deepEqual(spanText(adversarial[1]), ['tools', TOOLS]);
  assert.deepEqual(spanText(adversarial[7]), ['functions', '[{"name":"g"}]']);
  assert.deepEqual(spanText(adversarial[8]), ['functions', '[{"name":"g"}]']);
  // Candidates that are not one value: the reader proves them by parsing and falls back.
  assert.deepEqual(spanText(adversarial[4]), ['tools', '[1],"x":[2]']);
  assert.deepEqual(spanText(adversarial[3]), ['tools', `${TOOLS},${MESSAGES}`]);
  assert.equal(spanText(adversarial[11]), undefined);
  assert.equal(spanText(adversarial[19]), undefined);
  assert.equal(spanText(adversarial[26]), undefined);
});

test('SharedDeclarationsReader stops cutting lines out while their candidates keep failing, and resumes', () => {
  const reader = new SharedDeclarationsReader();
  const first = `{"tools":${TOOLS},${MESSAGES}}`;
  for (let index = 0; index < 1_000; index++) assert.equal(plain(reader.read({ index, text: first })), plain(readExample({ index, text: first })));
  // 64 failures in a row, then one line in 64 is tried.
  assert.equal(reader.tried, 64 + Math.floor((1_000 - 64) / 64));
  const last = `{${MESSAGES},"tools":${TOOLS}}`;
  for (let index = 0; index < 100; index++) reader.read({ index, text: last });
  assert.ok(reader.cut >= 100 - 64, `${reader.cut} lines cut`);
});

test('the report is the same whether arrays are shared or each line is parsed whole', () => {
  const file = readFileSync(path.join(__dirname, '../../fixtures/stats/real-excerpt.jsonl.txt'), 'utf8').split('\n');
  const mixed = readFileSync(path.join(__dirname, '../../fixtures/stats/mixed.jsonl'), 'utf8').split('\n');
  // Each line twice, then with `tools` moved first (no span to share: every line parsed whole).
  const lines = [...file, ...mixed, ...file];
  const moved = lines.map((text) => {
    try {
      const { tools, ...rest } = JSON.parse(text);
      return tools === undefined ? text : JSON.stringify({ tools, ...rest });
    } catch {
      return text;
    }
  });
  const counter = tokenCounter('o200k_base');
  const asLines = (texts: string[]) => texts.map((text, index) => ({ index, text }));
  const shared = computeStats(asLines(lines), { tokenCounter: counter, validation: asLines(file) });
  const whole = computeStats(asLines(moved), { tokenCounter: counter, validation: asLines(file) });
  assert.deepEqual(shared, whole);
  assert.equal(shared.examples, 32 + 32 + mixed.filter((t) => t.trim() !== '').length - shared.invalidLines.length);
  // The excerpt holds one pair of copies already: 31 groups from it, 1 from mixed.jsonl.
  assert.equal(shared.duplicates.length, 31 + 1);
  assert.equal(shared.overlap?.exact.length, 32);
});
