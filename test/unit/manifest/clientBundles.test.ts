// Issue 18 (activation): the extension is three files (scripts/clientSplit.mjs). dist/client.js is
// client/extension.ts and its code-cache loader (what VS Code's "load code" times);
// dist/clientSession.js holds what activation then runs (the language client);
// dist/clientCommands.js the modules commands require on first use. Read from an unminified build
// (esbuild names each module in a comment): client.js bundles nothing else and names the session
// file, no module of ours is in both other
// files, the packages only commands use are not in the session file, every shared module the
// commands file asks for is in the session file's registry, and every lazy require of the client
// is a module of the commands file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error: a build script (plain .mjs, no types)
import { SESSION_FILE } from '../../../scripts/clientSplit.mjs';

const outdir = mkdtempSync(path.join(tmpdir(), 'toolcall-client-split-'));
execFileSync(process.execPath, ['scripts/build.mjs', 'client', '--dev', `--outdir=${outdir}`]);
const activation = readFileSync(path.join(outdir, 'client.js'), 'utf8');
const main = readFileSync(path.join(outdir, SESSION_FILE), 'utf8');
const commands = readFileSync(path.join(outdir, 'clientCommands.js'), 'utf8');
rmSync(outdir, { recursive: true, force: true });

/** The modules esbuild put in a dev bundle, by the comment it writes above each. */
const modulesOf = (bundle: string) => new Set([...bundle.matchAll(/^\/\/ (\S+)$/gm)].map((m) => m[1]!));
const ours = (modules: Set<string>) => [...modules].filter((m) => /^(client|core)\//.test(m)).sort();
/** The packages bundled into a file (a `client-shared:` module is taken from the main file, not bundled). */
const packages = (modules: Set<string>) => new Set([...modules].filter((m) => !m.startsWith('client-shared:')).map((m) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(m)?.[1]).filter((p): p is string => p !== undefined));

/** The lazy requires of the client's source: `require('./x.ts')` in commands.ts and the drift watcher. */
function lazyRequires(): string[] {
  const found = new Set<string>();
  for (const file of ['client/commands.ts', 'client/toolSources/watch.ts']) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/require\('(\.[^']+\.ts)'\)/g)) found.add(path.posix.join(path.posix.dirname(file), spec!));
  }
  return [...found].sort();
}

test('client.js is client/extension.ts and its code-cache loader alone, and loads the session file by name', () => {
  assert.deepEqual([...modulesOf(activation)].sort(), ['client/extension.ts', 'core/codeCache.ts']);
  assert.deepEqual([...new Set([...activation.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort(), ['node:crypto', 'node:fs', 'node:module', 'node:path', 'node:vm', 'vscode']);
  assert.match(activation, new RegExp(`"${SESSION_FILE.replace('.', '\\.')}"`));
  assert.ok(modulesOf(main).has('client/session.ts'));
  assert.ok(!modulesOf(main).has('client/extension.ts'));
});

test('no module of ours is built into both files: a shared one is taken from the main file', () => {
  const inMain = new Set(ours(modulesOf(main)));
  assert.deepEqual(ours(modulesOf(commands)).filter((m) => inMain.has(m)), []);
  // The jobs controller (one per extension context) is in the main file and only asked for by the other.
  assert.ok(inMain.has('client/jobs/controller.ts'));
  assert.ok(modulesOf(commands).has('client-shared:client/jobs/controller.ts'));
});

test('the packages only commands use are in the commands file, not in the main one', () => {
  const heavy = ['@modelcontextprotocol/sdk', '@apidevtools/swagger-parser', 'ajv', 're2js', 'zod', 'js-yaml', '@huggingface/jinja'];
  const inMain = packages(modulesOf(main));
  const inCommands = packages(modulesOf(commands));
  assert.deepEqual(heavy.filter((p) => inMain.has(p)), []);
  assert.deepEqual(heavy.filter((p) => !inCommands.has(p)), []);
  assert.ok(inMain.has('vscode-languageclient'));
  // The language client library our modules import by name is taken from the main file, not copied.
  assert.deepEqual(['vscode-languageclient', 'vscode-languageserver-protocol', 'vscode-jsonrpc'].filter((p) => inCommands.has(p)), []);
  assert.ok([...modulesOf(commands)].some((m) => /^client-shared:.*node_modules\/vscode-languageclient\/lib\/node\/main\.js$/.test(m)));
});

test('every shared module the commands file asks for is in the main file registry', () => {
  const asked = [...modulesOf(commands)].filter((m) => m.startsWith('client-shared:')).map((m) => m.slice('client-shared:'.length)).sort();
  const registry = /shared = \{ (.*) \};$/m.exec(main)?.[1];
  assert.ok(registry, 'the main file has the registry');
  const keys = new Set([...registry.matchAll(/"([^"]+)": /g)].map((m) => m[1]!));
  assert.deepEqual(asked.filter((m) => !keys.has(m)), []);
  assert.ok(asked.length > 10, `${asked.length} shared modules`);
});

test('every lazy require of the client is a module of the commands file', () => {
  const entry = /var modules = \{ (.*) \};$/m.exec(commands)?.[1];
  assert.ok(entry, 'the commands file has its module table');
  const names = [...entry.matchAll(/"([^"]+)": \(\) =>/g)].map((m) => m[1]!).sort();
  assert.deepEqual(names, lazyRequires());
});
