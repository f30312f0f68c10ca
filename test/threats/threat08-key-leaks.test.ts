// Threat 8: key leaks. With the SDK's debug logging on, an upload and a forced 401 must leave
// no trace of the key in anything we print or log.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { uploadFile } from '../../core/jobs/upload.ts';
import { createOpenAI, describeApiError } from '../../core/openai/client.ts';
import { startOpenAIServer } from '../openai-server/index.ts';
import { dataset } from '../unit/openai-server/fixtures.ts';

const GOOD_KEY = 'sk-test-threat8-accepted-0123456789';
const REFUSED_KEY = 'sk-live-threat8-refused-9876543210';

test('threat 8: key leaks (debug logging on, upload, forced 401 -> no sk- anywhere)', async () => {
  const server = await startOpenAIServer({ tickMs: 0, apiKeys: [GOOD_KEY] });
  const captured: string[] = [];
  const consoleMethods = ['log', 'error', 'warn', 'info', 'debug'] as const;
  const saved = consoleMethods.map((m) => console[m]);
  consoleMethods.forEach((m) => (console[m] = (...args: unknown[]) => captured.push(args.map(String).join(' '))));
  try {
    const dir = mkdtempSync(join(tmpdir(), 'toolcall-threat8-'));
    writeFileSync(join(dir, 'train.jsonl'), dataset(12));
    const log = (_level: string, text: string) => captured.push(text);

    const accepted = createOpenAI({ apiKey: GOOD_KEY, baseURL: server.url, logLevel: 'debug', log, maxRetries: 0 });
    const uploaded = await uploadFile(accepted, { file: join(dir, 'train.jsonl') });
    assert.match(uploaded.file.id, /^file-/);

    const refused = createOpenAI({ apiKey: REFUSED_KEY, baseURL: server.url, logLevel: 'debug', log, maxRetries: 0 });
    const error = await uploadFile(refused, { file: join(dir, 'train.jsonl') }).then(
      () => assert.fail('the refused key uploaded'),
      (e: unknown) => e,
    );
    const sentence = describeApiError(error);
    captured.push(sentence, String(error), (error as Error).stack ?? '');
    assert.match(sentence, /refused the key \(401\)/);
    // Proof that debug logging was on: the SDK logged both requests with their headers.
    assert.equal(captured.filter((line) => line.includes('sending request')).length, 2);
    assert.equal(captured.filter((line) => line.includes('failed with status 401')).length, 1);
    const leaks = captured.filter((line) => /sk-/.test(line));
    assert.deepEqual(leaks, []);
    const recorded = JSON.stringify(server.state.requests);
    assert.equal(recorded.includes(GOOD_KEY) || recorded.includes(REFUSED_KEY), false);
  } finally {
    consoleMethods.forEach((m, i) => (console[m] = saved[i]));
    await server.close();
  }
});
