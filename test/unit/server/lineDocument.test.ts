import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineDocument, splitLspLines } from '../../../server/lineDocument.ts';
import { prng } from './fixtures.ts';

const PIECES = ['a', 'bc', '{"k": 1}', '\n', '\r\n', '\r', '', 'é', '😀', '\n\n', '\r\r\n'];

function randomText(r: (n: number) => number, parts: number): string {
  let text = '';
  for (let i = 0; i < parts; i++) text += PIECES[r(PIECES.length)];
  return text;
}

function randomPosition(r: (n: number) => number, doc: TextDocument) {
  // Mostly inside, sometimes past the end of a line or of the document, rarely negative.
  const line = r(10) === 0 ? doc.lineCount + r(3) : r(20) === 0 ? -1 : r(doc.lineCount);
  const character = r(10) === 0 ? 50 : r(20) === 0 ? -2 : r(8);
  return { line, character };
}

function randomChange(r: (n: number) => number, doc: TextDocument): TextDocumentContentChangeEvent {
  if (r(25) === 0) return { text: randomText(r, r(8)) };
  return { range: { start: randomPosition(r, doc), end: randomPosition(r, doc) }, text: randomText(r, r(4)) };
}

/** Everything a feature can ask must equal the reference implementation's answer. */
function assertSameDocument(actual: LineDocument, expected: TextDocument, r: (n: number) => number, context: string) {
  assert.equal(actual.getText(), expected.getText(), context);
  assert.equal(actual.lineCount, expected.lineCount, context);
  assert.equal(actual.version, expected.version, context);
  assert.equal(actual.hasLoneCR, /\r(?!\n)/.test(expected.getText()), context);
  for (let line = 0; line < expected.lineCount; line++) {
    const range = expected.getLineRange(line);
    assert.equal(actual.lineText(line), expected.getText(range), `${context}: line ${line}`);
    assert.equal(actual.lineEnding(line), expected.getEOLCharacters(line), `${context}: EOL of line ${line}`);
  }
  for (let k = 0; k < 6; k++) {
    const a = randomPosition(r, expected);
    const b = randomPosition(r, expected);
    assert.equal(actual.offsetAt(a), expected.offsetAt(a), `${context}: offsetAt ${JSON.stringify(a)}`);
    assert.equal(actual.getText({ start: a, end: b }), expected.getText({ start: a, end: b }), `${context}: getText ${JSON.stringify([a, b])}`);
    const offset = r(expected.getText().length + 3) - 1;
    assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `${context}: positionAt ${offset}`);
    const line = r(expected.lineCount + 2) - 1;
    assert.deepEqual(actual.getLineRange(line), expected.getLineRange(line), `${context}: getLineRange ${line}`);
  }
}

