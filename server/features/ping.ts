import { PingRequest, type PingResult } from '../../core/protocol.ts';
import type { CancellationToken } from 'vscode-languageserver';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';

/** `toolcall/ping`: the cheapest request, answered between chunks of a running validation. */
export const pingFeature: Feature = {
  register(ctx) {
    // The token comes last: a client that sends params (null, {}) puts them first.
    ctx.connection.onRequest(PingRequest.method, (...args: unknown[]) => {
      const token = args.at(-1) as CancellationToken;
      return runSafe<PingResult>(ctx.log, () => ({ now: Date.now(), memory: memory() }), { now: Date.now() }, 'ping failed', token);
    });
  },
};

function memory(): PingResult['memory'] {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}
