import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { OpenAIServer, RecordedRequest } from '../../openai-server/index.ts';
import { cli, dataset, example, KEY, lines, start, weightTwo, workspace } from './fixtures.ts';

/** Move a job one step each time the CLI asks for its events, so a --wait run is the same every time. */
function stepOnEachPoll(server: OpenAIServer): void {
  const requests = server.state.requests;
  const push = requests.push.bind(requests);
  requests.push = (...items: RecordedRequest[]) => {
    for (const r of items) {
      const match = /^\/v1\/fine_tuning\/jobs\/([^/]+)\/events$/.exec(r.path);
      if (match && server.state.jobs.has(match[1]!)) server.advance(match[1]!);
    }
    return push(...items);
  };
}

describe('toolcall finetune', () => {
  let server: OpenAIServer;
  let dir: string;
  const weightLines = [example(1), example(2), weightTwo(3), ...Array.from({ length: 9 }, (_, i) => example(i + 4))];
  before(async () => {
    server = await start();
    stepOnEachPoll(server);
    dir = workspace({
      'train.jsonl': dataset(12),
      'valid.jsonl': [example(2), example(40), example(5)].join('\n') + '\n',
      'weight.jsonl': weightLines.join('\n') + '\n',
      'notes.txt': 'not a dataset\n',
    });
  });
  beforeEach(() => {
    server.state.reset();
    server.faults.clear();
  });
  after(() => server.close());

  const base = () => ['--base-url', server.url];

  test('create --wait: validates, uploads, creates, follows to succeeded; the job id is the last line', async () => {
    const run = await cli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4o-mini', '--suffix', 'weather', '--epochs', '2', '--wait', '--poll-ms', '1', ...base()], dir);
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    assert.equal(server.state.jobs.size, 1);
    const [job] = [...server.state.jobs.values()];
    const [file] = [...server.state.files.values()].filter((f) => f.object.purpose === 'fine-tune');
    assert.equal(job!.object.status, 'succeeded');
    assert.equal(job!.object.fine_tuned_model, `ft:gpt-4o-mini-2024-07-18:org:weather:${job!.object.id.slice(-8)}`);
    const events = job!.events.map((e) => `  2023-11-14T22:13:20Z info  ${e.message}`);
    assert.equal(events.length, 32); // 3 before queued, 1 start, 24 steps, 2 checkpoints, 2 at the end
    // One server step per poll, so which events come with which status is fixed.
    assert.deepEqual(lines(run.stdout), [
      'train.jsonl: 12 examples, 0 errors, 0 warnings',
      `Uploaded train.jsonl as ${file!.object.id} (${file!.object.bytes} bytes).`,
      `Creating the job with idempotency token ${job!.object.metadata!['toolcall_idempotency']}.`,
      `Created fine-tuning job ${job!.object.id} (gpt-4o-mini-2024-07-18, validating_files).`,
      'status: validating_files',
      ...events.slice(0, 3),
      'status: queued',
      events[3],
      'status: running',
      ...events.slice(4),
      'status: succeeded',
      `Fine-tuned model: ${job!.object.fine_tuned_model}`,
      job!.object.id,
    ]);
    assert.equal(events[2], '  2023-11-14T22:13:20Z info  Files validated, moving job to queued state');
    assert.equal(events[3], '  2023-11-14T22:13:20Z info  Fine-tuning job started');
    assert.equal(events[31], '  2023-11-14T22:13:20Z info  The job has successfully completed');
    assert.deepEqual(job!.object.method, { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 1, learning_rate_multiplier: 1.8 } } });
  });

  test('a create answered 500 after the server made the job leaves exactly one job, and that id is printed', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 500 });
    const run = await cli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4o-mini', ...base()], dir);
    assert.equal(run.code, 0);
    assert.equal(server.state.jobs.size, 1);
    const id = [...server.state.jobs.keys()][0]!;
    assert.equal(lines(run.stdout).at(-1), id);
    assert.equal(lines(run.stdout).at(-2), `Created fine-tuning job ${id} (gpt-4o-mini-2024-07-18, validating_files), found by its idempotency token after a failed request.`);
    assert.equal(run.stderr, 'The create request got no clear answer (attempt 1); looking the job up by its token instead of sending it again.\n');
    assert.equal(server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs').length, 1);
  });

  test('a failed job: its error is printed as TC801 on FILE:LINE:COL, exit 1, the id still last', async () => {
    // The service refuses weight 2; lowering our own rule lets the file through to show the mapping.
    const run = await cli(['finetune', 'create', 'weight.jsonl', '--model', 'gpt-4o-mini', '--severity', 'TC308=off', '--wait', '--poll-ms', '1', ...base()], dir);
    assert.equal(run.code, 1);
    const id = [...server.state.jobs.keys()][0]!;
    assert.equal(run.stderr, `weight.jsonl:3:1: error TC801 The fine-tuning service rejected this line (job ${id}): Example 3, message 5 has an invalid weight; expected 0 or 1.\n`);
    const [job] = [...server.state.jobs.values()];
    const [file] = [...server.state.files.values()];
    assert.deepEqual(lines(run.stdout), [
      'weight.jsonl: 12 examples, 0 errors, 0 warnings',
      `Uploaded weight.jsonl as ${file!.object.id} (${file!.object.bytes} bytes).`,
      `Creating the job with idempotency token ${job!.object.metadata!['toolcall_idempotency']}.`,
      `Created fine-tuning job ${id} (gpt-4o-mini-2024-07-18, validating_files).`,
      'status: validating_files',
      `  2023-11-14T22:13:20Z info  Created fine-tuning job: ${id}`,
      `  2023-11-14T22:13:20Z info  Validating training file: ${file!.object.id}`,
      '  2023-11-14T22:13:20Z error Example 3, message 5 has an invalid weight; expected 0 or 1.',
      'status: failed',
      id,
    ]);
    assert.equal(job!.object.status, 'failed');
  });

  test('a file with errors is refused: the errors are printed, nothing is sent, exit 1', async () => {
    const run = await cli(['finetune', 'create', 'weight.jsonl', '--model', 'gpt-4o-mini', ...base()], dir);
    const column = weightLines[2]!.indexOf('"weight":2') + '"weight":'.length + 1; // the value is underlined
    assert.equal(run.code, 1);
    assert.equal(
      run.stdout,
      `weight.jsonl:3:${column}: error TC308 "weight" is 2; it must be 0 (do not learn from this turn) or 1.\nweight.jsonl: 12 examples, 1 error, 0 warnings\n`,
    );
    assert.equal(run.stderr, 'toolcall finetune: not uploading: fix the errors above first.\n');
    assert.equal(server.state.requests.length, 0);
  });

  test('a validation file is validated and uploaded; lines shared with the training file are warned about', async () => {
    const run = await cli(['finetune', 'create', 'train.jsonl', '--validation', 'valid.jsonl', '--model', 'gpt-4o-mini', ...base()], dir);
    assert.equal(run.code, 0);
    const [job] = [...server.state.jobs.values()];
    const out = lines(run.stdout);
    assert.deepEqual(out.slice(0, 6), [
      'train.jsonl: 12 examples, 0 errors, 0 warnings',
      'valid.jsonl:1:1: warning TC701 The file has 3 examples; OpenAI requires at least 10 (50-100 usually show gains).',
      'valid.jsonl: 3 examples, 0 errors, 1 warning',
      'valid.jsonl:1: warning: the same example is line 2 of train.jsonl',
      'valid.jsonl:3: warning: the same example is line 5 of train.jsonl',
      'warning: 2 validation examples are also in the training file; the validation loss will look better than it is.',
    ]);
    assert.equal(out.at(-1), job!.object.id);
    assert.equal(server.state.files.get(job!.object.validation_file!)!.object.filename, 'valid.jsonl');
  });

  test('list, status, events and cancel print exact output', async () => {
    const created = await cli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4o-mini', '--seed', '42', ...base()], dir);
    const first = lines(created.stdout).at(-1)!;
    const second = lines((await cli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4.1-mini-2025-04-14', ...base()], dir)).stdout).at(-1)!;
    server.finish(first);

    const list = await cli(['finetune', 'list', ...base()], dir);
    assert.equal(list.code, 0);
    const model = server.state.jobs.get(first)!.object.fine_tuned_model!;
    assert.equal(
      list.stdout,
      [
        `${'ID'.padEnd(first.length)}  STATUS            MODEL                    CREATED               FINE-TUNED MODEL`,
        `${second}  validating_files  gpt-4.1-mini-2025-04-14  2023-11-14T22:13:20Z  -`,
        `${first}  succeeded         gpt-4o-mini-2024-07-18   2023-11-14T22:13:20Z  ${model}`,
      ].join('\n') + '\n',
    );

    const status = await cli(['finetune', 'status', first, ...base()], dir);
    const job = server.state.jobs.get(first)!.object;
    assert.equal(
      status.stdout,
      [
        `id: ${first}`,
        'status: succeeded',
        'model: gpt-4o-mini-2024-07-18',
        `fine_tuned_model: ${model}`,
        'created_at: 2023-11-14T22:13:20Z',
        'finished_at: 2023-11-14T22:13:20Z',
        `training_file: ${job.training_file}`,
        'validation_file: -',
        'hyperparameters: n_epochs=8 batch_size=1 learning_rate_multiplier=1.8',
        `trained_tokens: ${job.trained_tokens}`,
      ].join('\n') + '\n',
    );

    const events = await cli(['finetune', 'events', first, '--limit', '3', ...base()], dir);
    assert.equal(
      events.stdout,
      [
        '2023-11-14T22:13:20Z info  Checkpoint created at step 96',
        '2023-11-14T22:13:20Z info  New fine-tuned model created',
        '2023-11-14T22:13:20Z info  The job has successfully completed',
      ].join('\n') + '\n',
    );

    const cancel = await cli(['finetune', 'cancel', second, ...base()], dir);
    assert.deepEqual([cancel.code, cancel.stdout], [0, `Cancelled ${second} (status: cancelled).\n`]);
    assert.equal(server.state.jobs.get(second)!.object.status, 'cancelled');

    const again = await cli(['finetune', 'cancel', second, ...base()], dir);
    const requestId = server.state.requests.at(-1)!.requestId;
    assert.deepEqual([again.code, again.stdout], [1, '']);
    assert.equal(
      again.stderr,
      `toolcall finetune cancel: The API rejected the request (400, fine_tuning_job_id): Job ${second} has status 'cancelled' and can no longer be cancelled. Request id ${requestId}.\n`,
    );
  });

  test('a status of a failed job names the line its error points at', async () => {
    const run = await cli(['finetune', 'create', 'weight.jsonl', '--model', 'gpt-4o-mini', '--severity', 'TC308=warning', ...base()], dir);
    const id = lines(run.stdout).at(-1)!;
    server.finish(id);
    const status = await cli(['finetune', 'status', id, ...base()], dir);
    assert.deepEqual(lines(status.stdout).slice(-2), [
      'error: invalid_training_file (training_file): Example 3, message 5 has an invalid weight; expected 0 or 1.',
      'error_line: 3, message 5',
    ]);
  });

  test('a refused key (401), SDK debug logging on: one sentence with the request id, the key nowhere', async () => {
    const secret = 'sk-live-DO-NOT-PRINT-4f9a8b7c6d5e';
    const captured: string[] = [];
    const methods = ['log', 'error', 'warn', 'info', 'debug'] as const;
    const originals = methods.map((m) => console[m]);
    for (const m of methods) console[m] = (...args: unknown[]) => void captured.push(args.map(String).join(' '));
    let run;
    try {
      run = await cli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4o-mini', '--debug', ...base()], dir, { OPENAI_API_KEY: secret });
    } finally {
      methods.forEach((m, i) => (console[m] = originals[i]!));
    }
    const requestId = server.state.requests[0]!.requestId;
    assert.equal(run.code, 1);
    assert.equal(server.state.requests[0]!.auth, 'rejected');
    assert.equal(
      lines(run.stderr).at(-1),
      `toolcall finetune create: The API refused the key (401); set a valid key with Toolcall: Set API Key or OPENAI_API_KEY. Request id ${requestId}.`,
    );
    assert.match(run.stderr, /\[openai debug\] \[log_[0-9a-f]{6}\] sending request/); // debug logging really was on
    const everything = [run.stdout, run.stderr, ...captured, JSON.stringify(server.state.requests)].join('\n');
    assert.equal(everything.includes('DO-NOT-PRINT'), false);
    assert.equal(everything.includes('sk-live'), false);
  });

  test('no key: a clear message before any work; bad usage: exit 2', async () => {
    const noKey = await cli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4o-mini', ...base()], dir, {});
    assert.deepEqual([noKey.code, noKey.stdout, noKey.stderr], [1, '', 'toolcall finetune: No API key: set the OPENAI_API_KEY environment variable.\n']);

    const range = await cli(['finetune', 'create', 'train.jsonl', '--model', 'gpt-4o-mini', '--epochs', '0', '--suffix', '', ...base()], dir);
    assert.equal(range.code, 2);
    assert.equal(lines(range.stderr)[0], `toolcall finetune: The suffix must be 1 to 64 characters long; "" has 0. n_epochs must be 'auto' or a whole number from 1 to 50; got 0.`);

    const noModel = await cli(['finetune', 'create', 'train.jsonl', ...base()], dir);
    assert.equal(noModel.code, 2);
    assert.equal(lines(noModel.stderr)[0], 'toolcall finetune: --model is required (e.g. --model gpt-4o-mini-2024-07-18).');
    assert.equal(server.state.requests.length, 0);
  });

  test('--base-url wins over OPENAI_BASE_URL; the key goes only there', async () => {
    const other = await start();
    try {
      const run = await cli(['finetune', 'list', ...base()], dir, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: other.url });
      assert.equal(run.code, 0);
      assert.deepEqual(other.state.requests, []);
      assert.equal(server.state.requests.length, 1);
      const fromEnv = await cli(['finetune', 'list'], dir, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: other.url });
      assert.deepEqual([fromEnv.code, fromEnv.stdout], [0, 'No fine-tuning jobs.\n']);
      assert.equal(other.state.requests.length, 1);
    } finally {
      await other.close();
    }
  });
});
