// Lists the tools of an MCP server (stdio or streamable HTTP) with the official SDK, every page,
// within a deadline, and turns them into function declarations.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { declarationsFrom, type ImportResult, type SourceTool } from './declarations.ts';
import { describeMcpSource, type McpServerSource } from './sourceConfig.ts';

export { describeMcpSource, type McpServerSource };


export interface McpListOptions {
  /** The whole listing (start, handshake, every page) must finish within this; default 30 s. */
  timeoutMs?: number;
  /** Most pages followed (a server that keeps returning cursors is cut off with an error); default 1000. */
  maxPages?: number;
}

/** A listing that failed, with a message that names the server and what happened. */
export class McpImportError extends Error {}


/** Every tool the server lists, all pages, in order. The server process is always stopped. */
export async function listMcpTools(source: McpServerSource, options: McpListOptions = {}): Promise<Tool[]> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxPages = options.maxPages ?? 1000;
  const what = describeMcpSource(source);
  let stderr = '';
  const transport = 'url' in source
    ? new StreamableHTTPClientTransport(new URL(source.url))
    // Only the SDK's default environment (PATH, HOME, ...) plus what the source names: the
    // server must not see the user's API keys.
    : new StdioClientTransport({ command: source.command, args: source.args ?? [], cwd: source.cwd, env: { ...getDefaultEnvironment(), ...source.env }, stderr: 'pipe' });
  if (transport instanceof StdioClientTransport) {
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
  }
  const client = new Client({ name: 'toolcall-studio', version: '0.1.0' });
  let closed = false;
  // A crash's useful line (the error) is rarely the last one: show the first error line, else the last line.
  const tail = () => {
    const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
    const line = lines.find((l) => /error/i.test(l)) ?? lines.at(-1);
    return line ? `; it printed: ${line.slice(0, 300)}` : '';
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new McpImportError(`MCP server ${what} did not list its tools within ${timeoutMs / 1000} s${tail()}.`)), timeoutMs);
  });
  const exited = new Promise<never>((_, reject) => {
    client.onclose = () => {
      if (!closed) reject(new McpImportError(`MCP server ${what} closed the connection before listing its tools${tail()}.`));
    };
  });
  const work = async () => {
    try {
      await client.connect(transport, { timeout: timeoutMs });
    } catch (error) {
      throw new McpImportError(`Cannot start or connect to MCP server ${what} (${(error as Error).message})${tail()}.`);
    }
    const tools: Tool[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= maxPages) throw new McpImportError(`MCP server ${what} returned more than ${maxPages} pages of tools; stopped there.`);
      const result = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: timeoutMs });
      tools.push(...result.tools);
      cursor = result.nextCursor;
      if (cursor === undefined) return tools;
      if (seen.has(cursor)) throw new McpImportError(`MCP server ${what} returned the cursor ${JSON.stringify(cursor)} twice; its pages loop.`);
      seen.add(cursor);
    }
  };
  exited.catch(() => undefined);
  deadline.catch(() => undefined);
  try {
    return await Promise.race([work(), deadline, exited]);
  } catch (error) {
    if (error instanceof McpImportError) throw error;
    throw new McpImportError(`MCP server ${what} failed to list its tools (${(error as Error).message})${tail()}.`);
  } finally {
    clearTimeout(timer);
    closed = true;
    await client.close().catch(() => undefined);
  }
}

/** The parts of an MCP tool a function declaration has no place for. */
const DROPPED_KEYS: Record<string, string> = {
  title: 'title',
  annotations: 'annotations',
  outputSchema: 'output schema',
  execution: 'execution',
  icons: 'icons',
  _meta: '_meta',
};

/** One MCP tool as a source tool: `inputSchema` becomes `parameters` (its `$schema` dropped: OpenAI takes the schema as is). */
export function mcpSourceTool(tool: Tool): SourceTool {
  const dropped: string[] = [];
  for (const [key, label] of Object.entries(DROPPED_KEYS)) {
    const value = (tool as Record<string, unknown>)[key];
    if (value === undefined) continue;
    dropped.push(key === 'annotations' && value && typeof value === 'object' ? `${label} ${Object.keys(value).join(', ')}` : label);
  }
  const { $schema, ...parameters } = tool.inputSchema as Record<string, unknown>;
  if ($schema !== undefined) dropped.push(`"$schema" ${JSON.stringify($schema)}`);
  return { name: tool.name, description: tool.description, parameters, dropped };
}

/** Lists the server's tools and converts them. */
export async function importMcp(source: McpServerSource, options?: McpListOptions): Promise<ImportResult> {
  return declarationsFrom((await listMcpTools(source, options)).map(mcpSourceTool));
}
