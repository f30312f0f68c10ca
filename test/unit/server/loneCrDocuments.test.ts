// A document holding a lone CR: LSP ends a line there, the core does not. Its line cache holds
// the core's lines, spliced by each edit, so a keystroke re-checks one line. Before, such a
// document was re-split from its whole text and every line checked again on each validation
// (the fuzz's 12 MB document with a lone CR held the server for seconds on every edit).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { validateText } from '../../../core/validate.ts';
import { change, editor, prng, sampleLines } from './fixtures.ts';

async function assertMatchesCore(e: ReturnType<typeof editor>, context: string) {
  const result = await e.validate();
  assert.ok(result, `${context}: validation was not cancelled`);
  const expected = validateText(e.document.getText());
  assert.deepEqual(result.diagnostics, expected.diagnostics, context);
  assert.equal(result.examples, expected.summary.examples, context);
}

describe('documents with a lone CR', () => {
  it('a keystroke re-checks the one core line it touched, and joins no other line again', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => sampleLines()[i % 13]!);
    // Every 100th line but the last ends with a lone CR: it and the next are one core line.
    const text = lines.map((line, i) => line + (i % 100 === 99 && i < 1999 ? '\r' : '\n')).join('');
    const e = editor(text);
    assert.equal(e.document.lineCount, 2001);
    assert.equal(e.document.coreLineCount, 1982);
    await assertMatchesCore(e, 'open');
    assert.equal(e.checked.length, 1981); // the final empty line is not one the core checks

    // Lines 99, 199, ..., 1499 end with a lone CR: LSP lines 1499 and 1500 are core line 1485.
    const joinsBefore = e.document.coreJoins;
    e.edit(change(1500, 1, 1500, 1, ' '));
    await assertMatchesCore(e, 'typed in a joined line');
    assert.deepEqual(e.checked, [1485]);
    assert.equal(e.document.coreJoins - joinsBefore, 1);

    e.edit(change(10, 1, 10, 1, ' '));
    await assertMatchesCore(e, 'typed in a plain line');
    assert.deepEqual(e.checked, [10]);

    // Removing a lone CR splits nothing else: the two LSP lines it joined become two core lines.
    e.edit(change(1599, lines[1599]!.length, 1600, 0, '\n'));
    await assertMatchesCore(e, 'a lone CR replaced by LF');
    assert.equal(e.document.coreLineCount, 1983);
    assert.deepEqual(e.checked, [1584, 1585]);
  });

  it('equals validateText after random edits that add and remove lone CRs', async () => {
    const pool = [...sampleLines(), '', '\uFEFF' + sampleLines()[0], '{"messages": 1}', '  '];
    const breaks = ['\n', '\r\n', '\r'];
    for (let seed = 1; seed <= 40; seed++) {
      const r = prng(seed);
      const pick = () => pool[r(pool.length)]!;
      const e = editor(Array.from({ length: 1 + r(20) }, () => pick() + breaks[r(3)]).join(''));
      await assertMatchesCore(e, `seed ${seed} open`);
      for (let step = 0; step < 15; step++) {
        const doc = e.document;
        const line = r(doc.lineCount);
        const text = doc.lineText(line);
        const col = r(text.length + 1);
        const kind = r(6);
        let edit: TextDocumentContentChangeEvent;
        if (kind === 0) edit = change(line, col, line, col, '\r'); // a lone CR typed inside a line
        else if (kind === 1) edit = change(line, text.length, line + 1, 0, breaks[r(3)]!); // a line's break replaced
        else if (kind === 2) edit = change(line, col, line, col + 1 + r(5), ''); // characters deleted
        else if (kind === 3) edit = change(line, 0, line, 0, pick() + breaks[r(3)]); // a line inserted
        else if (kind === 4) edit = change(line, col, line + r(3), r(30), [pick(), pick()].join(breaks[r(3)])); // paste over
        else edit = { text: Array.from({ length: r(10) }, () => pick() + breaks[r(3)]).join('') };
        e.edit(edit);
        await assertMatchesCore(e, `seed ${seed} step ${step} ${JSON.stringify(edit)}`);
      }
    }
  });
});
