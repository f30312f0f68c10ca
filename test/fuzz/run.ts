// node --import tsx test/fuzz/run.ts --seconds 600 --seed 1 [--answer-ms 2000] [--stop-on-failure]
// Run after `node scripts/build.mjs`. Exits 1 when the server crashed, hung or stopped answering,
// or when the jobs/eval clients broke an invariant under injected service faults (serviceFuzz.ts,
// run alongside for the same time and seed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFuzz } from './harness.ts';
import { runServiceFuzz } from './serviceFuzz.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const seconds = Number(arg('seconds', '60'));
const seed = Number(arg('seed', String(Date.now() % 100_000)));
const answerMs = Number(arg('answer-ms', '2000'));
if (!Number.isFinite(seconds) || !Number.isInteger(seed)) {
  console.error('Usage: node --import tsx test/fuzz/run.ts --seconds N --seed S (S an integer).');
  process.exit(2);
}
async function main(): Promise<void> {
  console.log(`fuzz: seed ${seed}, ${seconds} s, answer bound ${answerMs} ms`);
  const [report, service] = await Promise.all([
    runFuzz({ seconds, seed, answerMs, stopOnFailure: process.argv.includes('--stop-on-failure'), log: (line) => console.log(line) }),
    runServiceFuzz({ seconds, seed, log: (line) => console.log(line) }),
  ]);
  const summary = {
    ...report,
    slowestAnswerMs: Math.round(report.slowestAnswerMs),
    slowestValidationMs: Math.round(report.slowestValidationMs),
    service,
  };
  const out = path.resolve('test-results', `fuzz-report-${seed}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(summary, null, 1));
  console.log(
    `fuzz done: ${report.batches} batches, ${report.inputs} inputs (${(report.bytesSent / 1e6).toFixed(1)} MB), ` +
      `${report.failures.length} failures, slowest answer ${summary.slowestAnswerMs} ms (batch ${report.slowestAnswerBatch}), ` +
      `slowest validation ${summary.slowestValidationMs} ms, server RSS peak ${report.peakServerRssMb} MB, ${report.handledErrors.length} handled errors, ${report.serverStarts} server start(s). Report: ${path.relative(process.cwd(), out)}`,
  );
  for (const f of report.failures) console.log(`  ${f.kind} at batch ${f.batch}: ${f.slowLine ?? f.detail.split('\n')[0]}${f.file ? ` (${f.file})` : ''}`);
  for (const e of report.handledErrors.slice(0, 5)) console.log(`  handled: ${e.split('\n')[0]}`);
  console.log(`service fuzz: ${service.rounds} rounds; creates ${JSON.stringify(service.creates)}; evals ${JSON.stringify(service.evals)}; ${service.failures.length} failures`);
  for (const f of service.failures.slice(0, 10)) console.log(`  service: ${f}`);
  process.exit(report.failures.length > 0 || service.failures.length > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
