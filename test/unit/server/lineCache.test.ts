import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateText, DatasetValidator } from '../../../core/validate.ts';
import { LineCache } from '../../../server/lineCache.ts';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { workerChecker, type LineResult, type ParallelChecker } from '../../../server/checkWorker.ts';
import { dealLines } from '../../../server/parallelSplit.ts';
import { change, editor, prng, sampleLines } from './fixtures.ts';
import { callExample, SEARCH_TOOL, WEATHER_TOOL } from '../../helpers/diagnose.ts';
import type { Diagnostic, Finding } from '../../../core/checks/findings.ts';

/** Lines declaring the weather tool two more ways, one with a second drifted tool: TC703 groups that come and go with edits. */
function driftedVariants(): string[] {
  const weather = (description: string) => ({ ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, description } });
  const search = { ...SEARCH_TOOL, function: { ...SEARCH_TOOL.function, description: 'Search again.' } };
  return [
    JSON.stringify({ ...callExample('{"city":"Turku"}'), tools: [weather('Weather later.'), SEARCH_TOOL] }),
    JSON.stringify({ ...callExample('{"city":"Gent"}'), tools: [weather('Weather now.'), search] }),
  ];
}

/**
 * The cache's answer must be exactly the from-scratch answer for the document's current text:
 * the whole list, every head of it a capped publish reads, and the counts kept as lines change.
 */
