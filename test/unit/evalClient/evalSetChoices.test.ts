import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalSetItems, preselected, toCheck } from '../../../client/eval/evalSetChoices.ts';

const files = [
  { label: 'data/train.jsonl', active: true, errors: 2 },
  { label: 'data/eval.jsonl', active: false, errors: 0 },
  { label: 'data/test-set.jsonl', active: false, errors: 1 },
  { label: 'data/holdout.jsonl', active: false, errors: undefined },
  { label: 'notes/a.jsonl', active: false, errors: 0 },
];

test('clean files first (active, then eval-looking names, then the rest); files with errors last, with their count', () => {
  assert.deepEqual(evalSetItems(files).map((i) => [i.label, i.description]), [
    ['data/eval.jsonl', 'no errors'],
    ['data/holdout.jsonl', ''],
    ['notes/a.jsonl', 'no errors'],
    ['data/train.jsonl', '$(error) 2 errors'],
    ['data/test-set.jsonl', '$(error) 1 error'],
  ]);
});

test('the selected item is never a file with errors, nor one not checked', () => {
  assert.equal(preselected(evalSetItems(files))?.label, 'data/eval.jsonl');
  assert.equal(preselected(evalSetItems([{ label: 'train.jsonl', active: true, errors: 3 }, { label: 'x.jsonl', active: false, errors: undefined }])), undefined);
  assert.equal(preselected(evalSetItems([{ label: 'train.jsonl', active: true, errors: 0 }, { label: 'eval.jsonl', active: false, errors: 0 }]))?.label, 'train.jsonl');
});

test('toCheck: the first files in picker order, whatever their (unknown) errors', () => {
  assert.deepEqual(toCheck(files, 3).map((c) => c.label), ['data/train.jsonl', 'data/eval.jsonl', 'data/holdout.jsonl']);
});
