// An MCP server (stdio) for the edge cases real servers rarely show: run it as
// `node test/mcp-server/server.mjs MODE` (plain
// JavaScript, so it starts fast from any directory). Modes:
//   weather-v1, weather-v2  two versions of a small server, for drift checks
//   paged                   5 tools over 3 pages of tools/list
//   odd-names               names OpenAI refuses (dots, slashes, spaces, 80 characters, a collision)
//   huge                    one tool with 3,000 properties
//   crash                   exits (status 3, a line on stderr) when asked for its tools
//   hang                    never answers tools/list
//   loop                    answers every page with the same cursor
//   env                     one tool whose description lists the names of its environment variables
import { writeFileSync } from 'node:fs';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { TOOLS } from './tools.mjs';

const mode = process.argv[2] ?? 'weather-v1';
// Tests that check the server is stopped afterwards learn its pid here.
if (process.env.TOOLCALL_TEST_PID_FILE) writeFileSync(process.env.TOOLCALL_TEST_PID_FILE, String(process.pid));
const server = new Server({ name: `toolcall-test-${mode}`, version: '1.0.0' }, { capabilities: { tools: {} } });

const PAGE = 2;

server.setRequestHandler(ListToolsRequestSchema, async (request) => {
  if (mode === 'crash') {
    process.stderr.write('test server: crashing on purpose\n');
    process.exit(3);
  }
  if (mode === 'hang') return new Promise(() => undefined);
  if (mode === 'env') return { tools: [{ name: 'env_probe', description: Object.keys(process.env).sort().join(' '), inputSchema: { type: 'object' } }] };
  if (mode === 'loop') return { tools: [TOOLS.paged[0]], nextCursor: 'again' };
  const tools = TOOLS[mode] ?? [];
  if (mode !== 'paged') return { tools };
  const start = Number(request.params?.cursor ?? 0);
  const next = start + PAGE;
  return next < tools.length ? { tools: tools.slice(start, next), nextCursor: String(next) } : { tools: tools.slice(start) };
});

void server.connect(new StdioServerTransport());
