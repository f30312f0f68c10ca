// scripts/lazyBuiltins.mjs: a bundle that names node:crypto loads it only when a binding is
// first read, and then gets the real module. Checked in a child process through Node's own list
// of the built-in modules it has loaded.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';
// @ts-expect-error: a build script (plain .mjs, no types)
import { lazyBuiltins } from '../../../scripts/lazyBuiltins.mjs';

const ENTRY = `import { createHash } from 'node:crypto';
const loaded = () => process.moduleLoadList.includes('NativeModule crypto');
const before = loaded();
const hash = createHash('sha256').update('toolcall').digest('hex');
console.log(JSON.stringify({ before, hash, after: loaded() }));
`;

test('a lazy built-in is loaded on first use, and is the real module', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lazy-builtins-'));
  try {
    const outfile = path.join(dir, 'out.js');
    await esbuild.build({ stdin: { contents: ENTRY, loader: 'js', resolveDir: dir }, bundle: true, platform: 'node', format: 'cjs', outfile, plugins: [lazyBuiltins(['node:crypto'])], logLevel: 'silent' });
    const printed = JSON.parse(execFileSync(process.execPath, [outfile], { encoding: 'utf8' }));
    assert.deepEqual(printed, { before: false, hash: createHash('sha256').update('toolcall').digest('hex'), after: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
