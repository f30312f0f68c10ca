import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sampleLines } from '../unit/server/fixtures.ts';
import { StdioClient } from './stdioClient.ts';

// Run `node scripts/build.mjs` first. After a first check of 10,000 lines or more the server
// collects the garbage at once (server/memory.ts), but only once the run's publish and status are
// written: a major collection while the publish was still in the pipe held it there (the real
// 50 MB bench file: 40-70 ms).

const PRELOAD = path.resolve('test/lsp/releaseAfterPublish.cjs');

describe('the collection after a big first check (bundle)', () => {
  it('comes after the publish and the status of the run, not between them', { timeout: 120_000 }, async () => {
    const client = new StdioClient({ nodeArgs: ['--require', PRELOAD] });
    try {
      await client.initialize();
      const lines = sampleLines();
      // 12,000 lines, a diagnostic on most: the capped publish is ~300 KB, more than a pipe holds.
      const text = Array.from({ length: 12_000 }, (_, k) => lines[k % lines.length]!.replace('Paris', `P${k}`)).join('\n') + '\n';
      const uri = 'file:///release/train.jsonl';
      await client.open(uri, text, 1);
      await client.diagnosticsFor(uri, 1, 0, 100_000);
      await client.validated(uri, 1, 100_000);
      const order = () => [...client.stderr.matchAll(/@@order (\S+)/g)].map((m) => m[1]!);
      // The collection is asked on a timer once the run is out: wait for it.
      while (!order().slice(order().lastIndexOf('textDocument/publishDiagnostics')).includes('gc')) await new Promise((resolve) => setTimeout(resolve, 10));
      const tail = order().slice(order().lastIndexOf('textDocument/publishDiagnostics'));
      assert.deepEqual(tail.slice(0, 3), ['textDocument/publishDiagnostics', 'toolcall/status', 'gc'], order().join(' '));
    } finally {
      await client.stop();
    }
  });
});
