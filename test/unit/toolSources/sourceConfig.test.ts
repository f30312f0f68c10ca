// `toolcall.tools.sources` entries, typed command lines, and the per-command consent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandConsent, consentKey, mcpServerOf, splitCommandLine } from '../../../core/tools/import/commandLine.ts';
import { describeSource, parseToolsSource, sourceCommand } from '../../../core/tools/import/sourceConfig.ts';

test('parseToolsSource: the three kinds, with datasets', () => {
  assert.deepEqual(parseToolsSource({ command: 'node', args: ['server.js', '--root', 'my dir'], datasets: ['train.jsonl'] }, 'w.tools.json'), {
    kind: 'mcp', server: { command: 'node', args: ['server.js', '--root', 'my dir'], cwd: undefined, env: {} }, datasets: ['train.jsonl'],
  });
  assert.deepEqual(parseToolsSource({ url: 'http://127.0.0.1:3001/mcp' }, 'w.tools.json'), { kind: 'mcp', server: { url: 'http://127.0.0.1:3001/mcp' }, datasets: [] });
  assert.deepEqual(parseToolsSource({ openapi: 'api.yaml', tags: ['orders'] }, 's.tools.json'), { kind: 'openapi', spec: 'api.yaml', tags: ['orders'], operations: [], datasets: [] });
});

test('parseToolsSource: what is wrong, and where', () => {
  assert.deepEqual(parseToolsSource('node server.js', 'a.tools.json'), { error: 'toolcall.tools.sources["a.tools.json"] must be an object with "command", "url" or "openapi".' });
  assert.deepEqual(parseToolsSource({ args: [] }, 'a.tools.json'), { error: 'toolcall.tools.sources["a.tools.json"] names no source; give "command" (an MCP server over stdio), "url" (streamable HTTP) or "openapi" (a spec file).' });
  assert.deepEqual(parseToolsSource({ command: 'node', args: 'server.js' }, 'a.tools.json'), { error: 'toolcall.tools.sources["a.tools.json"].args must be an array of strings.' });
  assert.deepEqual(parseToolsSource({ url: 'file:///etc/passwd' }, 'a.tools.json'), { error: 'toolcall.tools.sources["a.tools.json"].url must be an http or https URL.' });
  assert.deepEqual(parseToolsSource({ openapi: 'x.yaml', datasets: 'train.jsonl' }, 'a.tools.json'), { error: 'toolcall.tools.sources["a.tools.json"].datasets must be an array of paths.' });
});

test('describeSource and sourceCommand: the exact command line, its environment and directory are what is confirmed', () => {
  const mcp = parseToolsSource({ command: 'node', args: ['my server.js'] }, 'x') as Exclude<ReturnType<typeof parseToolsSource>, { error: string }>;
  assert.equal(describeSource(mcp), 'node "my server.js"');
  assert.deepEqual(sourceCommand(mcp, '/ws'), { commandLine: 'node "my server.js"', cwd: '/ws' });
  const withEnv = parseToolsSource({ command: 'node', args: ['server.js'], cwd: 'tools', env: { NODE_OPTIONS: '--require ./x.js', PORT: '3' } }, 'x') as typeof mcp;
  assert.deepEqual(sourceCommand(withEnv, '/ws'), { commandLine: 'NODE_OPTIONS="--require ./x.js" PORT=3 node server.js', cwd: '/ws/tools' });
  const http = parseToolsSource({ url: 'https://tools.example/mcp' }, 'x') as typeof mcp;
  assert.equal(sourceCommand(http, '/ws'), undefined);
  assert.equal(sourceCommand(parseToolsSource({ openapi: 'api.yaml' }, 'x') as typeof mcp, '/ws'), undefined);
});

test('splitCommandLine: quotes group, backslashes escape, an unclosed quote is an error', () => {
  assert.deepEqual(splitCommandLine(`node "my server.js" --name='a b' x\\ y ""`), ['node', 'my server.js', '--name=a b', 'x y', '']);
  assert.deepEqual(splitCommandLine('  npx   -y  pkg  '), ['npx', '-y', 'pkg']);
  assert.deepEqual(splitCommandLine(`say "it's \\"fine\\""`), ['say', `it's "fine"`]);
  assert.deepEqual(splitCommandLine('node "server.js'), { error: 'The command line has an unclosed " quote.' });
  assert.deepEqual(splitCommandLine(''), []);
});

test('CommandConsent: asks once per command and directory, remembers only a yes', async () => {
  let stored: string[] = [];
  const asked: string[] = [];
  let answer = false;
  const consent = new CommandConsent({ get: () => stored, set: (keys) => void (stored = keys) }, async (command, cwd) => {
    asked.push(`${command} @ ${cwd}`);
    return answer;
  });
  assert.equal(await consent.request('node a.js', '/ws'), false);
  assert.deepEqual(stored, []);
  answer = true;
  assert.equal(await consent.request('node a.js', '/ws'), true);
  assert.equal(await consent.request('node a.js', '/ws'), true);
  assert.equal(consent.allowed('node a.js', '/ws'), true);
  assert.equal(consent.allowed('node a.js', '/other'), false);
  assert.equal(consent.allowed('node a.js --evil', '/ws'), false);
  assert.deepEqual(asked, ['node a.js @ /ws', 'node a.js @ /ws']);
  assert.deepEqual(stored, [consentKey('node a.js', '/ws')]);
});

test('mcpServerOf: a URL, a command line, or what is wrong', () => {
  assert.deepEqual(mcpServerOf(' http://127.0.0.1:3001/mcp '), { url: 'http://127.0.0.1:3001/mcp' });
  assert.deepEqual(mcpServerOf('npx -y "@modelcontextprotocol/server-everything"'), { command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'] });
  assert.deepEqual(mcpServerOf('   '), { error: 'Type the command that starts the MCP server, or its http(s) URL.' });
  assert.deepEqual(mcpServerOf("node 'x"), { error: "The command line has an unclosed ' quote." });
});
