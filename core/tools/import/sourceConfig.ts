// Where a tools file comes from (`toolcall.tools.sources`): an MCP server or an OpenAPI spec,
// read and checked the same way by the CLI, the language server and the extension. Nothing here
// starts or reads anything (see sources.ts), so the extension can load it at activation.
import * as path from 'node:path';
import { isObject } from '../../checks/findings.ts';

/** Where an MCP server is: a command run over stdio, or a streamable HTTP endpoint. */
export type McpServerSource =
  | { command: string; args?: string[]; cwd?: string; env?: Record<string, string> }
  | { url: string };

/** `node server.js --flag` as shown to the user (arguments with spaces quoted). */
export function describeMcpSource(source: McpServerSource): string {
  if ('url' in source) return source.url;
  return [source.command, ...(source.args ?? [])].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

/** One tools file's source, as configured. */
export type ToolsSource =
  | { kind: 'mcp'; server: McpServerSource; datasets: string[] }
  | { kind: 'openapi'; spec: string; tags: string[]; operations: string[]; datasets: string[] };

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * Reads one entry of `toolcall.tools.sources`: `{"command", "args"?, "cwd"?, "env"?}` or
 * `{"url"}` (MCP), or `{"openapi", "tags"?, "operations"?}`; each may list `datasets` whose lines
 * drift is checked against. Returns a message saying what is wrong otherwise.
 */
export function parseToolsSource(value: unknown, key: string): ToolsSource | { error: string } {
  const where = `toolcall.tools.sources[${JSON.stringify(key)}]`;
  if (!isObject(value)) return { error: `${where} must be an object with "command", "url" or "openapi".` };
  const datasets = value.datasets ?? [];
  if (!strings(datasets)) return { error: `${where}.datasets must be an array of paths.` };
  if (typeof value.openapi === 'string') {
    const tags = value.tags ?? [];
    const operations = value.operations ?? [];
    if (!strings(tags) || !strings(operations)) return { error: `${where}: "tags" and "operations" must be arrays of strings.` };
    return { kind: 'openapi', spec: value.openapi, tags, operations, datasets };
  }
  if (typeof value.url === 'string') {
    try {
      const url = new URL(value.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `${where}.url must be an http or https URL.` };
    } catch {
      return { error: `${where}.url is not a URL: ${JSON.stringify(value.url)}.` };
    }
    return { kind: 'mcp', server: { url: value.url }, datasets };
  }
  if (typeof value.command === 'string' && value.command !== '') {
    const args = value.args ?? [];
    if (!strings(args)) return { error: `${where}.args must be an array of strings.` };
    if (value.cwd !== undefined && typeof value.cwd !== 'string') return { error: `${where}.cwd must be a path.` };
    const env = value.env ?? {};
    if (!isObject(env) || !Object.values(env).every((v) => typeof v === 'string')) return { error: `${where}.env must map names to strings.` };
    return { kind: 'mcp', server: { command: value.command, args, cwd: value.cwd as string | undefined, env: env as Record<string, string> }, datasets };
  }
  return { error: `${where} names no source; give "command" (an MCP server over stdio), "url" (streamable HTTP) or "openapi" (a spec file).` };
}

/** The source as shown to people: the exact command line, the URL or the spec. */
export function describeSource(source: ToolsSource): string {
  return source.kind === 'mcp' ? describeMcpSource(source.server) : source.spec;
}

/**
 * What a source runs, if it runs anything: the command line with the environment it sets in
 * front (`NODE_OPTIONS=... node server.js`: a variable can change what a program does, so it is
 * part of what is shown and allowed) and the directory it runs in. This is what must be
 * confirmed before it starts.
 */
export function sourceCommand(source: ToolsSource, baseDir: string): { commandLine: string; cwd: string } | undefined {
  if (source.kind !== 'mcp' || !('command' in source.server)) return undefined;
  const env = Object.entries(source.server.env ?? {}).map(([k, v]) => `${k}=${/^[\w@%+=:,./-]*$/.test(v) ? v : JSON.stringify(v)}`);
  return { commandLine: [...env, describeMcpSource(source.server)].join(' '), cwd: path.resolve(baseDir, source.server.cwd ?? '.') };
}
