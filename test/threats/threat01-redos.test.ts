import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DatasetValidator, validateText } from '../../core/validate.ts';
import type { StdioClient } from '../lsp/stdioClient.ts';
import { BACKREF_PATTERN, callLine, FIRST_LINE, LOOKAHEAD_PATTERN, patternSchema, REDOS_PATTERN, REDOS_SUBJECT } from './inputs.ts';
import { assertAnswers, coreRows, diagnosticsOf, QUIET, rows, startServer } from './stdio.ts';
import { CALIBRATED_FACTOR, CALIBRATED_SLACK_MS, fastestOf } from '../helpers/latency.ts';

/** The hostile input within CALIBRATED_FACTOR of the benign one (+ slack); the table's 50 ms is timed by the bench. */
function assertCalibrated({ workMs, calibrationMs }: { workMs: number; calibrationMs: number }): void {
  console.log(`hostile ${workMs.toFixed(2)} ms, benign ${calibrationMs.toFixed(2)} ms`);
  assert.ok(workMs < CALIBRATED_FACTOR * calibrationMs + CALIBRATED_SLACK_MS, `hostile ${workMs.toFixed(2)} ms, benign ${calibrationMs.toFixed(2)} ms`);
}

const UNSUPPORTED = (pattern: string, construct: string) =>
  `Parameters of "f": Pattern "${pattern}" uses a ${construct}, which is not supported; use a pattern without look-arounds or back-references.`;

describe('threat 1: ReDoS pattern / patternProperties in a tool schema', () => {
  it('core: "^(a+)+$" against 40 "a" and a "!" costs what a matching subject costs (linear) and reports TC515', () => {
    const validator = new DatasetValidator(QUIET);
    // Compile the schema and warm the reporting path first (a matching and a short failing argument):
    // the bound is on matching the hostile subject, not on compiling or on the JIT.
    assert.deepEqual(validateText(callLine(patternSchema(REDOS_PATTERN), { x: 'aaaa' }), QUIET, validator).diagnostics, []);
    assert.equal(validateText(callLine(patternSchema(REDOS_PATTERN), { x: 'b' }), QUIET, validator).diagnostics.length, 1);
    const line = callLine(patternSchema(REDOS_PATTERN), { x: REDOS_SUBJECT });
    const { diagnostics } = validateText(line, QUIET, validator);
    // Load-independent: the hostile line costs about what a line with a matching subject of the same length costs.
    const benign = callLine(patternSchema(REDOS_PATTERN), { x: 'a'.repeat(REDOS_SUBJECT.length) });
    const timing = fastestOf(5, () => validateText(line, QUIET, validator), () => validateText(benign, QUIET, validator));
    const at = line.indexOf('\\"x\\"');
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.severity, d.message]),
      [[0, at + 6, line.indexOf('!') + 3, 'TC515', 'error', 'Argument "x" must match pattern "^(a+)+$".']],
    );
    assertCalibrated(timing);
  });

  it('core: the same pattern as a patternProperties key, against a 40 "a" + "!" property name, in linear time', () => {
    const schema = { type: 'object', patternProperties: { [REDOS_PATTERN]: { type: 'string' } }, additionalProperties: false };
    const validator = new DatasetValidator(QUIET);
    validateText(callLine(schema, { aaa: 'x' }), QUIET, validator);
    validateText(callLine(schema, { b: 'x' }), QUIET, validator);
    const line = callLine(schema, { [REDOS_SUBJECT]: 'x' });
    const { diagnostics } = validateText(line, QUIET, validator);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message]), [['TC514', `Unknown argument "${REDOS_SUBJECT}" for "f".`]]);
    const benign = callLine(schema, { ['a'.repeat(REDOS_SUBJECT.length)]: 'x' });
    assertCalibrated(fastestOf(5, () => validateText(line, QUIET, validator), () => validateText(benign, QUIET, validator)));
  });

  it('core: "(?=a)" -> an unsupported-pattern diagnostic (TC409) on the pattern', () => {
    const line = callLine(patternSchema(LOOKAHEAD_PATTERN), { x: 'a' });
    const at = line.indexOf('"(?=a)"');
    assert.deepEqual(
      validateText(line, QUIET).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.severity, d.message]),
      [[0, at, at + '"(?=a)"'.length, 'TC409', 'warning', UNSUPPORTED(LOOKAHEAD_PATTERN, 'look-around')]],
    );
  });

  it('core: "(a)\\1" -> an unsupported-pattern diagnostic (TC409) on the pattern', () => {
    const line = callLine(patternSchema(BACKREF_PATTERN), { x: 'aa' });
    const quoted = JSON.stringify(BACKREF_PATTERN);
    const at = line.indexOf(quoted);
    assert.deepEqual(
      validateText(line, QUIET).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.severity, d.message]),
      [[0, at, at + quoted.length, 'TC409', 'warning', UNSUPPORTED(BACKREF_PATTERN, 'back-reference')]],
    );
  });

  describe('server over stdio', () => {
    let client: StdioClient;
    before(async () => (client = await startServer()));
    after(async () => await client.stop());

    it('publishes exactly the core diagnostics for the three patterns and still answers', async () => {
      const uri = 'file:///threats/redos.jsonl';
      const text = [
        FIRST_LINE,
        // Distinct tool names: the same name declared differently on two lines is a TC703 of its own.
        callLine(patternSchema(REDOS_PATTERN), { x: REDOS_SUBJECT }, 'redos'),
        callLine(patternSchema(LOOKAHEAD_PATTERN), { x: 'a' }, 'lookahead'),
        callLine(patternSchema(BACKREF_PATTERN), { x: 'aa' }, 'backref'),
      ].join('\n');
      await client.open(uri, text, 1);
      const published = await diagnosticsOf(client, uri, 1);
      assert.deepEqual(rows(published), coreRows(text));
      assert.deepEqual(rows(published).map((r) => r[3]), ['TC515', 'TC409', 'TC409']);
      await assertAnswers(client);
    });
  });
});