async function assertMatchesScratch(e: ReturnType<typeof editor>, options = {}) {
  const result = await e.validate();
  assert.ok(result, 'validation was not cancelled');
  const expected = validateText(e.document.getText(), options).diagnostics;
  for (const count of new Set([0, 1, 2, 3, 5, expected.length - 1, expected.length, expected.length + 1])) {
    if (count >= 0) assert.deepEqual(result.first(count), expected.slice(0, count), `the first ${count}`);
  }
  assert.deepEqual(result.diagnostics, expected);
  const counts = { total: expected.length, error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of expected) counts[d.severity]++;
  assert.deepEqual(result.counts, counts);
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
        options: validator.options,
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
    const pool = [...sampleLines(), '', '\uFEFF' + sampleLines()[0], '{"messages": 1}', '[1]', '  ', ...driftedVariants()];
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

  it('deals part of a big pending range to another checker and still equals validateText', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => sampleLines()[i % 13]!);
    const e = editor(lines.join('\n') + '\n');
    const validator = new DatasetValidator();
    const asked: number[][] = [];
    let exploding = -1;
    // An in-process stand-in for the worker: results arrive in batches on later turns; a rule throws on its first line after 35.
    const checker: ParallelChecker = (texts, indices) => {
      asked.push([...indices]);
      exploding = indices.find((i) => i > 35)!;
      const results = new Map<number, LineResult>();
      texts.forEach((t, k) => setTimeout(() => results.set(indices[k]!, indices[k] === exploding ? { error: 'worker rule exploded' } : validator.checkLine(t, indices[k]!)), k % 7));
      return {
        ready: (i) => results.get(i),
        result: (i) => new Promise((resolve) => { const poll = () => (results.has(i) ? resolve(results.get(i)) : setTimeout(poll, 1)); poll(); }),
        cancel: () => undefined,
      };
    };
    const parallel = { checker, options: {}, minLines: 10, share: 0.5 };
    const result = await e.validate({ parallel });
    assert.ok(result);
    assert.equal(asked.length, 1);
    const dealt = asked[0]!;
    // Line 0 (its own wording of a BOM) and the final empty line stay here; half of the other 59, give or take the slack of 1.
    assert.ok(!dealt.includes(0) && !dealt.includes(60));
    assert.ok(dealt.length >= 28 && dealt.length <= 31, `${dealt.length} lines dealt`);
    const expected = validateText(e.document.getText()).diagnostics;
    const tc199 = result.diagnostics.find((d) => d.code === 'TC199')!;
    assert.deepEqual([tc199.line, tc199.message], [exploding, 'This line could not be fully checked (worker rule exploded); please report it.']);
    assert.deepEqual(result.diagnostics.filter((d) => d.line !== exploding), expected.filter((d) => d.line !== exploding));
    assert.deepEqual(e.checked.length, 60 - dealt.length, 'the rest here (the final empty line has nothing to check)');
    // An insert above moves the cached results (the worker's TC199 included) down one line.
    e.edit(change(35, 0, 35, 0, `${lines[3]}\n`));
    const after = await e.validate();
    assert.deepEqual(e.checked, [35, 36]);
    assert.deepEqual(after!.diagnostics.filter((d) => d.line !== exploding + 1), validateText(e.document.getText()).diagnostics.filter((d) => d.line !== exploding + 1));
    assert.equal(after!.diagnostics.find((d) => d.code === 'TC199')!.line, exploding + 1);
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
    const dealt = dealLines((i) => e.document.lineText(i), 0, 40, 0.5, (i) => i === 0).reduce((sum, x) => sum + x, 0);
    assert.ok(dealt >= 18 && dealt <= 21, `${dealt} dealt`);
    assert.equal(e.checked.length, 40 - dealt, 'line 0 and the lines not dealt here, the rest on the worker');
  });

  it('after a one-line edit positions only the file findings that edit changed (work counted)', async () => {
    // 120 examples: duplicates of line 0 every 10 lines, the drifted variants every 15; edits land on plain lines.
    const plain = (i: number) => JSON.stringify(callExample(JSON.stringify({ city: `City ${i}` })));
    const [later, now] = driftedVariants();
    const lines = Array.from({ length: 120 }, (_, i) => (i % 10 === 0 ? plain(0) : i % 15 === 7 ? (i % 2 ? later! : now!) : plain(i)));
    const e = editor(lines.join('\n') + '\n');
    const positioned: string[] = [];
    e.validator.position = (text: string, index: number, findings: Finding[]): Diagnostic[] => {
      positioned.push(...findings.map((f) => `${index}:${f.code}`));
      return new DatasetValidator().position(text, index, findings);
    };
    const first = await assertMatchesScratch(e);
    // 17 copies (of line 0, and of each drifted variant), 2 drifted tools (get_weather on line 7, search on 22).
    assert.deepEqual(first.counts, { total: 19, error: 0, warning: 19, info: 0, hint: 0 });
    assert.equal(positioned.length, 19, 'the first run positions every file finding once');
    for (const line of [33, 34, 91]) {
      positioned.length = 0;
      const at = e.document.lineText(line).indexOf('City');
      e.edit(change(line, at, line, at + 4, 'Town'));
      await assertMatchesScratch(e);
      assert.deepEqual(e.checked, [line]);
      assert.deepEqual(positioned, [], `no file finding positioned again after an edit of line ${line}`);
    }
    // A copy edited (still a copy): its own TC702 only. The first line of a variant: the TC703 it carries.
    positioned.length = 0;
    e.edit(change(20, 0, 20, 0, ' '));
    await assertMatchesScratch(e);
    assert.deepEqual(positioned, ['20:TC702']);
    positioned.length = 0;
    e.edit(change(22, 0, 22, 0, ' '));
    await assertMatchesScratch(e);
    assert.deepEqual(positioned, ['22:TC703'], 'the TC703 of get_weather (line 7) reads the same and stays');
  });

  it('counts each TC703 without positioning it until a list reaches it (capped heads, severity overrides, edits)', async () => {
    // 60 lines: a missing argument every 4th line (TC511 on 15 lines), the drifted variants every 9th (2 TC703s after the lines).
    const plain = (i: number) => JSON.stringify(callExample(JSON.stringify({ city: `City ${i}` })));
    const [later, now] = driftedVariants();
    const lines = Array.from({ length: 60 }, (_, i) => (i % 9 === 4 ? (i % 2 ? later! : now!) : i % 4 === 1 ? sampleLines()[2]! : plain(i)));
    for (const severity of [{}, { TC703: 'error' as const }, { TC703: 'off' as const }, { TC511: 'off' as const }]) {
      const e = editor(lines.join('\n') + '\n', { severity });
      const drifts: number[] = [];
      const position = e.validator.position;
      e.validator.position = (text: string, index: number, findings: Finding[]): Diagnostic[] => {
        if (findings.some((f) => f.code === 'TC703')) drifts.push(index);
        return position(text, index, findings);
      };
      const result = await e.validate();
      assert.ok(result);
      const expected = validateText(e.document.getText(), { severity }).diagnostics;
      const counts = { total: expected.length, error: 0, warning: 0, info: 0, hint: 0 };
      for (const d of expected) counts[d.severity]++;
      assert.deepEqual(result.counts, counts, `counts under ${JSON.stringify(severity)}, before any TC703 is positioned`);
      const lineDiagnostics = expected.filter((d) => d.code !== 'TC703').length;
      assert.deepEqual(result.first(lineDiagnostics), expected.slice(0, lineDiagnostics));
      assert.deepEqual(drifts, [], 'a head that ends within the lines positions no TC703');
      assert.deepEqual(result.diagnostics, expected);
      assert.equal(drifts.length, 2, 'each TC703 positioned once when the whole list is read (an "off" one too: positioning drops it)');
      // An edit that moves no line but changes a drifted declaration: counted again, positioned when read.
      drifts.length = 0;
      e.edit(change(4, 0, 4, lines[4]!.length, plain(4)));
      await assertMatchesScratch(e, { severity });
    }
  });

  it('reads a file with few problems through its problem lines, in line order, as a walk would', async () => {
    // 300 lines, problems on 4 of them (fewer than one line in eight: the sorted-set path).
    const plain = (i: number) => JSON.stringify(callExample(JSON.stringify({ city: `City ${i}` })));
    const lines = Array.from({ length: 300 }, (_, i) => (i === 250 ? sampleLines()[1]! : i === 40 ? sampleLines()[2]! : plain(i)));
    const e = editor(lines.join('\n') + '\n');
    const first = await assertMatchesScratch(e);
    assert.deepEqual(first.diagnostics.map((d) => `${d.line}:${d.code}`), ['40:TC511', '250:TC101']);
    e.edit(change(10, 0, 10, 0, `${plain(7)}\n`)); // a copy of line 7, inserted above both
    e.edit(change(100, 0, 100, 5, '')); // a line broken
    const second = await assertMatchesScratch(e);
    assert.deepEqual(second.diagnostics.map((d) => `${d.line}:${d.code}`), ['10:TC702', '41:TC511', '100:TC101', '251:TC101']);
  });
});
