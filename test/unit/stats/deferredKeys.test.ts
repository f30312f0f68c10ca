// An index with deferred exact keys (deferredKeys.ts) computes keys only for examples whose
// fingerprint came before, and reads the first example of each such fingerprint again. Its exact
// and near groups must be those of an index that keys every example, on lines with copies written
// in other forms, and also with fingerprints so weak that different lines share them (then only
// the keys tell them apart).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateIndex } from '../../../core/stats/duplicates.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';
import { KeyGroups } from '../../../core/stats/keyGroups.ts';
import { SharedDeclarationsReader } from '../../../core/stats/sharedDeclarations.ts';
import type { Fingerprint } from '../../../core/stats/valueFingerprint.ts';
import { fixtureLines, generatedLines, spaced } from '../../helpers/datasetLines.ts';

/** The value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

/** Lines with exact copies (verbatim, keys reversed, Python's spacing, non-ASCII escaped) and near copies (one word changed), scrambled. */
function linesWithCopies(): string[] {
  const base = [...fixtureLines(), ...generatedLines(400, 31)];
  const out: string[] = [];
  let state = 29;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (const line of base) {
    out.push(line);
    if (next() % 3 !== 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    for (let copy = 0; copy < 1 + (next() % 4); copy++) {
      const form = next() % 5;
      const text =
        form === 0 ? line
        : form === 1 ? JSON.stringify(reversed(value))
        : form === 2 ? spaced(value)
        : form === 3 ? JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))
        : line.replace(/"content":"(\w+)/, '"content":"$1x');
      out.splice(next() % (out.length + 1), 0, text);
    }
  }
  return out;
}

function groupsOf(lines: string[], options: { deferKeys?: boolean; fingerprint?: (example: Example, textHash: number, out: Fingerprint) => Fingerprint }) {
  const reader = new SharedDeclarationsReader();
  const index = new DuplicateIndex(undefined, options);
  lines.forEach((text, i) => {
    const example = reader.read({ index: i, text });
    if (typeof example !== 'string') index.add(example);
  });
  const again = index.linesToReread();
  for (const i of again) index.addReread(readExample({ index: i, text: lines[i] }) as Example);
  return { exact: index.exactDuplicates(), near: index.nearDuplicates(), again };
}

const lines = linesWithCopies();
const everyKey = groupsOf(lines, {});

test('deferred keys find the same exact and near groups as a key for every line; only each group\'s first line is read again', () => {
  const deferred = groupsOf(lines, { deferKeys: true });
  assert.deepEqual(deferred.exact, everyKey.exact);
  assert.deepEqual(deferred.near, everyKey.near);
  assert.deepEqual(deferred.again, everyKey.exact.map((group) => group.lines[0] - 1));
  assert.deepEqual(everyKey.again, []);
  // The comparison means something: groups of copies written in other forms, and near groups.
  assert.ok(everyKey.exact.length > 150, `${everyKey.exact.length} exact groups`);
  assert.ok(everyKey.near.length > 20, `${everyKey.near.length} near groups`);
});

test('fingerprints that many different lines share: the keys still make the same groups', () => {
  const weak = [
    // Every line alike: every example but the first is keyed, and the first is read again.
    (_example: Example, _textHash: number, out: Fingerprint) => Object.assign(out, { lo: 7, hi: 7 }),
    // By the number of messages: a few classes of unrelated lines.
    (example: Example, _textHash: number, out: Fingerprint) => Object.assign(out, { lo: example.messages.length, hi: 0 }),
  ];
  for (const fingerprint of weak) {
    const deferred = groupsOf(lines, { deferKeys: true, fingerprint });
    assert.deepEqual(deferred.exact, everyKey.exact);
    assert.deepEqual(deferred.near, everyKey.near);
  }
  assert.deepEqual(groupsOf(lines, { deferKeys: true, fingerprint: weak[0] }).again, [lines.findIndex((text, i) => typeof readExample({ index: i, text }) !== 'string')]);
});

