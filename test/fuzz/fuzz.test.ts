// CI's short fuzz run: 20 s from a fixed seed (override with FUZZ_SECONDS / FUZZ_SEED).
// Run after `node scripts/build.mjs`; the full run is `node --import tsx test/fuzz/run.ts --seconds 600 --seed S`.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runFuzz } from './harness.ts';
import { runServiceFuzz } from './serviceFuzz.ts';

const seconds = Number(process.env.FUZZ_SECONDS ?? 20);
const seed = Number(process.env.FUZZ_SEED ?? 20_251_121);
// A request unanswered this long is a freeze, not load: generous, so a busy CI machine does not
// fail the run (the 10-minute runs report the slowest answer against the table's 500 ms instead).
const answerMs = Number(process.env.FUZZ_ANSWER_MS ?? 10_000);

it(`fuzz: ${seconds} s of mutated real lines over stdio (seed ${seed}) -> the server never exits and always answers`, { timeout: (seconds + 120) * 1000 }, async () => {
  const report = await runFuzz({ seconds, seed, answerMs, log: (line) => console.log(line) });
  console.log(
    `fuzz (seed ${seed}): ${report.batches} batches, ${report.inputs} inputs, ${report.failures.length} failures, ` +
      `slowest answer ${report.slowestAnswerMs.toFixed(0)} ms (${report.slowestAnswerMethod}), ${report.slowAnswers} answers over ${report.slowMs} ms (reported, not asserted: load-dependent), ` +
      `slowest validation ${report.slowestValidationMs.toFixed(0)} ms`,
  );
  assert.ok(report.batches > 0, 'at least one batch ran');
  assert.deepEqual(report.failures.map((f) => `${f.kind} at batch ${f.batch}: ${f.detail.split('\n')[0]} (${f.file ?? 'not written'})`), []);
});

it(`service fuzz: ${Math.min(seconds, 10)} s of create and eval rounds under injected faults (seed ${seed}) -> no invariant broken`, { timeout: 120_000 }, async () => {
  const report = await runServiceFuzz({ seconds: Math.min(seconds, 10), seed });
  console.log(`service fuzz (seed ${seed}): ${report.rounds} rounds; creates ${JSON.stringify(report.creates)}; evals ${JSON.stringify(report.evals)}`);
  assert.ok(report.creates.rounds > 0 && report.evals.rounds > 0, 'both kinds of round ran');
  assert.deepEqual(report.failures, []);
});
