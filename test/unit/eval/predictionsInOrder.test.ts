// Predictions in the eval set's order are read alongside it, with no table
// (core/eval/predictionsInOrder.ts). scoreOffline must give exactly what the table gives, for
// files in that order (with bad, blank and foreign lines, predictions for cases the set lacks and
// cases with none) and out of it: those are scored again from the start with the table. The eval
// set is then read twice, which these tests count, so that a test of the in-order path cannot
// pass by falling back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { splitLines, type LineReader } from '../../../core/dataset/lines.ts';
import { extractCases } from '../../../core/eval/cases.ts';
import { scoreOffline, type LineReaderSource, type OfflineKeep } from '../../../core/eval/offline.ts';
import { PredictionTable } from '../../../core/eval/predictions.ts';
import { PredictionsInOrder, PredictionsOutOfOrder } from '../../../core/eval/predictionsInOrder.ts';
import { mulberry32 } from '../../../core/random.ts';

const fixture = readFileSync(join(__dirname, '../../fixtures/eval/eval-small.jsonl'), 'utf8');
const call = (name: string, args: string) => ({ type: 'function', function: { name, arguments: args } });

/** The text's lines read one at a time, as cli/fileLines.ts' FileLineReader reads a file. */
function readerOf(text: string): LineReader & { closed: boolean } {
  const lines = [...splitLines(text)];
  let at = -1;
  return {
    closed: false,
    nextLine: () => (at = Math.min(at + 1, lines.length)) < lines.length,
    get index() {
      return lines[at]!.index;
    },
    text: () => lines[at]!.text,
    close() {
      this.closed = true;
    },
  };
}

/** The eval set handed over line by line, counting how many times it was read, and how many lines each pass handed over. */
function countedDataset(text: string): { read: (onLine: (text: string, index: number) => void) => void; passes: () => number; handed: number[] } {
  const handed: number[] = [];
  return {
    read: (onLine) => {
      handed.push(0);
      for (const line of splitLines(text)) {
        handed[handed.length - 1]!++;
        onLine(line.text, line.index);
      }
    },
    passes: () => handed.length,
    handed,
  };
}

/**
 * An eval set of the fixture's lines repeated, and its predictions in the set's order: each case
 * predicted as expected, with a character changed, renamed, a call left out, or not at all, with
 * blank lines, lines that are not predictions and predictions for cases the set does not have.
 */
function generated(random: () => number): { dataset: string; inOrder: string[] } {
  const dataset = Array.from({ length: 3 + Math.floor(random() * 6) }, () => fixture).join('\n');
  const { cases } = extractCases(dataset);
  const inOrder: string[] = [];
  for (const c of cases) {
    const r = random();
    if (r < 0.05) inOrder.push('');
    else if (r < 0.1) inOrder.push('not json');
    else if (r < 0.15) inOrder.push(JSON.stringify({ line: c.line, turn: -1 }));
    // A case the set does not have (the turn before is a user's or a tool's message).
    if (random() < 0.1) inOrder.push(JSON.stringify({ line: c.line, turn: c.turn - 1, tool_calls: [] }));
    if (random() < 0.1) continue;
    let calls = c.expected.map((e) => ({ ...e }));
    const m = random();
    if (m < 0.2 && calls.length > 0) calls[0]!.arguments = calls[0]!.arguments.replace(/[a-z]/, 'q');
    else if (m < 0.3 && calls.length > 0) calls[0]!.name += '_v2';
    else if (m < 0.4) calls = calls.slice(1);
    inOrder.push(JSON.stringify({ line: c.line, turn: c.turn, tool_calls: calls.map((e) => call(e.name, e.arguments)) }));
  }
  inOrder.push(JSON.stringify({ line: 10_000, turn: 1, tool_calls: [] }), '{"line": 2}');
  return { dataset, inOrder };
}

/** Predictions out of the set's order, each way a file can be: shuffled, one late swap, a key given twice. */
function outOfOrder(random: () => number, lines: string[]): string[][] {
  const predictions = lines.filter((l) => l.startsWith('{"line"') && l.includes('tool_calls'));
  const shuffled = [...lines].sort(() => random() - 0.5);
  const swapped = [...lines];
  const a = swapped.indexOf(predictions.at(-2)!);
  const b = swapped.indexOf(predictions.at(-4)!);
  [swapped[a], swapped[b]] = [swapped[b]!, swapped[a]!];
  const repeated = [...lines];
  const k = repeated.indexOf(predictions[Math.floor(predictions.length / 2)]!);
  repeated.splice(k + 1, 0, repeated[k]!);
  return [shuffled, swapped, repeated];
}

