// Fetches a configured source's tools: lists an MCP server's or imports an OpenAPI spec's.
import * as path from 'node:path';
import type { ImportResult } from './declarations.ts';
import { importMcp, type McpListOptions } from './mcp.ts';
import { importOpenApi } from './openapi.ts';
import type { ToolsSource } from './sourceConfig.ts';

export { describeSource, parseToolsSource, sourceCommand, type ToolsSource } from './sourceConfig.ts';

/** Fetches the source's tools; relative paths (spec, cwd) are taken from `baseDir`. */
export async function fetchSource(source: ToolsSource, baseDir: string, options?: McpListOptions): Promise<ImportResult> {
  if (source.kind === 'openapi') {
    return importOpenApi(path.resolve(baseDir, source.spec), { tags: source.tags, operations: source.operations });
  }
  const server = 'command' in source.server ? { ...source.server, cwd: path.resolve(baseDir, source.server.cwd ?? '.') } : source.server;
  return importMcp(server, options);
}
