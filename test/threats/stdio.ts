// Helpers for the threat tests that drive the server bundle over stdio (run `node scripts/build.mjs` first).
import assert from 'node:assert/strict';
import { validateText, type ValidationOptions } from '../../core/validate.ts';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { StdioClient } from '../lsp/stdioClient.ts';

/** Settings for every threat document: TC701 ("fewer than 10 examples") would only add noise. */
export const QUIET = { severity: { TC701: 'off' } } as const;

export async function startServer(nodeArgs: string[] = []): Promise<StdioClient> {
  const client = new StdioClient({ nodeArgs, history: false });
  client.settings.set('*', QUIET);
  await client.initialize(undefined, null);
  return client;
}

/** Waits for the diagnostics of `uri` at `version`. */
export async function diagnosticsOf(client: StdioClient, uri: string, version: number, ms = 20_000): Promise<PublishDiagnosticsParams> {
  const ok = await client.waitUntil(() => client.lastDiagnostics.get(uri)?.version === version || !client.alive, ms);
  assert.ok(client.alive, `server exited: ${JSON.stringify(client.exit)}\n${client.stderr}`);
  assert.ok(ok, `no diagnostics for ${uri} v${version} within ${ms} ms`);
  return client.lastDiagnostics.get(uri)!;
}

/** Diagnostics as comparable rows: [line, start, end, code, message]. */
export function rows(published: PublishDiagnosticsParams): unknown[][] {
  return published.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.code, d.message]);
}

/** What the core says about the same text with the same settings, as rows. */
export function coreRows(text: string, options: ValidationOptions = QUIET): unknown[][] {
  return validateText(text, options).diagnostics.map((d) => [d.line, d.start, d.end, d.code, d.message]);
}

/**
 * Pings (a hover request) every `everyMs` until `done()` holds, and returns the slowest answer.
 * An unanswered ping counts as `timeoutMs`.
 */
export async function pingWhile(client: StdioClient, uri: string, done: () => boolean, everyMs = 25, timeoutMs = 5000): Promise<{ slowestMs: number; pings: number }> {
  let slowestMs = 0;
  let pings = 0;
  while (!done() && client.alive) {
    const answer = await client.ping(timeoutMs);
    slowestMs = Math.max(slowestMs, answer.answered ? answer.ms : timeoutMs);
    pings++;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return { slowestMs, pings };
}

/** The server is running and answers a request within `ms`. */
export async function assertAnswers(client: StdioClient, ms = 2000): Promise<number> {
  const answer = await client.ping(ms);
  assert.ok(client.alive, `server exited: ${JSON.stringify(client.exit)}\n${client.stderr}`);
  assert.ok(answer.answered, `no answer within ${ms} ms`);
  assert.equal(client.exit, null);
  assert.deepEqual(client.escaped, [], 'no uncaught exception or unhandled rejection was logged');
  return answer.ms;
}
