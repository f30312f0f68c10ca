// FileRules no longer walks a declaration list (shared by the lines repeating a tool set) whose
// every declaration was the first of its name's. Held to the rules as they were (observe kept
// here as the reference) on random files: shared and copied lists, names declared in several
// ways, lists repeating a name, drift first seen on lines with and without text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateOf, driftFinding, byLineThenName, tooFewExamples, MIN_EXAMPLES, FileRules, type FileFinding } from '../../../core/checks/fileChecks.ts';
import type { Finding } from '../../../core/checks/findings.ts';
import type { LineFacts } from '../../../core/checks/lineFacts.ts';
import type { Declaration } from '../../../core/checks/toolSet.ts';
import type { JsonPath } from '../../../core/dataset/jsonPath.ts';
import { mulberry32 } from '../../../core/random.ts';

/** FileRules before the change. */
class ReferenceRules {
  private examples = 0;
  private readonly firstByContent = new Map<string, number>();
  private readonly declarations = new Map<string, { key: string; line: number; keys: Set<string>; driftLines: number[]; namePath?: JsonPath }>();
  private readonly texts = new Map<number, string>();

  observe(line: number, facts: LineFacts, text?: () => string): Finding[] {
    if (!facts.isExample) return [];
    this.examples++;
    const found: Finding[] = [];
    if (facts.contentKey !== undefined) {
      const first = this.firstByContent.get(facts.contentKey);
      if (first === undefined) this.firstByContent.set(facts.contentKey, line);
      else found.push(duplicateOf(first));
    }
    for (const declaration of facts.declarations ?? []) {
      const seen = this.declarations.get(declaration.name);
      if (!seen) this.declarations.set(declaration.name, { key: declaration.key, line, keys: new Set([declaration.key]), driftLines: [] });
      else if (seen.key !== declaration.key) {
        seen.keys.add(declaration.key);
        if (seen.driftLines[seen.driftLines.length - 1] !== line) seen.driftLines.push(line);
        if (!seen.namePath) {
          seen.namePath = declaration.namePath;
          if (text) this.texts.set(line, text());
        }
      }
    }
    return found;
  }

  finish(): FileFinding[] {
    const found: FileFinding[] = [];
    for (const [name, d] of this.declarations) {
      if (d.namePath) found.push(driftFinding({ name, firstLine: d.line, driftLines: d.driftLines, namePath: d.namePath, variants: d.keys.size }));
    }
    found.sort(byLineThenName);
    if (this.examples >= MIN_EXAMPLES) return found;
    return [...found, tooFewExamples(this.examples)];
  }

  lineText(line: number): string | undefined {
    return this.texts.get(line);
  }
}

/** A random file's facts: lists drawn from a pool (shared, as lines repeating a tool set share them) or copied. */
function randomFacts(random: () => number, lines: number): LineFacts[] {
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const declaration = (): Declaration => {
    const name = names[Math.floor(random() * names.length)];
    return { name, key: `${name}:${Math.floor(random() * 3)}`, namePath: ['tools', Math.floor(random() * 3), 'function', 'name'] };
  };
  const pool: Declaration[][] = Array.from({ length: 12 }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, declaration));
  return Array.from({ length: lines }, (): LineFacts => {
    if (random() < 0.05) return { isExample: false };
    const list = pool[Math.floor(random() * pool.length)];
    const declarations = random() < 0.1 ? undefined : random() < 0.2 ? list.map((d) => ({ ...d })) : list;
    return { isExample: true, contentKey: random() < 0.1 ? undefined : `k${Math.floor(random() * lines)}`, declarations };
  });
}

test('FileRules gives the findings, texts and counts it gave before, on 3,000 random files', () => {
  const random = mulberry32(703);
  let drifts = 0;
  for (let file = 0; file < 3000; file++) {
    const facts = randomFacts(random, 1 + Math.floor(random() * 40));
    const rules = new FileRules();
    const reference = new ReferenceRules();
    facts.forEach((f, line) => {
      const text = random() < 0.8 ? () => `line ${line}` : undefined;
      assert.deepEqual(rules.observe(line, f, text), reference.observe(line, f, text));
    });
    const finished = rules.finish();
    assert.deepEqual(finished, reference.finish());
    for (let line = 0; line < facts.length; line++) assert.equal(rules.lineText(line), reference.lineText(line));
    drifts += finished.filter((f) => f.finding.code === 'TC703').length;
  }
  assert.ok(drifts > 3000, `TC703: ${drifts}`);
});
