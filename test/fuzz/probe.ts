// Requests sent while the server validates, each timed from send to answer: a request waits
// behind whatever synchronous work holds the server's event loop (a line check, a schema compile,
// an edit applied), so the slowest answer is the longest stall a user would feel. Issue 15's
// bound is 500 ms; a ping alone would miss a handler that is slow itself, so the probe also asks
// hover, completion and code actions on a random line of an open document.
import { ResponseError } from 'vscode-languageserver-protocol';
import { PingRequest } from '../../core/protocol.ts';
import type { StdioClient } from '../lsp/stdioClient.ts';

/** Issue 15: no request may wait longer than this. */
export const SLOW_ANSWER_MS = 500;

export interface TimedAnswer {
  method: string;
  ms: number;
  answered: boolean;
  error?: string;
}

/** Where the probe asks its editor requests (an open document and one of its lines). */
export interface ProbeTarget {
  uri: string;
  line: number;
}

const METHODS = [PingRequest.method, 'textDocument/hover', 'textDocument/completion', 'textDocument/codeAction'] as const;

/** Sends `method` and times its answer; an error response counts as an answer (it came through the same queue). */
export async function timedRequest(client: StdioClient, method: string, params: unknown, timeoutMs: number): Promise<TimedAnswer> {
  const started = performance.now();
  if (!client.alive) return { method, ms: 0, answered: false, error: 'server exited' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TimedAnswer>((resolve) => {
    timer = setTimeout(() => resolve({ method, ms: performance.now() - started, answered: false, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  // No params at all for a request that takes none (the ping handler reads its first argument as the token).
  const sent = params === undefined ? client.connection.sendRequest(method) : client.connection.sendRequest(method, params);
  const answer = sent.then(
    (): TimedAnswer => ({ method, ms: performance.now() - started, answered: true }),
    (error: unknown): TimedAnswer => (error instanceof ResponseError ? { method, ms: performance.now() - started, answered: true } : { method, ms: performance.now() - started, answered: false, error: String(error) }),
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The parameters of request `k` of the cycle (ping, hover, completion, code actions) at `target`. */
function requestAt(k: number, target: ProbeTarget | undefined): { method: string; params: unknown } {
  const method = target ? METHODS[k % METHODS.length]! : PingRequest.method;
  if (method === PingRequest.method || !target) return { method: PingRequest.method, params: undefined };
  const textDocument = { uri: target.uri };
  const position = { line: target.line, character: 3 };
  if (method === 'textDocument/codeAction') return { method, params: { textDocument, range: { start: { line: target.line, character: 0 }, end: position }, context: { diagnostics: [] } } };
  return { method, params: { textDocument, position } };
}

/**
 * Asks one request after another (a gap of `gapMs` between them) until `done()` holds, and
 * returns every answer. `target()` picks where the next editor request goes (undefined: ping).
 */
export async function probeWhile(client: StdioClient, done: () => boolean, target: () => ProbeTarget | undefined, options: { timeoutMs: number; gapMs?: number }): Promise<TimedAnswer[]> {
  const answers: TimedAnswer[] = [];
  for (let k = 0; !done() && client.alive; k++) {
    const { method, params } = requestAt(k, target());
    const answer = await timedRequest(client, method, params, options.timeoutMs);
    answers.push(answer);
    if (!answer.answered) break;
    await new Promise((resolve) => setTimeout(resolve, options.gapMs ?? 40));
  }
  return answers;
}