test('predictions in order: the table\'s scores and errors from one read of the eval set, on 60 generated sets', async () => {
  const random = mulberry32(23);
  let cases = 0;
  let errors = 0;
  for (let n = 0; n < 60; n++) {
    const { dataset, inOrder } = generated(random);
    const text = inOrder.join('\n');
    for (const keep of ['records', 'scores', 'summary'] as OfflineKeep[]) {
      const table = await scoreOffline(splitLines(dataset), splitLines(text), { keep });
      const counted = countedDataset(dataset);
      const readers: ReturnType<typeof readerOf>[] = [];
      const source: LineReaderSource = { open: () => readers[readers.push(readerOf(text)) - 1]! };
      assert.deepEqual(await scoreOffline(counted.read, source, { keep }), table, `set ${n}, keep ${keep}`);
      assert.equal(counted.passes(), 1, `set ${n}: read once`);
      assert.deepEqual(readers.map((r) => r.closed), [true]);
      cases += table.caseCount;
      errors += table.predictionErrors.count;
    }
  }
  // Enough of both that the comparison means something (each set counted once per keep).
  assert.deepEqual([cases, errors], [8088, 987]);
});

test('predictions out of order (shuffled, one late swap, a key given twice): scored again with the table, the same scores and errors', async () => {
  const random = mulberry32(29);
  for (let n = 0; n < 20; n++) {
    const { dataset, inOrder } = generated(random);
    for (const [way, lines] of outOfOrder(random, inOrder).entries()) {
      const text = lines.join('\n');
      const table = await scoreOffline(splitLines(dataset), splitLines(text), { keep: 'records' });
      const counted = countedDataset(dataset);
      const readers: ReturnType<typeof readerOf>[] = [];
      const source: LineReaderSource = { open: () => readers[readers.push(readerOf(text)) - 1]! };
      assert.deepEqual(await scoreOffline(counted.read, source, { keep: 'records' }), table, `set ${n}, way ${way}`);
      assert.equal(counted.passes(), 2, `set ${n}, way ${way}: read again`);
      // Shuffled, it is found out at the first case (line 1): the predictions are read a batch ahead.
      if (way === 0) assert.equal(counted.handed[0], 1, `set ${n}: found out at line ${counted.handed[0]}`);
      assert.deepEqual(readers.map((r) => r.closed), [true, true]);
      if (way === 2) assert.equal(table.predictionErrors.first.filter((e) => e.message.endsWith('was already given.')).length, 1);
    }
  }
});

test('an eval set that is not a function (an iterable, read once) takes the table at once', async () => {
  const { dataset, inOrder } = generated(mulberry32(31));
  const text = inOrder.join('\n');
  let opened = 0;
  const scores = await scoreOffline(splitLines(dataset), { open: () => (opened++, readerOf(text)) }, { keep: 'records' });
  assert.equal(opened, 1);
  assert.deepEqual(scores, await scoreOffline(splitLines(dataset), splitLines(text), { keep: 'records' }));
});

test('PredictionsInOrder: each case\'s prediction, nothing for a case passed by, the table\'s errors; cases asked out of order throw', () => {
  const lines = [
    JSON.stringify({ line: 1, turn: 1, tool_calls: [call('f', '{}')] }),
    '',
    JSON.stringify({ line: 2, turn: 0, content: 'no case has this' }),
    '[1]',
    JSON.stringify({ line: 2, turn: 3, tool_calls: [call('g', '{"a": 1}')], content: null }),
    JSON.stringify({ line: 5, turn: 1, content: 'hi' }),
    '{"line": 6, "turn": 1, "tool_calls": {}}',
  ].join('\n');
  const inOrder = new PredictionsInOrder(readerOf(lines));
  assert.deepEqual(inOrder.get(1, 1), { line: 1, turn: 1, calls: [{ name: 'f', arguments: '{}' }], content: null });
  assert.equal(inOrder.get(2, 1), undefined);
  assert.deepEqual(inOrder.get(2, 3), { line: 2, turn: 3, calls: [{ name: 'g', arguments: '{"a": 1}' }], content: null });
  assert.equal(inOrder.get(4, 1), undefined);
  assert.throws(() => inOrder.get(4, 1), PredictionsOutOfOrder);
  const again = new PredictionsInOrder(readerOf(lines));
  assert.equal(again.get(7, 1), undefined);
  again.finish();
  const table = new PredictionTable();
  for (const line of splitLines(lines)) table.add(line.text, line.index + 1);
  assert.deepEqual(again.errors, table.errors);
  assert.deepEqual(again.errors, [
    { line: 4, message: 'Line is not a JSON object.' },
    { line: 7, message: '"tool_calls" must be an array.' },
  ]);
  const backwards = new PredictionsInOrder(readerOf([lines.split('\n')[4], lines.split('\n')[0]].join('\n')));
  assert.throws(() => backwards.get(3, 1), PredictionsOutOfOrder);
});
