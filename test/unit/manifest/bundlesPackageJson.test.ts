// The build writes dist/package.json, `{"type":"commonjs"}`, so that Node, which reads the
// package.json nearest each CommonJS file it loads, stops there instead of parsing the project's
// manifest at every start (scripts/build.mjs says what that costs). The bundles must then run
// whatever package.json stands above dist/: here one that declares ES modules, under which a
// CommonJS bundle without its own package.json fails to load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

test('the CLI bundles carry their own package.json and run under a parent that declares ES modules', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'toolcall-bundles-package-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dist = path.join(root, 'dist');
  execFileSync(process.execPath, ['scripts/build.mjs', 'cli', '--dev', `--outdir=${dist}`]);
  assert.equal(readFileSync(path.join(dist, 'package.json'), 'utf8'), '{"type":"commonjs"}\n');

  writeFileSync(path.join(root, 'package.json'), '{"type":"module"}\n');
  const dataset = path.join(root, 'one.jsonl');
  writeFileSync(dataset, '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n');
  const run = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'validate', dataset], { encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
  assert.equal(run.stdout.split('\n').at(-2), '1 file, 1 example: 0 errors, 1 warning, 0 infos');

  // Without it, the same bundle is taken for an ES module and fails: the check above can fail.
  rmSync(path.join(dist, 'package.json'));
  const without = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'validate', dataset], { encoding: 'utf8' });
  assert.notEqual(without.status, 0);
  assert.match(without.stderr, /require is not defined in ES module scope/);
});

test('the .vsix ships dist/package.json beside the bundles', () => {
  const shipped = readFileSync('.vscodeignore', 'utf8').split('\n').map((line) => line.trim());
  assert.ok(shipped.includes('!dist/package.json'));
});
