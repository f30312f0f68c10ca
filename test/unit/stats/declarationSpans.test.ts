// lastDeclarationsSpan looks for a `functions` span after a tools span forward from it instead of
// back over the whole line: the spans must be those of the previous search (kept here verbatim as
// the reference) on every fixture and generated line and on lines built to trip it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastDeclarationsSpan, type DeclarationSpan, type DeclarationsKey } from '../../../core/stats/declarationSpans.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

function referenceSpan(text: string): DeclarationSpan | undefined {
  const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
  let last = text.length - 1;
  while (isSpace(text.charCodeAt(last))) last--;
  if (text.charCodeAt(last) !== 125) return undefined;
  last--;
  while (isSpace(text.charCodeAt(last))) last--;
  if (text.charCodeAt(last) !== 93) return undefined;
  const spanOf = (key: DeclarationsKey, end: number): DeclarationSpan | undefined => {
    for (let quoted = text.lastIndexOf(`"${key}"`, end); quoted > 0; quoted = text.lastIndexOf(`"${key}"`, quoted - 1)) {
      let backslashes = 0;
      while (text.charCodeAt(quoted - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 1) continue;
      let i = quoted + key.length + 2;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 58) continue;
      i++;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 91 && i < end) return { key, start: i, end };
    }
    return undefined;
  };
  const tools = spanOf('tools', last + 1);
  const functions = spanOf('functions', last + 1);
  return tools === undefined || (functions !== undefined && functions.start > tools.start) ? functions : tools;
}

/** Objects of members that hold the keys as keys, inside strings (escaped or not), nested, in any order and spacing. */
function* trickyLines(): Generator<string> {
  const members = [
    '"messages":[{"role":"user","content":"hi"}]',
    '"tools":[{"type":"function","function":{"name":"a","description":"say \\"functions\\": [1]"}}]',
    '"functions":[{"name":"functions","parameters":{"type":"object"}}]',
    '"tools" : [ 4 ]',
    '"functions"\t:\n[5]',
    '"x":"\\"tools\\":[2]"',
    '"y":{"functions":[3],"tools":[6]}',
    '"z":"\\\\"',
    '"functions":"[7]"',
    '"tools":{"a":[8]}',
    '"w":["\\"functions\\"", "tools"]',
  ];
  let state = 5;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const space = () => [' ', '', '', '\n', '\t'][next() % 5];
  for (let i = 0; i < 20_000; i++) {
    const count = 1 + (next() % 5);
    const picked = Array.from({ length: count }, () => members[next() % members.length]);
    yield '{' + space() + picked.join(',' + space()) + space() + '}' + space();
  }
}

test('lastDeclarationsSpan gives the previous search\'s span on fixture, generated and 20,000 tricky lines', (t) => {
  let found = 0;
  let functions = 0;
  const lines = [...fixtureLines(), ...generatedLines(200, 3), ...trickyLines()];
  for (const text of lines) {
    const expected = referenceSpan(text);
    assert.deepEqual(lastDeclarationsSpan(text), expected, text);
    if (expected) found++;
    if (expected?.key === 'functions') functions++;
  }
  assert.equal(lines.length > 20_400, true);
  // Both keys win often enough for the comparison to mean something.
  t.diagnostic(`${lines.length} lines: ${found} spans, ${functions} of them functions`);
  assert.ok(found > 8_000 && functions > 2_000, `${found} spans, ${functions} of functions`);
});
