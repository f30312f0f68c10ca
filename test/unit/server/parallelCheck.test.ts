// The first check of a big document dealt between this thread and a worker (parallelSplit.ts,
// packedResults.ts, checkWorker.ts) must say exactly what the one-thread check says.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DatasetValidator } from '../../../core/validate.ts';
import { WorkerAhead, workerChecker } from '../../../server/checkWorker.ts';
import { BatchPacker, BatchUnpacker } from '../../../server/packedResults.ts';
import { dealLines, toolsFingerprint } from '../../../server/parallelSplit.ts';
import type { CacheValidation } from '../../../server/lineCacheTypes.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';
import { change, editor, prng, sampleLines } from './fixtures.ts';

const ENTRY = path.resolve('test/unit/server/checkWorkerEntry.mjs');

/** Every fixture line, the generator's lines and the cache's samples, picked at random with repeats: duplicates and drifted tools land on both threads. */
function mixedDocument(lines: number, seed: number): string[] {
  const pool = [...fixtureLines(), ...generatedLines(300, seed), ...sampleLines()];
  const r = prng(seed);
  return Array.from({ length: lines }, () => pool[r(pool.length)]!);
}

/** What a publish reads of a validation: the whole list, heads of it, the counts. */
function published(result: CacheValidation | undefined) {
  assert.ok(result, 'not cancelled');
  // The heads first: a capped publish reads them before anything unpacks the rest.
  const few = result.first(3);
  const head = result.first(1001);
  return { few, head, all: result.diagnostics, counts: result.counts, examples: result.examples, lines: result.lines };
}

describe('the first check dealt to a worker', () => {
  it('packs each line as checkLine gave it, and unpacks it the same after a copy between threads', () => {
    const lines = [...fixtureLines(), ...generatedLines(200, 7), '{"messages": [', '', '[1, 2]'];
    const validator = new DatasetValidator();
    const results = lines.map((text, i) => (i === 5 ? { error: 'a rule threw' } : validator.checkLine(text, i)));
    const packer = new BatchPacker();
    const unpacker = new BatchUnpacker();
    for (let first = 0; first < lines.length; first += 97) {
      const batch = structuredClone(packer.pack(first, results.slice(first, first + 97)));
      const unpacked = unpacker.unpack(batch);
      for (let k = 0; k < unpacked.count; k++) {
        const expected = results[first + k]!;
        const got = unpacked.line(k);
        if ('error' in expected) {
          assert.deepEqual(got, expected);
          continue;
        }
        assert.ok(!('error' in got));
        const diagnostics = Array.isArray(got.diagnostics) ? got.diagnostics : (JSON.parse(got.diagnostics.json) as unknown);
        assert.deepEqual(diagnostics, expected.diagnostics, `line ${first + k}`);
        if (!Array.isArray(got.diagnostics)) {
          const counts = { error: 0, warning: 0, info: 0, hint: 0 };
          for (const d of expected.diagnostics) counts[d.severity]++;
          const { json: _json, ...numbers } = got.diagnostics;
          assert.deepEqual(numbers, counts);
        }
        assert.equal(got.facts.isExample, expected.facts.isExample);
        assert.equal(got.facts.contentKey, expected.facts.contentKey);
        assert.deepEqual(got.facts.declarations, expected.facts.declarations);
      }
    }
  });

  it('deals each tool set mostly to one thread and the lines by the share', () => {
    // 40 tool sets (the weather tool described 40 ways) on 2,000 lines in a random order.
    const r = prng(3);
    const sets = Array.from({ length: 40 }, (_, k) => `{"messages": [{"role": "user", "content": "hi ${k}"}], "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather, way ${k}."}}]}`);
    const lines = Array.from({ length: 2000 }, () => sets[r(40)]!.replace(/hi \d+/, `hi ${r(1e6)}`));
    const dealt = dealLines((i) => lines[i]!, 0, 2000, 0.5, () => false);
    const elsewhere = dealt.reduce((sum, x) => sum + x, 0);
    const threadsOf = new Map<number, Set<number>>();
    lines.forEach((line, i) => {
      const fingerprint = toolsFingerprint(line);
      if (!threadsOf.has(fingerprint)) threadsOf.set(fingerprint, new Set());
      threadsOf.get(fingerprint)!.add(dealt[i]!);
    });
    assert.equal(threadsOf.size, 40, 'the fingerprint tells the 40 sets apart and ignores the messages');
    // 1,010 lines to the worker (within the slack of 31 past its 1,000), and no set on both threads.
    assert.deepEqual([elsewhere, [...threadsOf.values()].filter((t) => t.size === 2).length], [1010, 0]);
    // One tool set for the whole file: dealt in runs, by the share (500 of 2,000, and the slack of 31).
    const one = dealLines(() => sets[0]!, 0, 2000, 0.25, (i) => i === 0);
    assert.deepEqual([one[0], one.reduce((sum, x) => sum + x, 0)], [0, 531]);
  });

  it('publishes exactly what the one-thread check publishes, before and after edits', async () => {
    const lines = mixedDocument(1500, 11);
    const alone = editor(lines.join('\n') + '\n');
    const dealt = editor(lines.join('\n') + '\n');
    const errors: unknown[] = [];
    const parallel = { checker: workerChecker(ENTRY, (error) => errors.push(error)), options: {}, minLines: 100, share: 0.5 };
    const expected = published(await alone.validate());
    const got = published(await dealt.validate({ parallel }));
    assert.deepEqual(errors, []);
    assert.ok(dealt.checked.length > 650 && dealt.checked.length < 850, `${dealt.checked.length} of 1500 lines checked on this thread`);
    assert.ok(expected.all.length > 1001, `${expected.all.length} diagnostics: more than a capped publish reads`);
    assert.deepEqual(got, expected);
    // Edits after the dealt check: lines in and out, a duplicate made unique, a copy of a line from the other part.
    const r = prng(5);
    for (let k = 0; k < 12; k++) {
      const line = r(1400);
      const edit = k % 3 === 0 ? change(line, 0, line + 1, 0, '') : k % 3 === 1 ? change(line, 0, line, 0, `${lines[r(1500)]}\n`) : change(line, 0, line, 1, ' {');
      alone.edit(edit);
      dealt.edit(edit);
      assert.deepEqual(published(await dealt.validate({ parallel })), published(await alone.validate()), `after edit ${k}`);
    }
  });

  it('takes the worker started ahead (holding until it is online) for the next check, and starts a new one for the one after', async () => {
    const ahead = new WorkerAhead(ENTRY);
    const hold = ahead.start();
    assert.equal(hold(), true, 'not online right after it was started');
    while (hold()) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(ahead.start()(), false, 'one spare at a time');
    const lines = mixedDocument(300, 4);
    const parallel = { checker: workerChecker(ENTRY, () => undefined, ahead), options: {}, minLines: 100, share: 0.5 };
    for (let k = 0; k < 2; k++) {
      const alone = editor(lines.join('\n'));
      const dealt = editor(lines.join('\n'));
      assert.deepEqual(published(await dealt.validate({ parallel })), published(await alone.validate()));
    }
    assert.deepEqual([ahead.started, ahead.taken], [1, 1]);
  });

  it('publishes the same on the generator\'s dataset, its tools declared on both threads', async () => {
    const lines = generatedLines(1200, 2);
    const alone = editor(lines.join('\n'));
    const dealt = editor(lines.join('\n'));
    const parallel = { checker: workerChecker(ENTRY, () => undefined), options: {}, minLines: 100, share: 0.6 };
    assert.deepEqual(published(await dealt.validate({ parallel })), published(await alone.validate()));
  });
});
