// diagnosticLines (what `toolcall validate` prints per diagnostic) must print exactly what
// textLine and jsonLine print: the file's name written once and each message escaped once per
// message are shortcuts, not a new format.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticLines, jsonLine, textLine } from '../../../cli/commands/validate.ts';
import { validateText } from '../../../core/validate.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { mulberry32 } from '../../../core/random.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

/** Characters printing must escape or keep: controls, quotes, backslash, bidi marks, line separators, lone and paired surrogates. */
const PIECES = ['a', ' ', '"', '\\', '\n', '\t', '\r', '\u0000', '\u001b[31m', '\u007f', '\u009b', '\u202e', '\u2066', '\u2028', '\u2029', '\ud800', '\udfff', '😀', 'é', '`', '/', '<'];

function randomMessages(count: number): string[] {
  const random = mulberry32(42);
  return Array.from({ length: count }, (_, i) => {
    let m = `m${i} `;
    for (let k = Math.floor(random() * 12); k > 0; k--) m += PIECES[Math.floor(random() * PIECES.length)];
    return m;
  });
}

test('diagnosticLines prints what textLine and jsonLine print, for every diagnostic of the fixtures and generated lines and 5,000 messages of odd characters, each seen twice', () => {
  const diagnostics: Diagnostic[] = [...validateText([...fixtureLines(), ...generatedLines(200, 5)].join('\n')).diagnostics];
  const odd = randomMessages(5000);
  for (const message of [...odd, ...odd]) diagnostics.push({ line: 3, start: 1, end: 9, severity: 'warning', code: 'TC204', message });
  // Also odd file names, and fresh copies of a message (equal text, another string).
  for (const file of ['data/train.jsonl', 'dir with "quotes"\\\u001b[2J\u202e.jsonl']) {
    for (const format of ['text', 'json'] as const) {
      const line = diagnosticLines(format, file);
      const reference = format === 'text' ? textLine : jsonLine;
      for (const d of diagnostics) assert.equal(line(d), reference(file, d));
      for (const d of diagnostics.slice(0, 50)) assert.equal(line({ ...d, message: (' ' + d.message).slice(1) }), reference(file, d));
    }
  }
  assert.equal(diagnostics.length, 10_378);
  assert.equal(new Set(diagnostics.map((d) => d.message)).size, 5_165);
});
