import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateText, DatasetValidator } from '../../../core/validate.ts';
import { LineCache, lineBreaks } from '../../../server/lineCache.ts';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { workerChecker, type LineResult, type ParallelChecker } from '../../../server/checkWorker.ts';
import { change, editor, prng, sampleLines } from './fixtures.ts';

/** The cache's answer must be exactly the from-scratch answer for the document's current text. */
async function assertMatchesScratch(e: ReturnType<typeof editor>, options = {}) {
  const result = await e.validate();
  assert.ok(result, 'validation was not cancelled');
  assert.deepEqual(result.diagnostics, validateText(e.document.getText(), options).diagnostics);
  return result;
}

describe('LineCache', () => {
  it('checks every line once on open and matches validateText', async () => {
    const e = editor(sampleLines().join('\n'));
    const result = await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [...Array(13).keys()]);
    assert.equal(result.examples, 12);
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.line}:${d.code}`),
      ['1:TC101', '2:TC511', '3:TC702', '12:TC513', '4:TC703'], // TC703 is said once per tool, after the lines
    );
    await e.validate();
    assert.deepEqual(e.checked, [], 'nothing changed, nothing re-checked');
  });

  it('re-checks only the line a single-line edit touched', async () => {
    const e = editor(sampleLines().join('\n'));
    await e.validate();
    const at = e.document.getText().split('\n')[5]!.indexOf('Rome');
    e.edit(change(5, at, 5, at + 4, 'Oslo'));
    await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [5]);
    // Fixing the broken line removes its diagnostic and nothing else is re-checked.
    e.edit(change(1, 0, 1, 15, sampleLines()[6]!));
    const result = await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [1]);
    assert.ok(!result.diagnostics.some((d) => d.code === 'TC101'));
  });

  it('handles inserted lines by splicing: later lines keep their results, restamped', async () => {
    const e = editor(sampleLines().join('\n'));
    await e.validate();
    const lines = sampleLines();
    e.edit(change(3, 0, 3, 0, `${lines[0]}\n${lines[7]}\n`));
    const result = await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [3, 4, 5]);
    assert.equal(e.state.cache.lineCount, 15);
    // The drifted tool moved from line 4 to 6; line 5 duplicates line 1, and the old line 7 (now 9) duplicates the new line 4.
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.line}:${d.code}`),
      ['1:TC101', '2:TC511', '3:TC702', '5:TC702', '9:TC702', '14:TC513', '6:TC703'],
    );
    assert.equal(result.diagnostics.find((d) => d.line === 9)!.message, 'Duplicate of line 5; repeated examples skew training toward them.');
  });

  it('handles deleted lines', async () => {
    const e = editor(sampleLines().join('\n'));
    await e.validate();
    e.edit(change(2, 0, 4, 0, '')); // lines 2 and 3 go
    const result = await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [2]);
    assert.equal(e.state.cache.lineCount, 11);
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.line}:${d.code}`),
      ['1:TC101', '10:TC513', '2:TC703'],
    );
  });

  it('handles a multi-line paste over parts of several lines', async () => {
    const e = editor(sampleLines().join('\n'));
    await e.validate();
    const lines = sampleLines();
    e.edit(change(6, 5, 8, 7, `X\n${lines[2]}\n${lines[2]}\n{"messages": 1}`));
    await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [6, 7, 8, 9]);
  });

  it('applies several changes of one didChange in order', async () => {
    const e = editor(sampleLines().join('\n'));
    await e.validate();
    e.edit(change(0, 0, 0, 0, 'x'), change(10, 0, 11, 0, ''), change(4, 0, 4, 0, '\n'));
    await assertMatchesScratch(e);
    // Line 10 was touched by the deletion, then moved to 11 by the inserted line break.
    assert.deepEqual(e.checked, [0, 4, 5, 11]);
  });

  it('works on CRLF text, including edits that insert CRLF', async () => {
    const e = editor(sampleLines().join('\r\n') + '\r\n');
    await assertMatchesScratch(e);
    e.edit(change(2, 0, 2, 0, `${sampleLines()[3]}\r\n`));
    await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [2, 3]);
    e.edit(change(5, 0, 7, 0, ''));
    await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [5]);
  });

  it('treats the final empty line as the core does (not a line) and blank lines as TC104', async () => {
    const e = editor(sampleLines().join('\n') + '\n');
    await assertMatchesScratch(e);
    const last = e.document.lineCount - 1;
    e.edit(change(last, 0, last, 0, '\n')); // a blank line before the end
    const result = await assertMatchesScratch(e);
    assert.ok(result.diagnostics.some((d) => d.code === 'TC104' && d.line === last));
    e.edit(change(last, 0, last + 1, 0, '')); // and gone again
    await assertMatchesScratch(e);
    e.edit(change(last - 1, 0, last, 0, '')); // delete the last example and its line break
    await assertMatchesScratch(e);
  });

  it('re-words the BOM finding when a line becomes or stops being the first', async () => {
    const e = editor('\uFEFF' + sampleLines().join('\n'));
    await assertMatchesScratch(e);
    e.edit(change(0, 0, 0, 0, '\uFEFF' + sampleLines()[5] + '\n'));
    await assertMatchesScratch(e);
    e.edit(change(0, 0, 1, 0, ''));
    await assertMatchesScratch(e);
  });

  it('re-checks only the lines a full-text change changed (and a line that became the first)', async () => {
    const e = editor(sampleLines().join('\n'));
    await e.validate();
    e.edit({ text: sampleLines().slice(2).join('\n') });
    await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [0]);
    const changed = sampleLines().slice(2);
    changed[5] = sampleLines()[0]!;
    e.edit({ text: changed.join('\n') });
    await assertMatchesScratch(e);
    assert.deepEqual(e.checked, [5]);
  });

  it('flags a lone CR (the core does not end a line there, LSP does)', async () => {
    const e = editor(sampleLines().join('\n'));
    assert.equal(e.state.loneCR, false);
    e.edit(change(1, 0, 1, 0, 'a\rb'));
    assert.equal(e.state.loneCR, true);
    e.edit(change(1, 0, 2, 1, ''));
    assert.equal(e.state.loneCR, false);
  });

  it('stops when cancelled and keeps the lines checked so far', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => sampleLines()[i % 13]!);
    const e = editor(lines.join('\n'));
    let cancel = false;
    const first = await e.validate({ token: { get isCancellationRequested() { return cancel; } }, yieldEvery: 10, yieldAfterMs: 1e9 });
    assert.ok(first);
    e.edit({ text: lines.map((line) => `${line} `).join('\n') + '\n' + lines[0] }); // every line differs
    const pending = e.validate({ token: { get isCancellationRequested() { return cancel; } }, yieldEvery: 10, yieldAfterMs: 1e9 });
    cancel = true;
    assert.equal(await pending, undefined);
    assert.equal(e.checked.length, 10, 'one chunk checked before the yield saw the cancellation');
    cancel = false;
    await assertMatchesScratch(e);
    assert.equal(e.checked.length, 41, 'the rest, not the whole document again');
  });

  it('gives up when the document changes during a yield', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => sampleLines()[i % 13]!);
    const e = editor(lines.join('\n'));
    const pending = e.validate({ yieldEvery: 5, yieldAfterMs: 1e9 });
    e.edit(change(20, 0, 20, 0, 'x'));
    assert.equal(await pending, undefined);
    await assertMatchesScratch(e);
  });

  it('turns a rule that throws into a TC199 diagnostic on that line and goes on', async () => {
    const validator = new DatasetValidator();
    const errors: number[] = [];
    const cache = new LineCache(3);
    const lines = [sampleLines()[0]!, 'boom', sampleLines()[1]!];
    const result = await cache.validate(
      { version: 1, lineCount: 3, lineText: (i) => lines[i]! },
      {
        checkLine: (text, index) => {
          if (text === 'boom') throw new Error('rule exploded');
          return validator.checkLine(text, index);
        },
        position: (t, i, f) => validator.position(t, i, f),
      },
      { onError: (_, line) => errors.push(line) },
    );
    assert.ok(result);
    assert.deepEqual(errors, [1]);
    assert.deepEqual(
      result.diagnostics.map((d) => [d.line, d.code, d.start, d.end, d.message]),
      [
        [1, 'TC199', 0, 4, 'This line could not be fully checked (rule exploded); please report it.'],
        [2, 'TC101', 13, 14, validateText(lines[2]!).diagnostics[0]!.message],
        [0, 'TC701', 0, 0, 'The file has 2 examples; OpenAI requires at least 10 (50-100 usually show gains).'],
      ],
    );
  });

  it('equals validateText after random edits of every kind (characters, lines in and out, pastes, CRLF, BOM, full text)', async () => {
    const pool = [...sampleLines(), '', '\uFEFF' + sampleLines()[0], '{"messages": 1}', '[1]', '  '];
    for (let seed = 1; seed <= 60; seed++) {
      const r = prng(seed);
      const eol = r(3) === 0 ? '\r\n' : '\n';
      const pick = () => pool[r(pool.length)]!;
      const e = editor(Array.from({ length: r(25) }, pick).join(eol) + (r(2) ? eol : ''));
      await assertMatchesScratch(e);
      for (let step = 0; step < 15; step++) {
        const doc = e.document;
        const line = r(doc.lineCount + 1);
        const text = doc.lineText(Math.min(line, doc.lineCount - 1));
        const col = r(text.length + 1);
        const kind = r(8);
        let edit: TextDocumentContentChangeEvent;
        if (kind === 0) edit = change(line, col, line, col + 1 + r(5), ''); // delete characters
        else if (kind === 1) edit = change(line, col, line, col, ['x', '"', '}', ' ', 'tools'][r(5)]!); // type
        else if (kind === 2) edit = change(line, 0, line, 0, pick() + eol); // insert a line
        else if (kind === 3) edit = change(line, 0, line + 1 + r(3), 0, ''); // delete lines
        else if (kind === 4) edit = change(line, col, line + r(3), r(30), [pick(), pick(), pick()].join(eol)); // paste over
        else if (kind === 5) edit = change(line, 0, line, text.length, pick()); // replace a line
        else if (kind === 6) edit = change(0, 0, 0, 0, r(2) ? '\uFEFF' : pick() + eol); // above everything
        else edit = r(4) === 0 ? { text: Array.from({ length: r(20) }, pick).join(eol) } : change(doc.lineCount, 0, doc.lineCount, 0, eol + pick());
        e.edit(edit);
        await assertMatchesScratch(e);
      }
    }
  });

  it('checks the tail of a big pending range on another checker and still equals validateText', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => sampleLines()[i % 13]!);
    const e = editor(lines.join('\n') + '\n');
    const validator = new DatasetValidator();
    const asked: number[][] = [];
    // An in-process stand-in for the worker: results arrive in batches on later turns.
    const checker: ParallelChecker = (texts, first) => {
      asked.push([first, texts.length]);
      const results: (LineResult | undefined)[] = [];
      texts.forEach((t, k) => setTimeout(() => (results[k] = first + k === 40 ? { error: 'worker rule exploded' } : validator.checkLine(t, first + k)), k % 7));
      return {
        ready: (i) => results[i - first],
        result: (i) => new Promise((resolve) => { const poll = () => (results[i - first] ? resolve(results[i - first]) : setTimeout(poll, 1)); poll(); }),
        cancel: () => undefined,
      };
    };
    const parallel = { checker, options: {}, minLines: 10, share: 0.5 };
    const result = await e.validate({ parallel });
    assert.ok(result);
    assert.deepEqual(asked, [[30, 31]]);
    const expected = validateText(e.document.getText()).diagnostics;
    const tc199 = result.diagnostics.find((d) => d.code === 'TC199')!;
    assert.deepEqual([tc199.line, tc199.message], [40, 'This line could not be fully checked (worker rule exploded); please report it.']);
    assert.deepEqual(result.diagnostics.filter((d) => d.line !== 40), expected.filter((d) => d.line !== 40));
    assert.deepEqual(e.checked.length, 30, 'the head here, the tail there (and the final empty line)');
    // An insert above moves the cached results (the worker's TC199 included) down one line.
    e.edit(change(35, 0, 35, 0, `${lines[3]}\n`));
    const after = await e.validate();
    assert.deepEqual(e.checked, [35, 36]);
    assert.deepEqual(after!.diagnostics.filter((d) => d.line !== 41), validateText(e.document.getText()).diagnostics.filter((d) => d.line !== 41));
    assert.equal(after!.diagnostics.find((d) => d.code === 'TC199')!.line, 41);
  });

  it('checks lines on a real worker thread', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => sampleLines()[i % 13]!);
    const e = editor(lines.join('\n'));
    const errors: unknown[] = [];
    // Under tsx the worker runs main.ts through the same loader (the bundle runs itself).
    const checker = workerChecker(path.resolve('test/unit/server/checkWorkerEntry.mjs'), (error) => errors.push(error));
    const result = await e.validate({ parallel: { checker, options: {}, minLines: 10, share: 0.5 } });
    assert.deepEqual(errors, []);
    assert.ok(result);
    assert.deepEqual(result.diagnostics, validateText(e.document.getText()).diagnostics);
    assert.equal(e.checked.length, 20);
  });

  it('counts LSP line breaks', () => {
    assert.equal(lineBreaks('a\nb\r\nc\rd'), 3);
    assert.equal(lineBreaks('\r\n\r\n'), 2);
    assert.equal(lineBreaks(''), 0);
  });
});
