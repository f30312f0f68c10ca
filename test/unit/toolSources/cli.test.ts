// toolcall tools import mcp|openapi and toolcall tools diff, end to end through runCli.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../cli/main.ts';
import { callLine, everything, filesystem, TEST_SERVER } from './servers.ts';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

const workspace = () => mkdtempSync(path.join(tmpdir(), 'toolcall-sources-'));
const spec = (name: string) => path.join(__dirname, '../../fixtures/openapi', name);
const node = process.execPath;

test('import mcp from both real servers: tools files that validate clean with validate --tools', async () => {
  const dir = workspace();
  for (const [name, server, call] of [
    ['everything', everything(), (i: number) => callLine('get-sum', { a: i, b: 2 })],
    ['filesystem', filesystem(), (i: number) => callLine('list_directory', { path: `/data/${i}` })],
  ] as const) {
    const server_ = server as { command: string; args: string[] };
    const imported = await run(['tools', 'import', 'mcp', '--out', `${name}.tools.json`, '--', server_.command, ...server_.args], dir);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, new RegExp(`^Imported ${name === 'everything' ? 13 : 14} tools from `));
    writeFileSync(path.join(dir, `${name}.jsonl`), Array.from({ length: 10 }, (_, i) => call(i)).join('\n') + '\n');
    const validated = await run(['validate', '--tools', `${name}.tools.json`, `${name}.jsonl`], dir);
    assert.equal(validated.stdout, '1 file, 10 examples: 0 errors, 0 warnings, 0 infos\n');
    assert.equal(validated.code, 0);
  }
});

test('import mcp to stdout: the tools file on stdout, the report on stderr', async () => {
  const result = await run(['tools', 'import', 'mcp', '--', node, TEST_SERVER, 'weather-v1'], workspace());
  assert.equal(result.code, 0);
  assert.deepEqual(JSON.parse(result.stdout).map((t: { function: { name: string } }) => t.function.name), ['get_weather', 'search_places', 'get_time']);
  assert.equal(result.stderr, `Imported 3 tools from ${node} ${TEST_SERVER} weather-v1.\nNot carried over:\n  get_weather: title\n  get_weather: annotations readOnlyHint\n`);
});

test('import mcp usage errors: no server, both --url and a command', async () => {
  const none = await run(['tools', 'import', 'mcp'], workspace());
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^toolcall tools: Give the MCP server: --url URL, or -- COMMAND ARGS\.\.\. to start it over stdio\.\n/);
  const both = await run(['tools', 'import', 'mcp', '--url', 'http://127.0.0.1:1/mcp', '--', 'node'], workspace());
  assert.equal(both.code, 2);
  assert.match(both.stderr, /^toolcall tools: Give --url or a command after --, not both\.\n/);
});

test('import mcp from a server that crashes: exit 1 and the message', async () => {
  const result = await run(['tools', 'import', 'mcp', '--', node, TEST_SERVER, 'crash'], workspace());
  assert.equal(result.code, 1);
  assert.equal(result.stderr, `toolcall tools: MCP server ${node} ${TEST_SERVER} crash closed the connection before listing its tools; it printed: test server: crashing on purpose.\n`);
});

test('import openapi with --tag', async () => {
  const result = await run(['tools', 'import', 'openapi', spec('petstore.swagger2.json'), '--tag', 'photos'], workspace());
  assert.equal(result.code, 0);
  assert.deepEqual(JSON.parse(result.stdout).map((t: { function: { name: string } }) => t.function.name), ['uploadPhoto']);
  assert.equal(result.stderr, `Imported 1 tool from ${spec('petstore.swagger2.json')}.\n`);
});

