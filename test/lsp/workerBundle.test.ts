import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateText } from '../../core/validate.ts';
import { BIG_LINE_CHARS, LONG_LINE_CHARS } from '../../server/bigLines.ts';
import { SERVER_BUNDLE, StdioClient } from './stdioClient.ts';

// Run `node scripts/build.mjs` first. The server's worker threads load dist/serverWorker.js
// (server/workerMain.ts), not the whole server bundle: a line over LONG_LINE_CHARS is checked
// there. Without that file beside the server bundle the worker fails, the server logs it and
// checks the line itself, so the same diagnostics alone would not show which thread checked it.

const tools = [{ type: 'function', function: { name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } } }];
/** A line of `LONG_LINE_CHARS` + 5,000 characters whose call misses its required argument (TC502 or the like). */
const LONG = JSON.stringify({
  messages: [
    { role: 'user', content: 'find '.repeat((LONG_LINE_CHARS + 5_000) / 5) },
    { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'search', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: 'none' },
    { role: 'assistant', content: 'Nothing found.' },
  ],
  tools,
});
const SHORT = LONG.replace(/(find )+/, 'find it');
const TEXT = `${SHORT}\n${LONG}\n${SHORT}\n`;
const WORKER_FAILED = 'The long-line check worker failed';

const published = (diagnostics: { range: { start: { line: number; character: number }; end: { character: number } }; code?: unknown; message: unknown }[]) => diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.code, d.message]);

async function check(bundle: string): Promise<{ diagnostics: unknown[]; errors: string[] }> {
  const client = new StdioClient({ bundle });
  try {
    await client.initialize();
    const uri = 'file:///long/train.jsonl';
    await client.open(uri, TEXT, 1);
    const first = await client.diagnosticsFor(uri, 1, 0, 120_000);
    return { diagnostics: published(first.diagnostics), errors: [...client.handledErrors, ...client.escaped] };
  } finally {
    await client.stop();
  }
}

describe('the worker bundle (dist/serverWorker.js)', () => {
  const expected = validateText(TEXT).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.message]);
  let lonely: string;
  before(() => {
    // The server bundle alone in a directory: its workers find no serverWorker.js.
    lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-server-alone-'));
    fs.copyFileSync(SERVER_BUNDLE, path.join(lonely, 'server.js'));
  });
  after(() => fs.rmSync(lonely, { recursive: true, force: true }));

  it('is beside the server bundle and a fraction of its size', () => {
    const worker = path.join(path.dirname(SERVER_BUNDLE), 'serverWorker.js');
    assert.ok(fs.existsSync(worker), `${worker} (run node scripts/build.mjs server)`);
    const ratio = fs.statSync(worker).size / fs.statSync(SERVER_BUNDLE).size;
    assert.ok(ratio < 0.6, `serverWorker.js is ${ratio.toFixed(2)} of server.js`);
  });

  it('checks a long line on the worker: the core diagnostics, and no worker failure logged', async () => {
    assert.ok(LONG.length > LONG_LINE_CHARS && SHORT.length < BIG_LINE_CHARS);
    assert.equal(expected.filter((d) => d[0] === 1).length, 1, 'one problem on the long line');
    const { diagnostics, errors } = await check(SERVER_BUNDLE);
    assert.deepEqual(diagnostics, expected);
    assert.deepEqual(errors, []);
  });

  it('without it, the worker fails, the server says so and checks the line itself (same diagnostics)', async () => {
    const { diagnostics, errors } = await check(path.join(lonely, 'server.js'));
    assert.deepEqual(diagnostics, expected);
    assert.equal(errors.filter((e) => e.includes(WORKER_FAILED)).length >= 1, true, errors.join('\n'));
  });
});
