// `npm test`: builds the bundles, runs the unit and stdio-LSP tests with Node's test runner
// (Node 20 does not expand globs itself), then the tests inside a real VS Code (installed and
// cached by scripts/vscode/install.sh). Ends with one "N passed, N failed" line for all of it.
// TOOLCALL_SKIP_VSCODE=1 skips the real-editor part for a quick local run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { glob } from 'tinyglobby';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

/** Runs a command, echoing its output, and returns its exit code and output. */
function runCapturing(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);

mkdirSync('test-results', { recursive: true });
const files = (await glob(['test/unit/**/*.test.ts', 'test/lsp/**/*.test.ts', 'test/threats/**/*.test.ts', 'test/fuzz/**/*.test.ts'])).sort();
const unitCode = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=test-results/unit.tap', ...files]);
const tap = readFileSync('test-results/unit.tap', 'utf8');
let passed = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
let failed = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0) + (unitCode !== 0 && !/^# fail [1-9]/m.test(tap) ? 1 : 0);

let vscodeCode = 0;
if (process.env.TOOLCALL_SKIP_VSCODE !== '1') {
  const { code, output } = await runCapturing('bash', ['scripts/vscode/test.sh']);
  vscodeCode = code;
  // mocha (integration suite, e2e checks) prints "N passing" / "N failing" per run.
  for (const m of output.matchAll(/^\s*(\d+) passing/gm)) passed += Number(m[1]);
  for (const m of output.matchAll(/^\s*(\d+) failing/gm)) failed += Number(m[1]);
  if (code !== 0 && !/^\s*[1-9]\d* failing/m.test(output)) failed += 1; // a crash before any test reported
}

console.log(`\nall: ${passed} passed, ${failed} failed`);
process.exit(unitCode !== 0 || vscodeCode !== 0 ? 1 : 0);
