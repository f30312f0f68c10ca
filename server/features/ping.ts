import { PingRequest, type PingResult } from '../../core/protocol.ts';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';

/** `toolcall/ping`: the cheapest request, answered between chunks of a running validation. */
export const pingFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(PingRequest.method, (token) => runSafe<PingResult>(ctx.log, () => ({ now: Date.now(), memory: memory() }), { now: Date.now() }, 'ping failed', token));
  },
};

function memory(): PingResult['memory'] {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}
