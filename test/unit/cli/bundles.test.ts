// Issue 18 (eval start-up): the CLI is three files (scripts/build.mjs). dist/cli.js is the
// dispatcher; `toolcall eval` comes from dist/cliEval.js and every other command from
// dist/cliCommands.js, each required on use. Read from an unminified build (esbuild names each
// module in a comment) and run as a user runs it: every command answers through the dispatcher,
// a usage error thrown by another bundle's copy of UsageError still exits 2 with the usage, and
// the eval bundle prints what the in-process command prints.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runToolcall } from '../../helpers/cli.ts';
import { UsageError } from '../../../cli/io.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'toolcall-cli-split-'));
execFileSync(process.execPath, ['scripts/build.mjs', 'cli', '--dev', `--outdir=${outdir}`]);
after(() => rmSync(outdir, { recursive: true, force: true }));

const bundle = (file: string) => readFileSync(path.join(outdir, file), 'utf8');
/** Our modules in a dev bundle, by the comment esbuild writes above each. */
const ours = (file: string) => [...new Set([...bundle(file).matchAll(/^\/\/ ((?:cli|core)\/\S+)$/gm)].map((m) => m[1]!))].sort();
const run = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [path.join(outdir, 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { TOOLCALL_CODE_CACHE: 'off' } });

const COMMANDS = ['validate', 'stats', 'split', 'finetune', 'eval', 'convert', 'render', 'tools'];

test('dist/cli.js holds the dispatcher only; eval and the other commands are files of their own', () => {
  assert.deepEqual(ours('cli.js'), ['cli/afterCommand.ts', 'cli/commandBundles.ts', 'cli/commandFlags.ts', 'cli/descriptorOutput.ts', 'cli/io.ts', 'cli/main.ts', 'cli/output.ts', 'core/codeCache.ts', 'core/text/printable.ts', 'core/v8Flags.ts']);
  const evalModules = ours('cliEval.js');
  assert.ok(evalModules.includes('cli/commands/eval.ts'));
  assert.deepEqual(evalModules.filter((m) => m.startsWith('cli/commands/')), ['cli/commands/eval.ts', 'cli/commands/evalBatch.ts']);
  // Scoring needs no validation, statistics or tokenizer code.
  assert.deepEqual(evalModules.filter((m) => /^core\/(validate|checks|stats\/(?!category)|schema|render)/.test(m)), []);
  const others = ours('cliCommands.js');
  assert.deepEqual(COMMANDS.filter((c) => c !== 'eval' && !others.includes(`cli/commands/${c}.ts`)), []);
  assert.equal(others.includes('cli/commands/eval.ts'), false);
});

test('every command answers --help through the dispatcher', () => {
  for (const command of COMMANDS) {
    const r = run([command, '--help']);
    assert.equal(r.status, 0, `${command}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^Usage: toolcall ${command} `), command);
  }
  const help = run(['--help']);
  assert.equal(help.status, 0);
  for (const command of COMMANDS) assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
});

test('a usage error thrown in the eval bundle exits 2 with the usage, as in process', async () => {
  const r = run(['eval', '--dataset', 'x.jsonl']);
  const inProcess = await runToolcall(['eval', '--dataset', 'x.jsonl'], process.cwd());
  assert.equal(inProcess.code, 2);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, inProcess.stderr);
  assert.match(r.stderr, /^toolcall eval: Give --model M \(one or more\) or --predictions FILE\.\nUsage: toolcall eval /);
  // And from the other commands' bundle.
  const split = run(['split']);
  assert.equal(split.status, 2);
  assert.equal(split.stderr, (await runToolcall(['split'], process.cwd())).stderr);
});

test('eval --predictions from the bundle prints what the command prints in process', async () => {
  const dir = path.join(__dirname, '../../fixtures/eval/lesson');
  const args = ['eval', '--dataset', 'eval.jsonl', '--predictions', 'predictions.jsonl', '--format', 'json'];
  const r = run(args, dir);
  const inProcess = await runToolcall(args, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, inProcess.stdout);
  assert.equal(JSON.parse(r.stdout).predictions.total, 7);
});

test('eval --predictions from the bundle does not load node:crypto (only asking a model hashes cases)', () => {
  const probe = path.join(outdir, 'probe.js');
  writeFileSync(probe, `process.on('exit', () => process.stderr.write('crypto loaded: ' + process.moduleLoadList.includes('NativeModule crypto')));\n`);
  const args = ['eval', '--dataset', 'eval.jsonl', '--predictions', 'predictions.jsonl', '--format', 'json'];
  const r = spawnSync(process.execPath, ['--require', probe, path.join(outdir, 'cli.js'), ...args], { cwd: path.join(__dirname, '../../fixtures/eval/lesson'), encoding: 'utf8', env: {} });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).predictions.total, 7);
  assert.equal(r.stderr, 'crypto loaded: false');
});

test('UsageError is recognised by its mark: a copy of the class from another bundle is one too', () => {
  const otherCopy = Object.assign(new Error('x'), { [Symbol.for('toolcall.cli.UsageError')]: true });
  assert.equal(otherCopy instanceof UsageError, true);
  assert.equal(new UsageError('x') instanceof UsageError, true);
  assert.equal(new Error('x') instanceof UsageError, false);
  assert.equal((null as unknown as object) instanceof UsageError, false);
});
