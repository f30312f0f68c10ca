// The MCP servers the import and drift tests start over stdio: two real ones from npm and the
// edge-case server of test/mcp-server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { McpServerSource } from '../../../core/tools/import/mcp.ts';

const root = path.join(__dirname, '../../..');
const bin = (pkg: string) => path.join(root, 'node_modules/@modelcontextprotocol', pkg, 'dist/index.js');

export const TEST_SERVER = path.join(root, 'test/mcp-server/server.mjs');

/** @modelcontextprotocol/server-everything over stdio. */
export const everything = (): McpServerSource => ({ command: process.execPath, args: [bin('server-everything'), 'stdio'] });

/** @modelcontextprotocol/server-filesystem over stdio, allowed one fresh empty directory. */
export const filesystem = (): McpServerSource => ({ command: process.execPath, args: [bin('server-filesystem'), mkdtempSync(path.join(tmpdir(), 'toolcall-fs-'))] });

/** test/mcp-server in one of its modes. */
export const testServer = (mode: string): McpServerSource => ({ command: process.execPath, args: [TEST_SERVER, mode] });

/** A call line of a dataset: a user asks, the assistant calls `name` with `args`, the tool answers. */
export function callLine(name: string, args: unknown, tools?: unknown[]): string {
  return JSON.stringify({
    messages: [
      { role: 'user', content: `please ${name}` },
      { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
      { role: 'assistant', content: 'done' },
    ],
    ...(tools ? { tools } : {}),
  });
}