test('diff against a changed MCP server: the breaking drift, the lines it breaks, exit 1; JSON for CI', async () => {
  const dir = workspace();
  assert.equal((await run(['tools', 'import', 'mcp', '--out', 'weather.tools.json', '--', node, TEST_SERVER, 'weather-v1'], dir)).code, 0);
  writeFileSync(path.join(dir, 'train.jsonl'), [
    callLine('get_weather', { city: 'Paris' }),
    callLine('get_weather', { city: 'Oslo', unit: 'c' }),
    callLine('search_places', { query: 'cafe' }),
    callLine('get_time', { city: 'Rome' }),
  ].join('\n') + '\n');
  const text = await run(['tools', 'diff', 'weather.tools.json', '--dataset', 'train.jsonl', '--against', 'mcp', '--', node, TEST_SERVER, 'weather-v2'], dir);
  assert.equal(text.code, 1);
  assert.equal(text.stdout, [
    `Drift from ${node} ${TEST_SERVER} weather-v2: 1 added, 1 removed, 2 changed; 3 dataset lines broken, 1 stale.`,
    'changed get_weather (breaking)',
    '  ! Parameter "country" of "get_weather" was added as required.',
    '  ! Allowed values of "unit" of "get_weather" changed: lost "c", "f"; gained "celsius", "fahrenheit".',
    "  breaks train.jsonl:1: a call to \"get_weather\" is now invalid: must have required property 'country'",
    "  breaks train.jsonl:2: a call to \"get_weather\" is now invalid: must have required property 'country'; \"unit\" must be equal to one of the allowed values (\"celsius\", \"fahrenheit\")",
    'removed search_places (breaking)',
    '  breaks train.jsonl:3: calls "search_places", which the source no longer offers',
    'changed get_time',
    '  - The description of "get_time" changed.',
    '  stale train.jsonl:4: calls or declares "get_time" as it was before',
    'added book_table',
    'Breaking drift: the dataset teaches calls the source no longer accepts, or the source lost tools.',
    '',
  ].join('\n'));
  const json = await run(['tools', 'diff', 'weather.tools.json', '--dataset', 'train.jsonl', '--format', 'json', '--against', 'mcp', '--', node, TEST_SERVER, 'weather-v2'], dir);
  assert.equal(json.code, 1);
  const parsed = JSON.parse(json.stdout);
  assert.deepEqual(parsed.counts, { added: 1, removed: 1, changed: 2, brokenLines: 3, staleLines: 1 });
  assert.deepEqual(parsed.tools[1].broken, [{ file: 'train.jsonl', line: 3, reason: 'calls "search_places", which the source no longer offers' }]);
  const same = await run(['tools', 'diff', 'weather.tools.json', '--against', 'mcp', '--', node, TEST_SERVER, 'weather-v1'], dir);
  assert.deepEqual([same.code, same.stdout], [0, `No drift from ${node} ${TEST_SERVER} weather-v1.\n`]);
});

test('diff against an OpenAPI spec and against another tools file', async () => {
  const dir = workspace();
  assert.equal((await run(['tools', 'import', 'openapi', spec('shop.openapi30.yaml'), '--out', 'shop.tools.json'], dir)).code, 0);
  const same = await run(['tools', 'diff', 'shop.tools.json', '--against', 'openapi', spec('shop.openapi30.yaml')], dir);
  assert.deepEqual([same.code, same.stdout], [0, `No drift from ${spec('shop.openapi30.yaml')}.\n`]);
  const tools = JSON.parse(readFileSync(path.join(dir, 'shop.tools.json'), 'utf8'));
  writeFileSync(path.join(dir, 'older.tools.json'), JSON.stringify(tools.slice(0, 2)));
  const other = await run(['tools', 'diff', 'older.tools.json', '--against', 'shop.tools.json'], dir);
  assert.equal(other.code, 0);
  assert.equal(other.stdout, 'Drift from shop.tools.json: 2 added, 0 removed, 0 changed; 0 dataset lines broken, 0 stale.\nadded addNote\nadded uploadCsv\nNo breaking drift.\n');
  const reverse = await run(['tools', 'diff', 'shop.tools.json', '--against', 'older.tools.json'], dir);
  assert.equal(reverse.code, 1);
});

test('diff usage errors', async () => {
  const dir = workspace();
  writeFileSync(path.join(dir, 'a.tools.json'), '[]');
  const missing = await run(['tools', 'diff', 'a.tools.json'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^toolcall tools: Say what to compare with: --against mcp, --against openapi SPEC or --against OTHER_TOOLS_FILE\.\n/);
  const format = await run(['tools', 'diff', 'a.tools.json', '--against', 'a.tools.json', '--format', 'xml'], dir);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /^toolcall tools: --format is text or json, not "xml"\.\n/);
});
