// Shared setup for the fine-tuning job tests: the local server on a fixed clock, a client
// made by our own createOpenAI, datasets on disk, and the CLI with captured output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../cli/main.ts';
import { createOpenAI, type LogLevel, type OpenAI } from '../../../core/openai/client.ts';
import { startOpenAIServer, type OpenAIServer, type OpenAIServerOptions } from '../../openai-server/index.ts';
import { dataset, example } from '../openai-server/fixtures.ts';

export { dataset, example };

/** 2023-11-14T22:13:20Z. */
export const NOW_MS = 1_700_000_000_000;
export const KEY = 'sk-test-jobs-0123456789abcdef';

export function start(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  return startOpenAIServer({ tickMs: 0, now: () => NOW_MS, ...options });
}

/** A client from createOpenAI; reads retried `maxRetries` times (default 0 so tests see each answer). */
export function client(server: OpenAIServer, options: { maxRetries?: number; apiKey?: string; logLevel?: LogLevel; log?: (level: string, text: string) => void } = {}): OpenAI {
  return createOpenAI({ apiKey: options.apiKey ?? KEY, baseURL: server.url, maxRetries: options.maxRetries ?? 0, timeout: 10_000, logLevel: options.logLevel ?? 'off', log: options.log });
}

/** A fresh folder holding the given files; returns its path. */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'toolcall-jobs-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `toolcall ARGS` in `cwd` with the given environment, capturing its output. */
export async function cli(args: string[], cwd: string, env: Record<string, string> = { OPENAI_API_KEY: KEY }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env });
  return { code, stdout, stderr };
}

/** Lines of a text, without the empty string after the final newline. */
export function lines(text: string): string[] {
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}

/** A dataset line whose last assistant message has `weight: 2` (the service refuses it). */
export function weightTwo(i: number): string {
  const value = JSON.parse(example(i));
  value.messages[4].weight = 2;
  return JSON.stringify(value);
}
