// Giant single lines for the fuzz harness (threat 15): what made the server unresponsive for
// seconds before big lines went to a worker and token counting was bounded.
import type { Rng } from './prng.ts';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomText(rng: Rng, n: number, alphabet: string): string {
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = alphabet[rng.int(0, alphabet.length - 1)]!;
  return out.join('');
}

/** One line of 150 KB to about 3 MB, of one of the shapes that were slow. */
export function giantLine(rng: Rng): string {
  const size = rng.pick([150_000, 400_000, 1_000_000, 3_000_000]);
  const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { xs: { type: 'array', uniqueItems: true } } } } }];
  const call = (args: string) => ({ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }] });
  switch (rng.int(0, 2)) {
    case 0:
      return JSON.stringify({ messages: [{ role: 'user', content: randomText(rng, size, ALNUM) }, { role: 'assistant', content: 'ok' }] });
    case 1:
      return JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, call('{}'), { role: 'tool', tool_call_id: 'c', content: randomText(rng, size, ALNUM + '+/') }, { role: 'assistant', content: 'ok' }], tools });
    default: {
      const xs = Array.from({ length: Math.floor(size / 10) }, (_, i) => ({ k: rng.bool(0.999) ? i : 0 }));
      return JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, call(JSON.stringify({ xs })), { role: 'tool', tool_call_id: 'c', content: 'x' }, { role: 'assistant', content: 'ok' }], tools });
    }
  }
}
