// The architecture test (ARCHITECTURE.md, "Invariants"): reads every import of core/, server/,
// client/ and cli/ and fails on a forbidden one or on a cycle of imports. It runs first on its
// own fixture, a miniature tree that breaks every rule once, to show that it can fail.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { importCycles, importEdges, importsOf, sourceFiles } from './importGraph.ts';
import { folderEdges, layerViolations } from './layers.ts';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'architecture', 'forbidden');
const PRODUCT = ['core', 'server', 'client', 'cli'];
/** Tests that must run without VS Code (the fixture tree has one under test/unit). */
const HEADLESS_TESTS = ['test/unit', 'test/lsp'];

/** The imports of the product's files (the layers, the cycles). */
function edgesOf(root: string) {
  return importEdges(root, PRODUCT.flatMap((dir) => sourceFiles(root, dir)));
}

/** The imports of the headless tests (fixtures are data, not tests). */
function testEdgesOf(root: string) {
  return importEdges(root, HEADLESS_TESTS.filter((dir) => existsSync(path.join(root, dir))).flatMap((dir) => sourceFiles(root, dir, new Set(['fixtures']))));
}

describe('architecture test on its fixture (every rule broken once)', () => {
  const edges = edgesOf(FIXTURE);

  test('names every forbidden import with its file, line and reason', () => {
    assert.deepEqual(layerViolations(edges), [
      "core/editorTypes.ts:2 imports 'vscode': core never imports vscode (editor wiring lives in client/)",
      "core/leak.ts:1 imports '../server/state.ts': core never imports server/, client/ or cli/ (they import core)",
      "core/leak.ts:2 imports 'vscode-languageserver': core imports the LSP packages only in core/protocol.ts",
      "core/leak.ts:3 imports 'vscode-languageclient/node': core never imports the language client",
      "server/openaiUse.ts:1 imports 'openai': only core/openai/ imports the openai SDK",
      "server/state.ts:1 imports '../client/panel.ts': the server never imports client/ or cli/",
      "client/panel.ts:1 imports '../server/state.ts': the client talks to the server only through core/protocol.ts",
      "client/webview/main.ts:1 imports 'node:fs': a webview runs in the browser: no vscode, LSP or Node modules",
      "client/webview/main.ts:2 imports '../panel.ts': a webview imports only webview files and core/",
      "cli/main.ts:1 imports '../client/panel.ts': the CLI is a thin adapter over core: no server/ or client/",
    ]);
  });

  test('finds the cycle of files and the cycle of folders', () => {
    assert.deepEqual(importCycles(edges), [['client/panel.ts', 'server/state.ts', 'client/panel.ts']]);
    assert.deepEqual(importCycles(folderEdges(edges)), [
      ['client/panel.ts', 'server/state.ts', 'client/panel.ts'],
      ['core/eval', 'core/stats', 'core/eval'],
    ]);
  });
});

describe('architecture of the tree', () => {
  const edges = edgesOf(REPO);

  test('reads the imports of every product file', () => {
    const files = new Set(edges.map((e) => e.from));
    console.log(`${edges.length} imports in ${files.size} files`);
    for (const file of ['core/protocol.ts', 'server/server.ts', 'client/extension.ts', 'cli/main.ts', 'client/webview/eval/main.ts']) assert.ok(files.has(file), file);
  });

  test('no forbidden import', () => {
    assert.deepEqual(layerViolations(edges), []);
    assert.deepEqual(layerViolations(testEdgesOf(REPO)), []);
  });

  test('no cycle of imports between files', () => {
    assert.deepEqual(importCycles(edges), []);
  });

  test('no cycle of imports between folders (core/stats, client/jobs, ...)', () => {
    assert.deepEqual(importCycles(folderEdges(edges)), []);
  });
});

test('importsOf reads static, type-only, re-export, import() type and require() imports', () => {
  const text = [
    "import a from 'a';",
    "import type { B } from 'b';",
    "export { c } from './c.ts';",
    "type D = import('d').D;",
    "const e = require('e');",
    "const f = await import('f');",
    "// import g from 'g';",
    "const h = 'import i from \"i\"';",
  ].join('\n');
  assert.deepEqual(importsOf('x.ts', text), [
    { specifier: 'a', line: 1 },
    { specifier: 'b', line: 2 },
    { specifier: './c.ts', line: 3 },
    { specifier: 'd', line: 4 },
    { specifier: 'e', line: 5 },
    { specifier: 'f', line: 6 },
  ]);
});
