// Every rule family has an annotated fixture (test/fixtures/checks/*.jsonl, format in
// annotated.ts): the run must give exactly the diagnostics marked, on exactly those ranges, and
// every code of the registry must be marked somewhere. Dataset fixtures also go through the
// language server's line cache, which must say the same as the core (one emit site per rule).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../../core/checks/rules.ts';
import { validateText } from '../../../core/validate.ts';
import { DocumentState, linesOf } from '../../../server/documents.ts';
import { LineDocument } from '../../../server/lineDocument.ts';
import { byPosition, fixtureDiagnostics, parseAnnotated, renderAnnotated, validatorOf, type Expected } from './annotated.ts';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'checks');

/** The found diagnostics with messages only where the fixture states one. */
function comparable(found: Expected[], expected: Expected[]): Expected[] {
  return found.map((f) => {
    const stated = expected.find((e) => e.line === f.line && e.start === f.start && e.end === f.end && e.code === f.code);
    const { message, ...rest } = f;
    return stated?.message !== undefined ? { ...rest, message } : rest;
  });
}

const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl')).sort();
const covered = new Set<string>();

describe('annotated rule fixtures', () => {
  for (const file of files) {
    const fixture = parseAnnotated(readFileSync(path.join(FIXTURES, file), 'utf8'));
    for (const e of fixture.expected) covered.add(e.code);

    test(file, async () => {
      const isDataset = fixture.directives.kind === undefined;
      const found: Expected[] = fixtureDiagnostics(fixture);
      const actual = comparable(found, fixture.expected).sort(byPosition);
      const expected = [...fixture.expected].sort(byPosition);
      assert.equal(renderAnnotated(fixture.lines, actual), renderAnnotated(fixture.lines, expected));
      assert.deepEqual(actual, expected);

      if (isDataset) {
        // The language server's incremental path (line cache, incremental file rules) says the same.
        const document = LineDocument.create('file:///ws/data.jsonl', 'jsonl', 1, fixture.text);
        const state = new DocumentState(document);
        const validator = validatorOf(fixture);
        const viaServer = await state.cache.validate(linesOf(document), validator, {});
        assert.deepEqual(viaServer?.diagnostics, validateText(fixture.text, validator.options, validatorOf(fixture)).diagnostics);
      }
    });
  }

  test('every code in the registry has at least one annotated fixture', () => {
    assert.ok(files.length >= 8, `${files.length} fixture files`);
    assert.deepEqual(Object.keys(RULES).filter((code) => !covered.has(code)), []);
  });
});
