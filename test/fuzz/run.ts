// node --import tsx test/fuzz/run.ts --seconds 600 --seed 1 [--answer-ms 2000] [--slow-ms 500] [--stop-on-failure]
// Run after `node scripts/build.mjs`. Exits 1 when the server crashed, hung or stopped answering,
// when any request took longer than --slow-ms to answer (issue 15: 500 ms), or when the jobs/eval
// clients broke an invariant under injected service faults (serviceFuzz.ts, run alongside for the
// same time and seed). The last line is the verdict.
import * as fs from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { runFuzz } from './harness.ts';
import { SLOW_ANSWER_MS } from './probe.ts';
import { runServiceFuzz } from './serviceFuzz.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const seconds = Number(arg('seconds', '60'));
const seed = Number(arg('seed', String(Date.now() % 100_000)));
const answerMs = Number(arg('answer-ms', '2000'));
const slowMs = Number(arg('slow-ms', String(SLOW_ANSWER_MS)));
if (!Number.isFinite(seconds) || !Number.isInteger(seed) || !Number.isFinite(slowMs)) {
  console.error('Usage: node --import tsx test/fuzz/run.ts --seconds N --seed S (S an integer).');
  process.exit(2);
}
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  console.log(`fuzz: seed ${seed}, ${seconds} s, no-answer bound ${answerMs} ms, slow-answer bound ${slowMs} ms, load average ${load()}`);
  const [report, service] = await Promise.all([
    runFuzz({ seconds, seed, answerMs, slowMs, stopOnFailure: process.argv.includes('--stop-on-failure'), log: (line) => console.log(line) }),
    runServiceFuzz({ seconds, seed, log: (line) => console.log(line) }),
  ]);
  const summary = {
    ...report,
    slowestAnswerMs: Math.round(report.slowestAnswerMs),
    slowestValidationMs: Math.round(report.slowestValidationMs),
    loadAverageAtEnd: loadavg(),
    service,
  };
  const out = path.resolve('test-results', `fuzz-report-${seed}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(summary, null, 1));

  const count = (kind: string) => report.failures.filter((f) => f.kind === kind).length;
  const crashes = count('exit') + count('stderr');
  console.log(
    `LSP fuzz: ${report.batches} batches, ${report.inputs} inputs (${(report.bytesSent / 1e6).toFixed(1)} MB), ${report.serverStarts} server start(s); ` +
      `crashes ${crashes} (exits ${count('exit')}, stacks on stderr ${count('stderr')}), no answer ${count('no-answer')}, validation timeouts ${count('validation-timeout')}, escaped errors ${count('escaped')}; ` +
      `slowest validation ${summary.slowestValidationMs} ms, server RSS peak ${report.peakServerRssMb} MB, ${report.handledErrors.length} handled errors. Report: ${path.relative(process.cwd(), out)}`,
  );
  for (const f of report.failures) console.log(`  ${f.kind} at batch ${f.batch}: ${f.slowLine ?? f.detail.split('\n')[0]}${f.file ? ` (${f.file})` : ''}`);
  for (const e of report.handledErrors.slice(0, 5)) console.log(`  handled: ${e.split('\n')[0]}`);
  console.log(
    `answers: ${report.answers} timed; slowest ${summary.slowestAnswerMs} ms (${report.slowestAnswerMethod || '-'}, batch ${report.slowestAnswerBatch}); ` +
      `over ${slowMs} ms: ${report.slowAnswers} -> ${report.slowAnswers === 0 ? 'OK' : 'EXCEEDED'}`,
  );
  for (const a of report.slowAnswerSamples) console.log(`  slow: ${a.method} ${a.ms} ms at batch ${a.batch} (${a.inputs})`);
  console.log(`service fuzz: ${service.rounds} rounds; creates ${JSON.stringify(service.creates)}; evals ${JSON.stringify(service.evals)}; ${service.failures.length} failures -> ${service.failures.length === 0 ? 'OK' : 'FAILED'}`);
  for (const f of service.failures.slice(0, 10)) console.log(`  service: ${f}`);
  const pass = report.failures.length === 0 && report.slowAnswers === 0 && service.failures.length === 0;
  console.log(
    `verdict: ${pass ? 'PASS' : 'FAIL'} (seed ${seed}, ${seconds} s, load average ${load()}): ${crashes} crashes, ${report.failures.length} LSP failures, ` +
      `slowest answer ${summary.slowestAnswerMs} ms ${report.slowAnswers === 0 ? '<=' : '>'} ${slowMs} ms (${report.slowAnswers} over), ${service.failures.length} service failures`,
  );
  process.exit(pass ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
