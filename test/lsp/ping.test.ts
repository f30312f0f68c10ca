// toolcall/ping answers whatever parameters a client sends with it: LSP clients differ (Neovim's
// sends null, others {} or nothing), and a ping that throws is never answered. Run `node scripts/build.mjs` first.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { PingRequest } from '../../core/protocol.ts';
import type { StdioClient } from './stdioClient.ts';
import { startServer } from '../threats/stdio.ts';

let client: StdioClient;
before(async () => (client = await startServer()));
after(async () => await client.stop());

it('toolcall/ping answers with no params, null and an empty object', { timeout: 60_000 }, async () => {
  for (const params of [undefined, null, {}]) {
    const answer = (await client.connection.sendRequest(PingRequest.method, params)) as { now: unknown; memory?: { rss: unknown } };
    assert.equal(typeof answer.now, 'number', `params ${JSON.stringify(params)}`);
    assert.equal(typeof answer.memory?.rss, 'number', `params ${JSON.stringify(params)}`);
  }
});
