// Issue 18 (start-up): dist/cli.js loads dist/cliCommands.js through V8's code cache
// (cli/commandBundles.ts), one cache per command, made once the command has run, in the user's
// cache folder. Run as a user runs it, from a production build: a run with the cache prints
// exactly what a run without it prints; the second run takes the cache (it writes nothing) even
// though the command set V8 flags; a corrupt cache is compiled around and written again; a cache
// of another content of the bundle is removed; nothing is written in the working directory.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

const root = mkdtempSync(path.join(tmpdir(), 'toolcall-cli-code-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));
const dist = path.join(root, 'dist');
execFileSync(process.execPath, ['scripts/build.mjs', 'cli', `--outdir=${dist}`]);

// The data: every fixture line, generated lines, and a line of each kind of finding.
const work = path.join(root, 'work');
mkdirSync(work);
writeFileSync(path.join(work, 'data.jsonl'), [...fixtureLines(), ...generatedLines(300, 3), '{"messages": [}', '', '[1]'].join('\n') + '\n');
const workFiles = () => readdirSync(work).sort();

type Run = { status: number | null; stdout: string; stderr: string };
const run = (args: string[], env: Record<string, string>): Run => {
  const r = spawnSync(process.execPath, [path.join(dist, 'cli.js'), ...args], { cwd: work, encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A fresh cache home; its code cache folder and the one file the command at hand keeps there. */
function cacheHome(name: string) {
  const home = path.join(root, name);
  const dir = path.join(home, 'toolcall-studio', 'code-cache');
  const files = () => (existsSync(dir) ? readdirSync(dir).sort() : []);
  const only = () => {
    assert.equal(files().length, 1, files().join(', '));
    const file = path.join(dir, files()[0]!);
    return { file, ino: statSync(file).ino, bytes: readFileSync(file) };
  };
  mkdirSync(home);
  return { env: { XDG_CACHE_HOME: home }, dir, files, only };
}

const COMMANDS = [
  ['validate', 'data.jsonl'],
  ['validate', '--format', 'json', 'data.jsonl'],
  ['stats', 'data.jsonl'],
  ['stats', '--format', 'json', 'data.jsonl'],
];

test('each command prints the same with and without the cache, and its second run takes the cache it made', () => {
  for (const args of COMMANDS) {
    const without = run(args, { TOOLCALL_CODE_CACHE: 'off' });
    assert.ok(without.stdout.length > 1000, args.join(' '));
    const cache = cacheHome(`home-${args.join('-')}`);
    const first = run(args, cache.env);
    assert.deepEqual(first, without, args.join(' '));
    const made = cache.only();
    assert.match(path.basename(made.file), new RegExp(`^cliCommands\\.js\\.${args[0]}\\.[0-9a-f]{20}\\.v8cache$`));
    // The binary set the command's V8 flags before the load (cli/commandFlags.ts), the same on every
    // run, so V8 takes the cache and nothing is written again (a rejected cache is rewritten).
    assert.deepEqual(run(args, cache.env), without, args.join(' '));
    assert.equal(cache.only().ino, made.ino, `${args.join(' ')}: the second run rewrote the cache`);
    assert.deepEqual(run(args, cache.env), without, args.join(' '));
    assert.equal(cache.only().ino, made.ino);
  }
  assert.deepEqual(workFiles(), ['data.jsonl']);
});

test('a corrupt cache is ignored and written again; a cache of the bundle before a rebuild is removed', () => {
  const args = ['validate', '--format', 'json', 'data.jsonl'];
  const without = run(args, { TOOLCALL_CODE_CACHE: 'off' });
  const cache = cacheHome('home-corrupt');
  run(args, cache.env);
  const made = cache.only();
  for (const junk of [Buffer.alloc(made.bytes.length, 7), made.bytes.subarray(0, 1000), Buffer.alloc(0)]) {
    writeFileSync(made.file, junk);
    assert.deepEqual(run(args, cache.env), without);
    const rewritten = cache.only();
    assert.equal(rewritten.file, made.file);
    assert.notDeepEqual(rewritten.bytes, junk);
    assert.equal(rewritten.bytes.length > 100_000, true);
    assert.deepEqual(run(args, cache.env), without);
    assert.equal(cache.only().ino, rewritten.ino);
  }

  // A rebuild (here: a comment more) is a new content: its own cache, and the old one goes. A
  // cache of another command and of the client's files stay.
  writeFileSync(path.join(cache.dir, 'cliCommands.js.stats.0123456789abcdef0123.v8cache'), 'x');
  writeFileSync(path.join(cache.dir, 'clientSession.js.0123456789abcdef0123.v8cache'), 'x');
  const rebuilt = path.join(root, 'rebuilt');
  mkdirSync(rebuilt);
  for (const f of ['cli.js', 'cliCommands.js', 'cliEval.js']) copyFileSync(path.join(dist, f), path.join(rebuilt, f));
  appendFileSync(path.join(rebuilt, 'cliCommands.js'), '\n// rebuilt\n');
  const r = spawnSync(process.execPath, [path.join(rebuilt, 'cli.js'), ...args], { cwd: work, encoding: 'utf8', env: cache.env });
  assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, without);
  const names = cache.files();
  assert.equal(names.length, 3, names.join(', '));
  assert.equal(names.includes(path.basename(made.file)), false);
  assert.deepEqual(names.filter((n) => n.includes('0123456789abcdef0123')), ['cliCommands.js.stats.0123456789abcdef0123.v8cache', 'clientSession.js.0123456789abcdef0123.v8cache']);
  assert.deepEqual(workFiles(), ['data.jsonl']);
});

test('the cache lives in ~/.cache without XDG_CACHE_HOME; --help, a usage error, eval and TOOLCALL_CODE_CACHE=off write none; an unwritable folder is skipped', () => {
  const home = path.join(root, 'user');
  mkdirSync(home);
  const args = ['stats', 'data.jsonl'];
  const without = run(args, { TOOLCALL_CODE_CACHE: 'off', HOME: home });
  assert.deepEqual(readdirSync(home), []);
  assert.deepEqual(run(args, { HOME: home, XDG_CACHE_HOME: 'relative/cache' }), without);
  assert.deepEqual(readdirSync(path.join(home, '.cache', 'toolcall-studio', 'code-cache')).map((n) => n.replace(/[0-9a-f]{20}/, 'HASH')), ['cliCommands.js.stats.HASH.v8cache']);

  const cache = cacheHome('home-none');
  const evalDir = path.join(__dirname, '../../fixtures/eval/lesson');
  for (const args of [['validate', '--help'], ['--help'], ['split'], ['validate', '--bogus', 'data.jsonl']]) run(args, cache.env);
  spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'eval', '--dataset', 'eval.jsonl', '--predictions', 'predictions.jsonl'], { cwd: evalDir, env: cache.env });
  assert.deepEqual(cache.files(), []);

  // The cache home is a file: the folder cannot be made, and the command runs as without a cache.
  const blocked = path.join(root, 'blocked');
  writeFileSync(blocked, 'not a folder');
  assert.deepEqual(run(args, { XDG_CACHE_HOME: blocked }), without);
  assert.deepEqual(run(['validate', 'data.jsonl'], { XDG_CACHE_HOME: blocked }), run(['validate', 'data.jsonl'], { TOOLCALL_CODE_CACHE: 'off' }));
  assert.deepEqual(workFiles(), ['data.jsonl']);
});
