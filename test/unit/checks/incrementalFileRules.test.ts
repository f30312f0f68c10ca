import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileRules } from '../../../core/checks/fileChecks.ts';
import { IncrementalFileRules, type FileRuleEntry } from '../../../core/checks/incrementalFileRules.ts';
import type { LineFacts } from '../../../core/checks/lineFacts.ts';
import { prng } from '../server/fixtures.ts';

function randomFacts(r: (n: number) => number): LineFacts {
  if (r(6) === 0) return { isExample: false };
  if (r(15) === 0) return { isExample: true }; // a line whose check threw: counted, nothing else
  const facts: LineFacts = { isExample: true, contentKey: `c${r(5)}` };
  if (r(3) !== 0) {
    // Few names and keys, so duplicates and drift are common; a name may even repeat on a line.
    facts.declarations = Array.from({ length: 1 + r(3) }, () => {
      const name = `tool${r(3)}`;
      return { name, key: `${name}:v${r(2)}`, namePath: ['tools', r(3), 'function', 'name'] };
    });
  }
  return facts;
}

/** Exactly what a from-scratch replay of `FileRules` says, line by line. */
function replay(facts: LineFacts[]) {
  const rules = new FileRules();
  const perLine = facts.map((f, i) => rules.observe(i, f));
  return { perLine, finish: rules.finish(), examples: rules.exampleCount };
}

/** Random edits of a file whose lines' facts come from `makeFacts`, each step held to a replay. */
function checkAgainstReplay(seed: number, makeFacts: (r: (n: number) => number) => LineFacts): void {
  const r = prng(seed);
  const rules = new IncrementalFileRules();
  let entries: FileRuleEntry[] = [];
  const renumber = () => entries.forEach((e, i) => (e.index = i));
  const insert = (at: number, count: number) => {
    const fresh = Array.from({ length: count }, () => ({ index: -1, facts: makeFacts(r) }));
    entries = [...entries.slice(0, at), ...fresh, ...entries.slice(at)];
    renumber();
    // Added in any order: the groups keep document order themselves.
    for (const e of [...fresh].reverse()) rules.add(e);
  };
  insert(0, r(30));
  for (let step = 0; step < 40; step++) {
    const op = r(3);
    const at = r(entries.length + 1);
    if (op === 0 && entries.length > 0) {
      const i = Math.min(at, entries.length - 1);
      rules.remove(entries[i]!);
      entries[i] = { index: i, facts: makeFacts(r) };
      rules.add(entries[i]!);
    } else if (op === 1) {
      insert(at, 1 + r(4));
    } else {
      const gone = entries.splice(at, r(4));
      gone.forEach((e) => rules.remove(e));
      renumber();
    }
    const expected = replay(entries.map((e) => e.facts));
    const context = `seed ${seed} step ${step}`;
    assert.deepEqual(
      entries.map((e) => rules.findings(e)),
      expected.perLine,
      context,
    );
    assert.deepEqual(entries.map((e) => rules.hasFindings(e)), expected.perLine.map((f) => f.length > 0), context);
    assert.deepEqual(
      [...new Set(rules.entriesWithFindings())].map((e) => e.index).sort((a, b) => a - b),
      expected.perLine.flatMap((f, i) => (f.length > 0 ? [i] : [])),
      context,
    );
    assert.equal(rules.exampleCount, expected.examples, context);
    assert.deepEqual(rules.finish(), expected.finish, context);
  }
  // Once every line is gone, nothing of them is held.
  for (const e of entries) rules.remove(e);
  const held = rules as unknown as Record<'byContent' | 'byList' | 'byTool' | 'hotContent' | 'hotTools', { size: number }>;
  assert.deepEqual([held.byContent.size, held.byList.size, held.byTool.size, held.hotContent.size, held.hotTools.size], [0, 0, 0, 0, 0], `seed ${seed}`);
}

/**
 * Facts whose declarations come from a few lists shared by many lines (one list per tools JSON, as
 * lineFacts makes them), some declaring a name twice; every list once with its own copy.
 */
function sharingFacts(pool: (n: number) => number): (r: (n: number) => number) => LineFacts {
  const lists = Array.from({ length: 5 }, () => randomFacts(pool).declarations ?? []);
  lists.push(...lists.map((list) => list.map((d) => ({ ...d }))));
  return (r) => {
    const facts = randomFacts(r);
    if (facts.declarations) facts.declarations = lists[r(lists.length)];
    return facts;
  };
}

describe('IncrementalFileRules', () => {
  it('equals a FileRules replay after random replaces, inserts and deletes (line numbers in messages included)', () => {
    for (let seed = 1; seed <= 120; seed++) checkAgainstReplay(seed, randomFacts);
  });

  it('equals a FileRules replay when lines share declaration lists, as lines repeating a tools JSON do', () => {
    for (let seed = 1; seed <= 120; seed++) checkAgainstReplay(seed, sharingFacts(prng(1000 + seed)));
  });

  it('words a duplicate after the first occurrence and follows it when lines are inserted above', () => {
    const rules = new IncrementalFileRules();
    const a = { index: 0, facts: { isExample: true, contentKey: 'k' } };
    const b = { index: 1, facts: { isExample: true, contentKey: 'k' } };
    rules.add(a);
    rules.add(b);
    assert.equal(rules.findings(b)[0]!.message, 'Duplicate of line 1; repeated examples skew training toward them.');
    a.index = 11;
    b.index = 12;
    assert.deepEqual(rules.findings(b)[0]!.data, { firstLine: 11 });
    assert.equal(rules.findings(b)[0]!.message, 'Duplicate of line 12; repeated examples skew training toward them.');
    rules.remove(a);
    assert.deepEqual(rules.findings(b), []);
    assert.equal(rules.exampleCount, 1);
  });

  it('says which content keys and tool names changed since it was last asked, and everything after lines moved', () => {
    const rules = new IncrementalFileRules();
    const line = (index: number, content: string, ...tools: string[]): FileRuleEntry => ({
      index,
      facts: { isExample: true, contentKey: content, declarations: tools.map((name) => ({ name, key: `${name}:v1`, namePath: ['tools', 0, 'function', 'name'] })) },
    });
    const a = line(0, 'ca', 'get_weather');
    const b = line(1, 'cb', 'search', 'get_weather');
    rules.add(a);
    rules.add(b);
    assert.deepEqual(rules.takeChanges(), { all: true, content: new Set(), tools: new Set() }, 'everything is new at first');
    assert.deepEqual(rules.takeChanges(), { all: false, content: new Set(), tools: new Set() }, 'nothing since');
    rules.remove(b);
    const b2 = line(1, 'ca', 'search');
    rules.add(b2);
    assert.deepEqual(rules.takeChanges(), { all: false, content: new Set(['cb', 'ca']), tools: new Set(['search', 'get_weather']) });
    assert.deepEqual(rules.withContent('ca'), [a, b2]);
    assert.deepEqual(rules.withContent('cb'), []);
    rules.moveLines();
    rules.remove(a);
    assert.deepEqual(rules.takeChanges(), { all: true, content: new Set(), tools: new Set() });
  });
});
