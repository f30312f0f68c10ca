import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matchingBlocks, sequenceRatio } from '../../../core/eval/difflib.ts';
import { reference } from './reference.ts';

describe('sequenceRatio matches CPython difflib exactly', () => {
  it('on canonical argument JSON, with and without autojunk', () => {
    for (const r of reference.args) {
      assert.equal(sequenceRatio(r.canonical_a, r.canonical_b), r.ratio, r.name);
      assert.equal(sequenceRatio(r.canonical_a, r.canonical_b, { autojunk: false }), r.ratio_no_autojunk, r.name);
    }
  });

  it('on raw strings compared as code points', () => {
    for (const r of reference.raw) {
      assert.equal(sequenceRatio(r.a, r.b), r.ratio, JSON.stringify([r.a, r.b]));
      assert.equal(sequenceRatio(r.a, r.b, { autojunk: false }), r.ratio_no_autojunk, JSON.stringify([r.a, r.b]));
    }
  });

  it('covers pairs where autojunk changes the ratio', () => {
    const differ = reference.args.filter((r) => r.ratio !== r.ratio_no_autojunk);
    assert.ok(differ.length >= 8, `only ${differ.length} pairs differ`);
  });

  it('gives the docstring values', () => {
    assert.equal(sequenceRatio('abcd', 'bcde'), 0.75);
    assert.equal(sequenceRatio('', ''), 1.0);
    assert.equal(sequenceRatio('abc', ''), 0);
    // An emoji is one element, as in Python: 2*2/(3+3).
    assert.equal(sequenceRatio('a\u{1F600}b', 'a\u{1F601}b'), 2 / 3);
  });

  it('gives 1.0 for equal strings even where autojunk removes every element', () => {
    assert.equal(sequenceRatio('ab'.repeat(150), 'ab'.repeat(150)), 1.0);
  });
});

describe('matchingBlocks', () => {
  it('merges adjacent blocks and ends with the dummy block', () => {
    assert.deepEqual(matchingBlocks('abxcd', 'abcd'), [[0, 0, 2], [3, 2, 2], [5, 4, 0]]);
  });

  it('finds the longest block earliest in a, then in b', () => {
    assert.deepEqual(matchingBlocks(' abcd', 'abcd abcd'), [[0, 4, 5], [5, 9, 0]]);
  });

  it('counts in code points', () => {
    assert.deepEqual(matchingBlocks('\u{1F600}x', '\u{1F600}y'), [[0, 0, 1], [2, 2, 0]]);
  });
});
