#!/usr/bin/env node
// Runs the integration suite inside a real VS Code (code-server 1.139 in headless chromium):
// bundles test/integration/suite/ with esbuild into out/integration/, then calls
// @vscode/test-electron's runTests() with our launcher as the "VS Code executable".
// Prerequisite: scripts/vscode/install.sh (and `npm run build` for the extension itself).
//
//   node test/integration/run.mjs [--grep REGEX] [--e2e SCRIPT.ts|.mjs] [--restricted] [--cold]
//
// --profile DIR keeps the editor's profile (user data, extensions) in DIR across runs instead of
// a fresh temporary one: a second run is a later start (bench/realActivation.mjs).
// --cold opens test/fixtures/workspace-cold instead, a folder that activates nothing at start-up
// (no tools file, nothing open), for suites that check activation by a command (they read
// TOOLCALL_COLD=1 and skip themselves otherwise; run each alone with --grep: one activation per window).
// --grep sets TOOLCALL_TEST_GREP (mocha grep inside the extension host).
// --e2e bundles a browser-driven script (see test/e2e/) and has the launcher run it after
// the suite. Exit code: 0 when everything passed, the suite's code otherwise.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const suiteDir = path.join(here, 'suite');
const outDir = path.join(root, 'out', 'integration');
const launcher = path.join(here, 'launcher', 'code-server-launcher.mjs');
const workspace = path.join(root, 'test', 'fixtures', 'workspace');
const coldWorkspace = path.join(root, 'test', 'fixtures', 'workspace-cold');

function parseArgs(argv) {
  const opts = { grep: undefined, e2e: undefined, restricted: false, cold: false, profile: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (name === '--grep') opts.grep = value();
    else if (name === '--restricted') opts.restricted = true;
    else if (name === '--cold') opts.cold = true;
    else if (name === '--profile') opts.profile = path.resolve(value());
    else if (name === '--e2e') opts.e2e = path.resolve(value());
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return opts;
}

function testEntries(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

/** One bundle per test file (flat names, as the runner loads *.test.js from its folder) plus the runner. */
async function bundleSuite() {
  rmSync(outDir, { recursive: true, force: true });
  const tests = testEntries(suiteDir);
  const entryPoints = [
    { in: path.join(suiteDir, 'index.ts'), out: 'index' },
    ...tests.map((f) => ({
      in: f,
      out: path.relative(suiteDir, f).replace(/\.ts$/, '').split(path.sep).join('__'),
    })),
  ];
  await esbuild.build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    mainFields: ['module', 'main'],
    // vscode is provided by the extension host; mocha is required from the repo's
    // node_modules (resolvable because the bundles live under the repo root).
    external: ['vscode', 'mocha'],
  });
  return tests.length;
}

/** Browser scripts run in the launcher's Node (no type stripping): bundle .ts to .mjs. */
async function bundleE2e(script) {
  if (!script.endsWith('.ts')) return script;
  const outfile = path.join(root, 'out', 'e2e', path.basename(script).replace(/\.ts$/, '.mjs'));
  await esbuild.build({
    entryPoints: [script],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'inline',
    logLevel: 'warning',
    packages: 'external',
  });
  return outfile;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const count = await bundleSuite();
  console.log(`[run] bundled ${count} test file(s) into ${path.relative(root, outDir)} in ${Date.now() - t0} ms`);
  if (!existsSync(path.join(root, 'dist', 'client.js'))) {
    console.log('[run] note: dist/client.js is missing (run `npm run build`); the extension will not activate');
  }

  const env = {};
  if (opts.grep) env.TOOLCALL_TEST_GREP = opts.grep;
  // A Restricted Mode window (workspace trust on, folder untrusted): the launcher and the suites read it.
  if (opts.restricted) env.TOOLCALL_RESTRICTED = '1';
  if (opts.cold) env.TOOLCALL_COLD = '1';
  if (opts.e2e) env.TOOLCALL_E2E_SCRIPT = await bundleE2e(opts.e2e);
  env.TOOLCALL_RESULTS_DIR = process.env.TOOLCALL_RESULTS_DIR || path.join(root, 'test-results');
  if (process.env.TOOLCALL_EXPECT_CODE_CACHE) env.TOOLCALL_EXPECT_CODE_CACHE = process.env.TOOLCALL_EXPECT_CODE_CACHE;

  // A fresh profile per run (no state leaks between runs), unless one is kept on purpose.
  const profile = opts.profile ?? mkdtempSync(path.join(tmpdir(), 'toolcall-profile-'));
  mkdirSync(profile, { recursive: true });
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath: launcher,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(outDir, 'index.js'),
      launchArgs: [
        opts.cold ? coldWorkspace : workspace,
        `--user-data-dir=${path.join(profile, 'user-data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
      ],
      extensionTestsEnv: env,
    });
  } catch (err) {
    // runTests rejects with TestRunFailedError { code } on a non-zero exit.
    code = typeof err?.code === 'number' ? err.code : 1;
    if (typeof err?.code !== 'number') console.error(`[run] ${err?.stack ?? err}`);
  } finally {
    if (!opts.profile) rmSync(profile, { recursive: true, force: true });
  }
  console.log(`[run] ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(code);
}

main().catch((err) => {
  console.error(`[run] ${err?.stack ?? err}`);
  process.exit(1);
});