test('deferred keys: groups refused until the first lines are read again, a changed line refused, a validation line refused until announced', () => {
  const text = '{"messages":[{"role":"user","content":"hello there my friend"}]}';
  const index = new DuplicateIndex(undefined, { deferKeys: true });
  for (let i = 0; i < 3; i++) index.add(readExample({ index: i, text }) as Example);
  assert.deepEqual(index.linesToReread(), [0]);
  assert.throws(() => index.exactDuplicates(), /1 lines must be read again/);
  assert.throws(() => index.addReread(readExample({ index: 0, text: text.replace('hello', 'hullo') }) as Example), /Line 1 changed while it was read/);
  index.addReread(readExample({ index: 0, text }) as Example);
  assert.deepEqual(index.exactDuplicates(), [{ lines: [1, 2, 3] }]);
  // More lines after the groups were asked for: asked again, they count them.
  index.add(readExample({ index: 3, text }) as Example);
  assert.deepEqual(index.exactDuplicates(), [{ lines: [1, 2, 3, 4] }]);
  // A validation line compared before it was announced and the lines it may repeat were read again.
  const other = new DuplicateIndex(undefined, { deferKeys: true });
  other.add(readExample({ index: 0, text }) as Example);
  const validation = readExample({ index: 6, text: text.replace('{"role"', '{ "role"') }) as Example;
  assert.throws(() => other.linesEqualTo(validation), /^Error: Line 7 was compared before the lines it may repeat were read again\.$/);
  assert.throws(() => other.nearestTo(validation), /^Error: Line 7 was compared before the lines it may repeat were read again\.$/);
  other.wantCopiesOf(validation);
  assert.deepEqual(other.linesToReread(), [0]);
  other.addReread(readExample({ index: 0, text }) as Example);
  assert.deepEqual(other.linesEqualTo(validation), [1]);
  assert.equal(other.nearestTo(validation), undefined);
});

test('validation lines against deferred keys: the same exact copies and nearest lines as against every line keyed', () => {
  const examples = lines.map((text, index) => readExample({ index, text })).filter((e): e is Example => typeof e !== 'string');
  const training = examples.filter((_, i) => i % 5 !== 0);
  const validation = examples.filter((_, i) => i % 5 === 0);
  const answers = (index: DuplicateIndex) => validation.map((example) => ({ same: index.linesEqualTo(example), near: index.nearestTo(example) }));
  const everyKey = new DuplicateIndex();
  for (const example of training) everyKey.add(example);
  const expected = answers(everyKey);
  for (const fingerprint of [undefined, (_example: Example, _textHash: number, out: Fingerprint) => Object.assign(out, { lo: 7, hi: 7 })]) {
    const deferred = new DuplicateIndex(undefined, { deferKeys: true, ...(fingerprint ? { fingerprint } : {}) });
    for (const example of training) deferred.add(example);
    for (const example of validation) deferred.wantCopiesOf(example);
    for (const i of deferred.linesToReread()) deferred.addReread(readExample({ index: i, text: lines[i] }) as Example);
    assert.deepEqual(answers(deferred), expected);
    assert.deepEqual(deferred.exactDuplicates(), everyKey.exactDuplicates());
  }
  // The comparison means something: validation lines with exact copies and with near ones.
  assert.ok(expected.filter((a) => a.same.length > 0).length > 50, `${expected.filter((a) => a.same.length > 0).length} with copies`);
  assert.ok(expected.filter((a) => a.near).length > 10, `${expected.filter((a) => a.near).length} with a near line`);
});

test('KeyGroups: members added alone are groups of their own that find never answers, among keyed members, past growth', () => {
  const groups = new KeyGroups();
  const digest = (n: number) => {
    const bytes = new Uint8Array(20);
    bytes[0] = n & 255;
    bytes[1] = n >> 8;
    bytes[2] = n >> 16;
    return bytes;
  };
  const heads: number[] = [];
  // 5,000 alone, then keyed members (2,500 groups of two, the table grows), alone ones between.
  for (let id = 0; id < 5_000; id++) heads.push(groups.addAlone());
  for (let n = 0; n < 2_500; n++) {
    heads.push(groups.add(digest(n)));
    heads.push(groups.addAlone());
    heads.push(groups.add(digest(n)));
  }
  assert.equal(groups.size, 12_500);
  assert.deepEqual(heads.slice(0, 5_000), Array.from({ length: 5_000 }, (_, id) => id));
  for (let n = 0; n < 2_500; n++) {
    const first = 5_000 + 3 * n;
    assert.deepEqual([heads[first], heads[first + 1], heads[first + 2]], [first, first + 1, first]);
    assert.equal(groups.find(digest(n)), first);
    assert.deepEqual(groups.members(first), [first, first + 2]);
    assert.equal(groups.isShared(first + 1), false);
  }
  // An all-zero digest matches no member added alone (their digest bytes are never set).
  assert.equal(groups.find(new Uint8Array(20)), 5_000);
  assert.equal(groups.find(digest(2_500)), -1);
});
