// Fuzzes the jobs and eval clients against slow and flaky service behaviour (test/openai-server
// faults): 5xx before or after the effect, dropped connections, 429, slowness, and a job list
// that lags behind creates (eventual consistency). Invariants, checked after every round:
// - createJob: at most one job per token; after an unclear create the create is never sent
//   again; it returns the job that carries its token, or throws UnknownJobStateError naming the
//   token, or a refusal (an APIError with a 4xx status); nothing else.
// - runModel: returns (never throws) with one record per case asked, each either a prediction or
//   an error sentence, and the key in none of them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractCases } from '../../core/eval/cases.ts';
import { runModel } from '../../core/eval/runner.ts';
import { createJob, IDEMPOTENCY_KEY, UnknownJobStateError } from '../../core/jobs/create.ts';
import { uploadFile } from '../../core/jobs/upload.ts';
import { APIError, createOpenAI, type OpenAI } from '../../core/openai/client.ts';
import { startOpenAIServer, type FaultSpec, type OpenAIServer } from '../openai-server/index.ts';
import { dataset } from '../unit/openai-server/fixtures.ts';
import { Rng } from './prng.ts';

const KEY = 'sk-test-service-fuzz-0123456789';
const JOBS = '/v1/fine_tuning/jobs';
const CHAT = '/v1/chat/completions';
const EVAL_SET = [
  { messages: [{ role: 'user', content: 'Weather in Paris?' }, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Paris"}' } }] }] },
  { messages: [{ role: 'user', content: 'Hi!' }, { role: 'assistant', content: 'Hello!' }] },
  { messages: [{ role: 'user', content: 'Weather in Rome?' }, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Rome"}' } }] }] },
].map((e) => JSON.stringify({ ...e, tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }] }));

export interface ServiceFuzzReport {
  rounds: number;
  creates: { rounds: number; created: number; recovered: number; unknown: number; refused: number };
  evals: { rounds: number; cases: number; errors: number };
  failures: string[];
}

/** Faults for one create round: what the create meets, what the look-ups meet, how late the list is. */
function createFaults(rng: Rng): { faults: FaultSpec[]; lag: number } {
  const create = rng.pick<FaultSpec | null>([
    null,
    { method: 'POST', path: JOBS, kind: 'status', status: rng.pick([500, 502, 503, 408, 409]) },
    { method: 'POST', path: JOBS, kind: 'status-after-effect', status: rng.pick([500, 502, 503]) },
    { method: 'POST', path: JOBS, kind: 'drop' },
    { method: 'POST', path: JOBS, kind: 'drop-after-effect' },
    { method: 'POST', path: JOBS, kind: 'status', status: 429, times: rng.int(1, 3) },
    { method: 'POST', path: JOBS, kind: 'slow', delayMs: rng.int(1, 50) },
  ]);
  const lookups = rng.pick<FaultSpec | null>([
    null,
    null,
    { method: 'GET', path: JOBS, kind: 'status', status: rng.pick([500, 503]), times: rng.int(1, 8) },
    { method: 'GET', path: JOBS, kind: 'drop', times: rng.int(1, 3) },
    { method: 'GET', path: JOBS, kind: 'slow', delayMs: rng.int(1, 30), times: rng.int(1, 3) },
  ]);
  return { faults: [create, lookups].filter((f): f is FaultSpec => f !== null), lag: rng.pick([0, 0, 1, 2, 5, 100]) };
}

async function createRound(rng: Rng, server: OpenAIServer, openai: OpenAI, trainingFile: string, report: ServiceFuzzReport): Promise<void> {
  server.faults.clear();
  const { faults, lag } = createFaults(rng);
  for (const f of faults) server.faults.add(f);
  server.faults.listLag(lag);
  // Half the rounds resume with their own token (looked up before any create), half get a fresh one.
  const ownToken = rng.bool(0.5) ? `fuzz-${rng.int(0, 1e9)}-${report.rounds}` : undefined;
  let token = ownToken ?? '';
  const before = server.state.requests.length;
  const createsSent = () => server.state.requests.slice(before).filter((r) => r.method === 'POST' && r.path === JOBS);
  let outcome: string;
  try {
    const created = await createJob(openai, { training_file: trainingFile, model: 'gpt-4o-mini-2024-07-18' }, {
      token: ownToken,
      onToken: (t) => void (token = t),
      attempts: rng.int(1, 3),
      retryDelayMs: 0,
      lookups: rng.int(1, 6),
      lookupDelayMs: rng.int(0, 3),
    });
    if (created.job.metadata?.[IDEMPOTENCY_KEY] !== token) throw new Error(`createJob returned ${created.job.id}, which does not carry its token`);
    outcome = created.recovered ? 'recovered' : 'created';
  } catch (error) {
    if (error instanceof UnknownJobStateError) {
      if (error.token !== token || !error.message.includes(`toolcall finetune find ${token}`)) throw new Error(`UnknownJobStateError without its token: ${error.message}`);
      outcome = 'unknown';
    } else if (error instanceof APIError && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      outcome = 'refused';
    } else if (error instanceof APIError && createsSent().length === 0) {
      outcome = 'refused'; // the look-up of a resumed token failed before any create: nothing was made
    } else {
      throw new Error(`createJob threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
    }
  }
  const made = [...server.state.jobs.values()].filter((j) => j.object.metadata?.[IDEMPOTENCY_KEY] === token);
  if (made.length > 1) throw new Error(`${made.length} jobs carry token ${token} (faults ${JSON.stringify(faults)}, lag ${lag})`);
  const creates = createsSent();
  const firstUnclear = creates.findIndex((r) => r.status === undefined || r.status >= 500 || r.status === 408 || r.status === 409);
  if (firstUnclear >= 0 && firstUnclear < creates.length - 1) throw new Error(`the create was sent again after an unclear failure: ${JSON.stringify(creates.map((r) => r.status ?? 'dropped'))}`);
  if (outcome === 'created' || outcome === 'recovered') {
    if (made.length !== 1) throw new Error(`createJob said ${outcome} but ${made.length} jobs carry the token`);
  }
  report.creates[outcome as 'created' | 'recovered' | 'unknown' | 'refused']++;
  report.creates.rounds++;
}

async function evalRound(rng: Rng, server: OpenAIServer, openai: OpenAI, report: ServiceFuzzReport): Promise<void> {
  server.faults.clear();
  const fault = rng.pick<FaultSpec | null>([
    null,
    { method: 'POST', path: CHAT, kind: 'status', status: rng.pick([500, 503, 429]), times: rng.int(1, 6) },
    { method: 'POST', path: CHAT, kind: 'drop', times: rng.int(1, 3) },
    { method: 'POST', path: CHAT, kind: 'slow', delayMs: rng.int(1, 40), times: rng.int(1, 3) },
    { method: 'POST', path: CHAT, kind: 'status', status: rng.pick([400, 401, 404]), times: rng.int(1, 10) },
  ]);
  if (fault) server.faults.add(fault);
  const { cases } = extractCases(EVAL_SET.join('\n'));
  let wall = 0;
  const result = await runModel({
    openai,
    model: 'fuzz-model',
    baseURL: server.url,
    cases,
    concurrency: rng.int(1, 3),
    secrets: [KEY],
    retry: { maxAttempts: rng.int(1, 3), baseDelayMs: 1 },
    sleep: async (ms) => void (wall += ms),
    wallClock: () => wall,
  });
  const records = result.results.cases;
  if (!result.fatal && !result.cancelled && records.length !== cases.length) throw new Error(`runModel recorded ${records.length} of ${cases.length} cases (fault ${JSON.stringify(fault)})`);
  for (const r of records) {
    const text = JSON.stringify(r);
    if (text.includes(KEY)) throw new Error('the key appears in a case record');
  }
  report.evals.rounds++;
  report.evals.cases += records.length;
  report.evals.errors += records.filter((r) => (r as { error?: string }).error).length;
}

/** Runs create and eval rounds against one local server for `seconds`, alternating at random. */
export async function runServiceFuzz(options: { seconds: number; seed: number; log?: (line: string) => void }): Promise<ServiceFuzzReport> {
  const rng = new Rng(options.seed);
  const report: ServiceFuzzReport = { rounds: 0, creates: { rounds: 0, created: 0, recovered: 0, unknown: 0, refused: 0 }, evals: { rounds: 0, cases: 0, errors: 0 }, failures: [] };
  const server = await startOpenAIServer({ tickMs: 0 });
  try {
    server.script.set('fuzz-model', (request) => (request.messages.length % 2 ? { content: 'Hello!' } : { tool_calls: [{ name: 'get_weather', arguments: '{"city": "Paris"}' }] }));
    const openai = createOpenAI({ apiKey: KEY, baseURL: server.url, maxRetries: 0, timeout: 5000, logLevel: 'off' });
    const dir = mkdtempSync(join(tmpdir(), 'toolcall-service-fuzz-'));
    writeFileSync(join(dir, 'train.jsonl'), dataset(12));
    const trainingFile = (await uploadFile(openai, { file: join(dir, 'train.jsonl') })).file.id;
    const deadline = performance.now() + options.seconds * 1000;
    while (performance.now() < deadline) {
      report.rounds++;
      try {
        if (rng.bool(0.6)) await createRound(rng, server, openai, trainingFile, report);
        else await evalRound(rng, server, openai, report);
      } catch (error) {
        const text = `round ${report.rounds}: ${(error as Error)?.message ?? String(error)}`;
        report.failures.push(text);
        options.log?.(`SERVICE FAILURE ${text}`);
      }
      if (report.rounds % 200 === 0) options.log?.(`service round ${report.rounds}: ${JSON.stringify(report.creates)} ${JSON.stringify(report.evals)}, failures ${report.failures.length}`);
      // Keep the server's memory flat: jobs and requests of earlier rounds are not needed.
      if (report.rounds % 50 === 0) {
        server.state.requests.length = 0;
        server.state.jobs.clear();
      }
    }
  } finally {
    await server.close();
  }
  return report;
}