describe('LineDocument', () => {
  it('splits as LSP does: LF, CRLF and a lone CR end a line; there is always a last line', () => {
    assert.deepEqual(splitLspLines('a\nb\r\nc\rd'), { lines: ['a', 'b', 'c', 'd'], eols: [1, 2, 3, 0], loneCRs: 1 });
    assert.deepEqual(splitLspLines('a\n'), { lines: ['a', ''], eols: [1, 0], loneCRs: 0 });
    assert.deepEqual(splitLspLines(''), { lines: [''], eols: [0], loneCRs: 0 });
    assert.deepEqual(splitLspLines('\r\r\n'), { lines: ['', '', ''], eols: [3, 2, 0], loneCRs: 1 });
  });

  it('edits one line in place and reports it as one line replaced', () => {
    const doc = LineDocument.create('file:///a.jsonl', 'jsonl', 1, 'abc\ndef\r\nghi');
    const splices: number[][] = [];
    doc.update([{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, text: 'X' }], 2, (...s) => splices.push(s));
    assert.deepEqual(splices, [[1, 1, 1]]);
    assert.equal(doc.getText(), 'abc\ndXf\r\nghi');
    doc.update([{ range: { start: { line: 0, character: 3 }, end: { line: 2, character: 0 } }, text: '' }], 3, (...s) => splices.push(s));
    assert.deepEqual(splices.at(-1), [0, 3, 1]);
    assert.equal(doc.getText(), 'abcghi');
    assert.equal(doc.version, 3);
  });

  it('reports a full-text change as the lines between its unchanged first and last lines', () => {
    const doc = LineDocument.create('u', 'jsonl', 1, 'a\nb\nc\nd');
    const splices: number[][] = [];
    const coreSplices: number[][] = [];
    const update = (text: string) => doc.update([{ text }], doc.version + 1, (...s) => splices.push(s), (...s) => coreSplices.push(s));
    update('a\nX\nY\nc\nd');
    update('a\nX\nY\nc\nd\n'); // the last line gains a break: it and the new empty line
    update('a\nX\nY\nc\nd\n');
    assert.deepEqual(splices, [[1, 1, 2], [4, 1, 2], [6, 0, 0]]);
    assert.deepEqual(coreSplices, splices);
    // With a lone CR, core lines can join across kept lines: every core line is reported.
    update('a\rX\nY\nc\nd\n');
    assert.deepEqual(splices.at(-1), [0, 1, 1]);
    assert.deepEqual(coreSplices.at(-1), [0, 6, 5]);
  });

  it('joins a lone CR and an LF that meet across an edit into one CRLF, as the reference does', () => {
    const doc = LineDocument.create('u', 'jsonl', 1, 'a\rx\nb');
    const splices: number[][] = [];
    doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '' }], 2, (...s) => splices.push(s));
    assert.equal(doc.lineCount, 2);
    assert.deepEqual([doc.lineText(0), doc.lineEnding(0), doc.lineText(1)], ['a', '\r\n', 'b']);
    assert.deepEqual(splices, [[0, 2, 1]]);
    assert.equal(doc.hasLoneCR, false);
  });

  it('matches vscode-languageserver-textdocument over random edit sequences, and splices report exactly the lines that changed', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = prng(seed);
      const initial = randomText(r, r(12));
      let expected = TextDocument.create('file:///r.jsonl', 'jsonl', 1, initial);
      const actual = LineDocument.create('file:///r.jsonl', 'jsonl', 1, initial);
      assertSameDocument(actual, expected, r, `seed ${seed} initial`);
      for (let step = 0; step < 12; step++) {
        const changes = Array.from({ length: 1 + r(3) }, () => randomChange(r, expected));
        // Lines nobody reported as replaced must be the same strings, with the same line break, after the edit.
        const before = Array.from({ length: actual.lineCount }, (_, i) => actual.lineText(i) + actual.lineEnding(i));
        let shadow: (string | null)[] = [...before];
        let coreShadow: (string | null)[] = Array.from({ length: actual.coreLineCount }, (_, i) => actual.coreLineText(i));
        actual.update(
          changes,
          step + 2,
          (start, deleteCount, insertCount) => {
            shadow = [...shadow.slice(0, start), ...new Array<null>(insertCount).fill(null), ...shadow.slice(start + deleteCount)];
          },
          (start, deleteCount, insertCount) => {
            coreShadow = [...coreShadow.slice(0, start), ...new Array<null>(insertCount).fill(null), ...coreShadow.slice(start + deleteCount)];
          },
        );
        // The reference's incremental line offsets can go wrong (ranges outside the document, a
        // CR meeting an LF), so it applies one change at a time to a freshly created document.
        let reference = expected;
        for (const change of changes) {
          const fresh = TextDocument.create('file:///r.jsonl', 'jsonl', step + 2, reference.getText());
          TextDocument.update(fresh, [change], step + 2);
          reference = TextDocument.create('file:///r.jsonl', 'jsonl', step + 2, fresh.getText());
        }
        const context = `seed ${seed} step ${step} ${JSON.stringify(changes)}`;
        assert.equal(shadow.length, actual.lineCount, `${context}: splices account for every line`);
        shadow.forEach((kept, i) => kept !== null && assert.equal(actual.lineText(i) + actual.lineEnding(i), kept, `${context}: line ${i} changed unreported`));
        // The core's lines (a lone CR does not end one), spliced the same way.
        const coreLines = reference.getText().split(/\r?\n/);
        assert.equal(coreShadow.length, coreLines.length, `${context}: core splices account for every core line`);
        assert.equal(actual.coreLineCount, coreLines.length, context);
        coreLines.forEach((text, i) => assert.equal(actual.coreLineText(i), text, `${context}: core line ${i}`));
        coreShadow.forEach((kept, i) => kept !== null && assert.equal(kept, coreLines[i], `${context}: core line ${i} changed unreported`));
        assertSameDocument(actual, reference, r, context);
        expected = reference;
      }
    }
  });
});
