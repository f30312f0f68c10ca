// Shared setup for the openai-server tests: a server on a fixed clock, a real SDK
// client pointed at it, and small datasets.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startOpenAIServer, type OpenAIServer, type OpenAIServerOptions } from '../../openai-server/index.ts';

/** 2023-11-14T22:13:20Z: created_at values become 1700000000. */
export const NOW_MS = 1_700_000_000_000;
export const NOW = 1_700_000_000;
export const KEY = 'sk-test-unit-0123456789';

/** A server with a manual job clock and a fixed time, unless overridden. */
export function start(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  return startOpenAIServer({ tickMs: 0, now: () => NOW_MS, ...options });
}

/** A real SDK client; retries off unless asked, so tests see each response. */
export function client(server: OpenAIServer, options: { maxRetries?: number; apiKey?: string; timeout?: number } = {}): OpenAI {
  return new OpenAI({ apiKey: options.apiKey ?? KEY, baseURL: server.url, maxRetries: options.maxRetries ?? 0, timeout: options.timeout ?? 10_000 });
}

/** One valid tool-calling example (user asks, assistant calls, tool answers, assistant replies). */
export function example(i: number): string {
  return JSON.stringify({
    messages: [
      { role: 'system', content: 'You are a weather bot.' },
      { role: 'user', content: `Weather in city ${i}?` },
      { role: 'assistant', tool_calls: [{ id: `call_${i}`, type: 'function', function: { name: 'get_weather', arguments: `{"city":"c${i}"}` } }] },
      { role: 'tool', tool_call_id: `call_${i}`, content: '{"temp":20}' },
      { role: 'assistant', content: 'It is 20 degrees.' },
    ],
    tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
  });
}

/** `n` valid examples, one per line, with a trailing newline. */
export function dataset(n: number): string {
  return Array.from({ length: n }, (_, i) => example(i + 1)).join('\n') + '\n';
}

/** Write text to a fresh temp file and return its path. */
export function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'openai-server-test-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
