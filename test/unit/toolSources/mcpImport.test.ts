// Imports from real MCP servers over stdio: two from npm, and test/mcp-server's edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkToolsFile } from '../../../core/tools/toolsFileCheck.ts';
import { importedFileText } from '../../../core/tools/import/declarations.ts';
import { describeMcpSource, importMcp, McpImportError, type McpServerSource } from '../../../core/tools/import/mcp.ts';
import { everything, filesystem, TEST_SERVER, testServer } from './servers.ts';

/** Problems of a written tools file other than authoring hints (TC42x are info). */
const problems = (text: string) => checkToolsFile(text).filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`);

test('server-everything: 13 tools, names kept, inputSchema as parameters, what is lost named', async () => {
  const result = await importMcp(everything());
  assert.deepEqual(result.tools.map((t) => t.function.name), [
    'echo', 'get-annotated-message', 'get-env', 'get-resource-links', 'get-resource-reference', 'get-structured-content',
    'get-sum', 'get-tiny-image', 'gzip-file-as-resource', 'toggle-simulated-logging', 'toggle-subscriber-updates',
    'trigger-long-running-operation', 'simulate-research-query',
  ]);
  assert.deepEqual(result.renamed, []);
  const sum = result.tools.find((t) => t.function.name === 'get-sum')!;
  assert.deepEqual(sum, {
    type: 'function',
    function: {
      name: 'get-sum',
      description: 'Returns the sum of two numbers',
      parameters: { type: 'object', properties: { a: { type: 'number', description: 'First number' }, b: { type: 'number', description: 'Second number' } }, required: ['a', 'b'] },
    },
  });
  assert.deepEqual(result.notCarried.filter((n) => n.tool === 'get-structured-content').map((n) => n.message), [
    'title',
    'annotations readOnlyHint, destructiveHint, idempotentHint, openWorldHint',
    'output schema',
    'execution',
    '"$schema" "http://json-schema.org/draft-07/schema#"',
  ]);
  assert.deepEqual(result.notCarried.filter((n) => n.tool === 'get-resource-reference' && n.message.startsWith('strict')).map((n) => n.message), [
    'strict mode refuses "default" at parameters.properties.resourceType',
    'strict mode refuses "default" at parameters.properties.resourceId',
  ]);
  assert.deepEqual(problems(importedFileText(result)), []);
});

test('server-filesystem: 14 tools whose files validate clean', async () => {
  const result = await importMcp(filesystem());
  assert.equal(result.tools.length, 14);
  assert.deepEqual(result.tools.slice(0, 3).map((t) => t.function.name), ['read_file', 'read_text_file', 'read_media_file']);
  assert.equal(result.notCarried.filter((n) => n.message === 'output schema').length, 14);
  assert.deepEqual(problems(importedFileText(result)), []);
});

test('every page is listed, in order', async () => {
  const result = await importMcp(testServer('paged'));
  assert.deepEqual(result.tools.map((t) => t.function.name), ['alpha', 'beta', 'gamma', 'delta', 'epsilon']);
});

test('odd names are made valid and the mapping is written into the tools file', async () => {
  const result = await importMcp(testServer('odd-names'));
  const long = result.tools[3].function.name;
  assert.deepEqual(result.tools.map((t) => t.function.name), ['weather_get', 'files_read', '_ber_tool', long, 'get_weather_2', 'get_weather']);
  assert.equal(long.length, 64);
  const file = JSON.parse(importedFileText(result));
  assert.deepEqual(file.toolNames, { weather_get: 'weather.get', files_read: 'files/read', _ber_tool: 'über tool', [long]: 'x'.repeat(80), get_weather_2: 'get weather' });
  assert.deepEqual(problems(importedFileText(result)), []);
  // The shape the editor's JSON support checks tools files against (schemas/tools-file.schema.json).
  const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(path.join(__dirname, '../../../schemas/tools-file.schema.json'), 'utf8')));
  assert.equal(validate(file), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...file, toolNames: { a: 1 } }), false);
});

test('a tool with 3,000 properties imports whole; the tools-file check says it is over the schema budget', async () => {
  const result = await importMcp(testServer('huge'));
  assert.equal(Object.keys(result.tools[0].function.parameters.properties as object).length, 3000);
  assert.deepEqual(problems(importedFileText(result)), ['TC409 Parameters of "huge_form": The schema declares more than 2,000 properties in total; split the tool or simplify its parameters.']);
});

test('a server that crashes: a clear error naming the command and what it printed', async () => {
  await assert.rejects(importMcp(testServer('crash'), { timeoutMs: 20_000 }), (error: Error) => {
    assert.ok(error instanceof McpImportError);
    assert.equal(error.message, `MCP server ${process.execPath} ${TEST_SERVER} crash closed the connection before listing its tools; it printed: test server: crashing on purpose.`);
    return true;
  });
});

test('a server that hangs: an error at the deadline, and the server process is stopped', async () => {
  const pidFile = path.join(mkdtempSync(path.join(tmpdir(), 'toolcall-mcp-')), 'pid');
  // The assertion is on the message, not the time.
  await assert.rejects(importMcp({ ...testServer('hang'), env: { TOOLCALL_TEST_PID_FILE: pidFile } } as McpServerSource, { timeoutMs: 3000 }), {
    message: `MCP server ${process.execPath} ${TEST_SERVER} hang did not list its tools within 3 s.`,
  });
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Counted polls, not a clock: the SDK signals the child on close; give it up to 100 polls.
  let polls = 0;
  while (alive() && polls < 100) {
    polls++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(alive(), false, `server ${pid} still running after ${polls} polls`);
});

test('the server gets a minimal environment: never the user\'s API keys', async () => {
  const saved = process.env.OPENAI_API_KEY;
  process.env.OPENAI_API_KEY = 'sk-test-not-for-mcp';
  try {
    const names = (await importMcp({ ...testServer('env'), env: { EXTRA: '1' } } as McpServerSource)).tools[0].function.description!.split(' ');
    assert.equal(names.includes('OPENAI_API_KEY'), false);
    assert.equal(names.includes('EXTRA'), true);
    assert.equal(names.includes('PATH'), true);
  } finally {
    if (saved === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = saved;
  }
});

test('a server whose pages loop is cut off', async () => {
  await assert.rejects(importMcp(testServer('loop')), { message: `MCP server ${process.execPath} ${TEST_SERVER} loop returned the cursor "again" twice; its pages loop.` });
});

test('a command that does not exist', async () => {
  await assert.rejects(importMcp({ command: '/nonexistent/mcp-server' }, { timeoutMs: 20_000 }), (error: Error) => {
    assert.ok(error instanceof McpImportError);
    assert.match(error.message, /^Cannot start or connect to MCP server \/nonexistent\/mcp-server \(.*ENOENT.*\)\.$/);
    return true;
  });
});

test('describeMcpSource quotes arguments with spaces', () => {
  assert.equal(describeMcpSource({ command: 'node', args: ['my server.js', '--port=3'] }), 'node "my server.js" --port=3');
  assert.equal(describeMcpSource({ url: 'http://127.0.0.1:3000/mcp' }), 'http://127.0.0.1:3000/mcp');
});

test('server-everything over streamable HTTP (--url): the same 13 tools', async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const stdio = everything() as { command: string; args: string[] };
  const child = spawn(stdio.command, [stdio.args[0], 'streamableHttp'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stderr!.on('data', (chunk) => {
        output += String(chunk);
        if (output.includes(`listening on port ${port}`)) resolve();
      });
      child.on('exit', (code) => reject(new Error(`server-everything exited (${code}): ${output}`)));
    });
    const result = await importMcp({ url: `http://127.0.0.1:${port}/mcp` });
    assert.equal(result.tools.length, 13);
    assert.deepEqual(result.tools.find((t) => t.function.name === 'get-sum')?.function.parameters.required, ['a', 'b']);
  } finally {
    child.kill();
  }
});
