// core/codeCache.ts loads dist/clientSession.js at activation: a module loaded through it must
// be what require() gives (its own require, module, exports, __filename, __dirname and `this`),
// with or without a cache, and a cache must never run code of another content of the file. Each
// load runs in a process of its own, as each start of the editor does (within one process V8
// reuses its own compilations and does not look at the cache at all).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cacheFileFor, requireWithCodeCache } from '../../../core/codeCache.ts';

/** A bundle that reaches a sibling file and a builtin, and says what its module scope was. */
const bundle = (greeting: string) => `"use strict";
const dep = require('./dep.js');
const { basename } = require('node:path');
module.exports = { greeting: ${JSON.stringify(greeting)}, dep: dep.value, file: basename(__filename), dir: __dirname, thisIsExports: this === module.exports, resolves: require.resolve('./dep.js'), twice: (n) => n * 2 };
`;

function fixture() {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-code-cache-'));
  writeFileSync(path.join(dir, 'dep.js'), 'exports.value = 42;\n');
  writeFileSync(path.join(dir, 'bundle.js'), bundle('hello'));
  return { dir, file: path.join(dir, 'bundle.js'), cacheDir: path.join(dir, 'cache') };
}

/** What the module exported, functions called (the same source, loaded twice, has two closures). */
const observed = (exports: Record<string, unknown>) => ({ ...exports, twice: (exports.twice as (n: number) => number)(21) });

const LOADER = path.resolve('core/codeCache.ts');

/** Loads `file` with the code cache in a new process, then saves the cache (as activation does). */
function loadInChild(file: string, cacheDir: string): { cacheHit: boolean; exports: Record<string, unknown> } {
  const script = `const { requireWithCodeCache } = require(${JSON.stringify(LOADER)});
const loaded = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
loaded.save();
const e = loaded.exports;
process.stdout.write(JSON.stringify({ cacheHit: loaded.cacheHit, exports: { ...e, twice: e.twice(21) } }));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

test('a module loaded with the code cache exports what require() exports, on the first load and from the cache', (t) => {
  const { dir, file, cacheDir } = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const expected = observed(createRequire(__filename)(file));
  assert.deepEqual(expected, { greeting: 'hello', dep: 42, file: 'bundle.js', dir, thisIsExports: true, resolves: path.join(dir, 'dep.js'), twice: 42 });

  // In this process too (the module is not shared with require's: a second instance).
  const here = requireWithCodeCache<Record<string, unknown>>(file, path.join(dir, 'unused'));
  assert.deepEqual(observed(here.exports), expected);
  assert.notEqual(here.exports, createRequire(__filename)(file));

  assert.deepEqual(loadInChild(file, cacheDir), { cacheHit: false, exports: expected });
  const cacheName = path.basename(cacheFileFor(file, bundle('hello'), cacheDir));
  assert.deepEqual(readdirSync(cacheDir), [cacheName]);
  // The next start takes the cache, and its save (a hit) writes nothing.
  assert.deepEqual(loadInChild(file, cacheDir), { cacheHit: true, exports: expected });
  assert.deepEqual(readdirSync(cacheDir), [cacheName]);
});

test('a new content of the same length takes no code from the old cache, and its cache replaces the old one', (t) => {
  const { dir, file, cacheDir } = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(loadInChild(file, cacheDir).cacheHit, false);
  // V8 checks only the source's length: the content hash in the name is what tells them apart.
  assert.equal(bundle('hallo').length, bundle('hello').length);
  writeFileSync(file, bundle('hallo'));
  const updated = loadInChild(file, cacheDir);
  assert.equal(updated.cacheHit, false);
  assert.equal(updated.exports.greeting, 'hallo');
  assert.deepEqual(readdirSync(cacheDir), [path.basename(cacheFileFor(file, bundle('hallo'), cacheDir))]);
  assert.deepEqual(loadInChild(file, cacheDir), { cacheHit: true, exports: { ...updated.exports } });
});

test('a cache V8 rejects is compiled around and written again; a cache that cannot be written is only skipped', (t) => {
  const { dir, file, cacheDir } = fixture();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(loadInChild(file, cacheDir).cacheHit, false);
  const cacheFile = cacheFileFor(file, bundle('hello'), cacheDir);
  writeFileSync(cacheFile, Buffer.alloc(4096, 7));
  const rejected = loadInChild(file, cacheDir);
  assert.equal(rejected.cacheHit, false);
  assert.equal(rejected.exports.greeting, 'hello');
  assert.equal(loadInChild(file, cacheDir).cacheHit, true);

  // The cache directory's parent is a file: nothing can be written (save() does not throw in the
  // child), the module still loads, and the next start compiles again.
  const blocked = path.join(dir, 'dep.js', 'cache');
  assert.equal(loadInChild(file, blocked).exports.dep, 42);
  assert.equal(loadInChild(file, blocked).cacheHit, false);
});
