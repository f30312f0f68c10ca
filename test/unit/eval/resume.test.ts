// Starting or resuming a results file and running a model with checkpoints (core/eval/resume.ts),
// shared by `toolcall eval` and Run Evaluation: through the real SDK against the local server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { extractCases } from '../../../core/eval/cases.ts';
import { runModelWithCheckpoints, startResults } from '../../../core/eval/resume.ts';
import { modelResults, stringifyResults, upsertModel, type ResultsFile } from '../../../core/eval/results.ts';
import { createOpenAI, type OpenAI } from '../../../core/openai/client.ts';
import { startOpenAIServer, type OpenAIServer } from '../../openai-server/index.ts';

const { cases } = extractCases(readFileSync(join(__dirname, '../../fixtures/eval/eval-small.jsonl'), 'utf8'));
const CONFIG = { temperature: 0, concurrency: 1, autojunk: true };
const NOW = new Date('2026-01-02T03:04:05.000Z');

describe('startResults', () => {
  test('a new file, or an earlier one resumed with this run\'s config and dataset; not a results file: throws', () => {
    const fresh = startResults('eval.jsonl', CONFIG, undefined, NOW);
    assert.deepEqual(fresh, { version: 1, dataset: 'eval.jsonl', createdAt: '2026-01-02T03:04:05.000Z', config: CONFIG, models: [] });
    const earlier: ResultsFile = upsertModel({ ...fresh, dataset: 'old.jsonl', createdAt: '2025-01-01T00:00:00.000Z', config: { concurrency: 9 } }, modelResults('m', null, []));
    const resumed = startResults('eval.jsonl', CONFIG, stringifyResults(earlier), NOW);
    assert.deepEqual([resumed.dataset, resumed.createdAt, resumed.config, resumed.models.map((m) => m.model)], ['eval.jsonl', '2025-01-01T00:00:00.000Z', CONFIG, ['m']]);
    assert.throws(() => startResults('eval.jsonl', CONFIG, '{"version": 7}'));
  });
});

describe('runModelWithCheckpoints against the local server', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  before(async () => {
    server = await startOpenAIServer({ tickMs: 0 });
    openai = createOpenAI({ apiKey: 'sk-test-resume-0123456789abcdef', baseURL: server.url, maxRetries: 0, logLevel: 'off' });
    server.script.set('plain', () => ({ content: 'Sure.' }));
  });
  after(() => server.close());

  test('checkpoints the growing partial results; a second run resumes every case without asking again', async () => {
    const chats = () => server.state.requests.filter((r) => r.path === '/v1/chat/completions').length;
    const options = { openai, model: 'plain', baseURL: server.url, cases, concurrency: 1 };
    const sizes: number[] = [];
    const first = await runModelWithCheckpoints(startResults('eval.jsonl', CONFIG, undefined, NOW), options, (partial) => sizes.push(partial.models[0]!.cases.length), 0);
    assert.equal(cases.length, 8);
    assert.deepEqual(sizes, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(chats(), 8);
    assert.deepEqual([first.run.cancelled, first.file.models.length, first.file.models[0]!.cases.length], [false, 1, 8]);

    const again = await runModelWithCheckpoints(first.file, options, () => assert.fail('nothing new to checkpoint'), 0);
    assert.equal(chats(), 8);
    assert.deepEqual(again.file.models[0]!.cases, first.file.models[0]!.cases);
  });
});
