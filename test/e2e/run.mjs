#!/usr/bin/env node
// Runs browser-driven UI checks (*.e2e.ts, see workbench.ts) against a VS Code workbench
// with our extension loaded the normal way (no extension test runner, so the extension
// host stays alive for the checks). Prerequisite: scripts/vscode/install.sh, and
// `npm run build` for the real extension.
//
//   node test/e2e/run.mjs                 every test/e2e/checks/**/*.e2e.ts, repo extension
//   node test/e2e/run.mjs FILE.e2e.ts...  just these checks
//   node test/e2e/run.mjs --selftest      the helpers' own check against selftest/extension
//
// Options: --workspace DIR (default test/fixtures/workspace), --extension DIR (default the
// repo root). All checks run, in order, in one workbench; a failing check saves
// test-results/<check>-failure.png and makes the exit code 1.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const launcher = path.join(root, 'test', 'integration', 'launcher', 'code-server-launcher.mjs');

function parseArgs(argv) {
  const opts = {
    checks: [],
    workspace: path.join(root, 'test', 'fixtures', 'workspace'),
    extension: root,
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s);
    const value = () => path.resolve(inline ?? argv[++i]);
    if (name === '--selftest') {
      opts.extension = path.join(here, 'selftest', 'extension');
      opts.checks.push(path.join(here, 'selftest', 'selftest.e2e.ts'));
    } else if (name === '--workspace') opts.workspace = value();
    else if (name === '--extension') opts.extension = value();
    else if (name.startsWith('--')) throw new Error(`unknown option ${name}`);
    else opts.checks.push(path.resolve(name));
  }
  if (opts.checks.length === 0) {
    const dir = path.join(here, 'checks');
    if (existsSync(dir)) {
      opts.checks = readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.e2e.ts'))
        .sort()
        .map((f) => path.join(dir, f));
    }
  }
  return opts;
}

/** One ESM bundle that runs every check in turn and reports all failures at the end. */
async function bundleChecks(checks) {
  const outfile = path.join(root, 'out', 'e2e', 'checks.mjs');
  const imports = checks.map((c, i) => `import check${i} from ${JSON.stringify(c)};`).join('\n');
  const table = checks.map((c, i) => `[${JSON.stringify(path.basename(c, '.e2e.ts'))}, check${i}]`).join(', ');
  const contents = `${imports}
import { screenshot } from ${JSON.stringify(path.join(here, 'workbench.ts'))};
export default async function runChecks(ctx) {
  const failed = [];
  for (const [name, check] of [${table}]) {
    const t0 = Date.now();
    try {
      await check(ctx);
      ctx.log(\`e2e ✔ \${name} (\${Date.now() - t0} ms)\`);
    } catch (err) {
      ctx.log(\`e2e ✘ \${name}: \${err?.stack ?? err}\`);
      await screenshot(ctx.page, \`\${name}-failure\`, ctx.resultsDir).then((f) => ctx.log(\`screenshot: \${f}\`), () => {});
      failed.push(name);
    }
  }
  if (failed.length) throw new Error(\`\${failed.length} e2e check(s) failed: \${failed.join(', ')}\`);
}
`;
  await esbuild.build({
    stdin: { contents, resolveDir: here, sourcefile: 'e2e-checks.mjs', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'inline',
    logLevel: 'warning',
    // playwright-core stays external: it resolves from the repo's node_modules.
    packages: 'external',
  });
  return outfile;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.checks.length === 0) {
    console.log('[e2e] no checks found (test/e2e/checks/**/*.e2e.ts); nothing to run');
    return 0;
  }
  const script = await bundleChecks(opts.checks);
  console.log(`[e2e] ${opts.checks.length} check(s) against ${path.relative(root, opts.extension) || '.'}`);
  const profile = mkdtempSync(path.join(tmpdir(), 'toolcall-e2e-profile-'));
  try {
    const child = spawn(
      process.execPath,
      [
        launcher,
        `--extensionDevelopmentPath=${opts.extension}`,
        `--user-data-dir=${path.join(profile, 'user-data')}`,
        `--extensions-dir=${path.join(profile, 'extensions')}`,
        opts.workspace,
      ],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          TOOLCALL_E2E_SCRIPT: script,
          TOOLCALL_RESULTS_DIR: process.env.TOOLCALL_RESULTS_DIR || path.join(root, 'test-results'),
        },
      },
    );
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    return await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[e2e] ${err?.stack ?? err}`);
    process.exit(1);
  },
);
