#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() spawns
// (`vscodeExecutablePath`). This machine cannot download VS Code or Electron, so we run
// code-server (VS Code 1.139 server, from npm, on Node 24) and drive its browser
// workbench in headless Debian chromium with playwright-core. The workbench's smoke-test
// driver runs the extension test runner in the real Node extension host and reports
// the result through window.codeAutomationExit, which we turn into our exit code.
// Background and reasons: /work/shared/notes/vscode-offline-e2e.md.
//
// Arguments (as runTests passes them; unknown flags are ignored):
//   --extensionDevelopmentPath=DIR (repeatable)   --extensionTestsPath=FILE
//   --user-data-dir=DIR   --extensions-dir=DIR    [folder | file.code-workspace | file]
// Without --extensionTestsPath no suite runs: the workbench just opens (for e2e scripts).
//
// Environment:
//   TOOLCALL_CACHE            cache folder of scripts/vscode/install.sh
//   TOOLCALL_TIMEOUT_MS       whole-run limit, default 300000 (5 min); exit 124 on timeout
//   TOOLCALL_E2E_SCRIPT       module whose default export `async (ctx) => {}` runs against
//                             the workbench page after the suite reported (see test/e2e/)
//   TOOLCALL_RESULTS_DIR      screenshots and logs, default <cwd>/test-results
//   TOOLCALL_KEEP_TEMP=1      keep the temporary folder (configs, browser profile)
//   TOOLCALL_SERVER_LOG=1     forward code-server's own output (default: only on failure)
//   TOOLCALL_RESTRICTED=1     workspace trust enabled, the folder untrusted (Restricted Mode)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

process.setSourceMapsEnabled(true); // e2e bundles carry inline source maps
const started = Date.now();
const say = (msg) => process.stdout.write(`[launcher +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const out = { devPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, target: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m) { out.target = path.resolve(arg); continue; }
    const [, name, inline] = m;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'].includes(name);
    const value = inline ?? (takesValue ? argv[++i] : undefined);
    if (name === 'extensionDevelopmentPath') out.devPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath') out.testsPath = path.resolve(value);
    else if (name === 'user-data-dir') out.userDataDir = path.resolve(value);
    else if (name === 'extensions-dir') out.extensionsDir = path.resolve(value);
    // Everything else (--no-sandbox, --disable-updates, ...) is meant for Electron.
  }
  return out;
}

function readInstall() {
  const cache = process.env.TOOLCALL_CACHE || path.join(homedir(), '.cache', 'toolcall-studio');
  const file = path.join(cache, 'toolcall-vscode.json');
  if (!existsSync(file)) throw new Error(`${file} not found: run scripts/vscode/install.sh first`);
  const paths = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of ['node', 'codeServer', 'chromium']) {
    if (!existsSync(paths[key])) throw new Error(`${key} (${paths[key]}) is missing: run scripts/vscode/install.sh`);
  }
  return paths;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- code-server
/** Settings for a fresh profile: no AI/chat features (they flood the log), no tips, no trust prompt. */
const DEFAULT_SETTINGS = {
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never', // the fixture sits inside this repo: no prompt
  'files.autoSave': 'off', // the browser workbench saves after 1 s by default: tests' edits would reach the fixtures
};

/**
 * TOOLCALL_RESTRICTED=1: workspace trust on and the folder left untrusted (Restricted Mode),
 * with no startup prompt; the suites that need it check the same variable.
 */
const RESTRICTED = process.env.TOOLCALL_RESTRICTED === '1';
const RESTRICTED_SETTINGS = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false };

function writeDefaultSettings(userDataDir) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (existsSync(file)) return; // a caller-provided profile wins
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...(RESTRICTED ? RESTRICTED_SETTINGS : {}) }, null, 2));
}

/** Starts code-server in its own session (process group) so stopServer() reaches the extension hosts too. */
function startServer({ install, port, tmp, userDataDir, extensionsDir }) {
  const config = path.join(tmp, 'code-server.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const xdgConfig = path.join(tmp, 'xdg-config');
  const xdgData = path.join(tmp, 'xdg-data');
  for (const d of [xdgConfig, xdgData, userDataDir, extensionsDir]) mkdirSync(d, { recursive: true });
  writeDefaultSettings(userDataDir);
  const args = [
    install.codeServer,
    '--config', config,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', ...(RESTRICTED ? [] : ['--disable-workspace-trust']),
    '--reconnection-grace-time', '5',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const env = {
    ...process.env,
    PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH}`,
    EXTENSIONS_GALLERY: '{}', // no marketplace: otherwise every gallery look-up logs a DNS error
    XDG_CONFIG_HOME: xdgConfig,
    XDG_DATA_HOME: xdgData,
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'), // @vscode/deviceid writes here
  };
  delete env.npm_config_nodedir;
  // detached: true makes the child call setsid(), i.e. exactly what `setsid` does.
  const child = spawn(install.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const forward = process.env.TOOLCALL_SERVER_LOG === '1';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      output.push(chunk);
      if (output.length > 2000) output.shift();
      if (forward) process.stdout.write(chunk.replace(/^/gm, '[code-server] '));
    });
  }
  return { child, output };
}

/** SIGTERM the whole process group (server, extension hosts, pty host), SIGKILL what stays. */
async function stopServer(server) {
  const child = server?.child;
  if (!child?.pid) return;
  const pid = child.pid;
  const groupAlive = () => {
    try { process.kill(-pid, 0); return true; } catch { return false; }
  };
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  try { process.kill(-pid, 'SIGTERM'); } catch { return; } // group already gone
  // The leader stays a zombie until we reap it, so wait for its exit event first.
  if (child.exitCode === null && child.signalCode === null) {
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(3000)]);
  }
  for (let i = 0; i < 20 && groupAlive(); i++) await sleep(100);
  if (!groupAlive()) return;
  if (process.env.TOOLCALL_DEBUG_STOP === '1') spawnSync('ps', ['-o', 'pid,etime,args', '-g', String(pid)], { stdio: 'inherit' });
  try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
}

async function waitHealthy(base, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`code-server exited with ${server.child.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer ${base}/healthz within ${timeoutMs} ms`);
}

/** The workbench URL; the smoke-test driver reads dev and test paths from the payload. */
function workbenchUrl({ base, port, target, devPaths, testsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split('/').map(encodeURIComponent).join('/')}`;
  const params = new URLSearchParams();
  const payload = [];
  if (target && existsSync(target) && statSync(target).isDirectory()) params.set('folder', target);
  else if (target && target.endsWith('.code-workspace')) params.set('workspace', target);
  else if (target) { params.set('folder', path.dirname(target)); payload.push(['openFile', remote(target)]); }
  else params.set('ew', 'true');
  for (const p of devPaths) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${base}/?${params}`;
}

// ---------------------------------------------------------------- browser
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Workbench log lines that say nothing about the extension under test (TOOLCALL_VERBOSE=1 shows them). */
const NOISE = /^(\[(AgentHost[^\]]*|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]|Ignoring fetching additional builtin extensions|Creating a socket|Resolv(ing|ed) connection token)/;

function saveLogs(resultsDir, logs) {
  if (!Array.isArray(logs) || logs.length === 0) return;
  const dir = path.join(resultsDir, 'vscode-logs');
  for (const { relativePath, contents } of logs) {
    const file = path.join(dir, String(relativePath).replace(/\.\.(\/|\\)/g, ''));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents ?? '');
  }
  say(`workbench logs saved under ${dir}`);
}

/** code-server's own logs (extension host output, server log) live in the user data dir. */
function saveServerLogs(resultsDir, userDataDir) {
  const from = path.join(userDataDir, 'logs');
  if (!existsSync(from)) return;
  const to = path.join(resultsDir, 'vscode-logs', 'server');
  cpSync(from, to, { recursive: true });
  say(`server logs saved under ${to}`);
}

async function runE2eScript(scriptPath, ctx) {
  const mod = await import(pathToFileURL(path.resolve(scriptPath)).href);
  const fn = mod.default ?? mod.run;
  if (typeof fn !== 'function') throw new Error(`${scriptPath} must export a default async function (ctx) => {}`);
  await fn(ctx);
}

// ---------------------------------------------------------------- main
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const install = readInstall();
  const resultsDir = path.resolve(process.env.TOOLCALL_RESULTS_DIR || 'test-results');
  const timeoutMs = Number(process.env.TOOLCALL_TIMEOUT_MS || 300_000);
  const verbose = process.env.TOOLCALL_VERBOSE === '1';
  rmSync(path.join(resultsDir, 'vscode-logs'), { recursive: true, force: true }); // no stale logs
  const tmp = mkdtempSync(path.join(tmpdir(), 'toolcall-vscode-'));
  const userDataDir = args.userDataDir ?? path.join(tmp, 'user-data');
  const extensionsDir = args.extensionsDir ?? path.join(tmp, 'extensions');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;

  let server;
  let context;
  let finished = false;
  const consoleErrors = [];
  const cleanup = async () => {
    await context?.close().catch(() => {});
    if (verbose) say('browser closed');
    await stopServer(server);
    if (verbose) say('code-server stopped');
    if (process.env.TOOLCALL_KEEP_TEMP !== '1') rmSync(tmp, { recursive: true, force: true });
  };
  onFatal = (err) => abort(1, `launcher failed: ${err?.stack ?? err}`);
  const abort = async (code, why) => {
    if (finished) return;
    finished = true;
    say(why);
    if (server && process.env.TOOLCALL_SERVER_LOG !== '1') process.stdout.write(server.output.join('').replace(/^/gm, '[code-server] '));
    for (const e of consoleErrors) say(`page console error: ${e}`);
    await cleanup();
    process.exit(code);
  };
  const timer = setTimeout(() => abort(124, `timeout: no result after ${timeoutMs} ms`), timeoutMs);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => abort(130, `received ${sig}`));

  server = startServer({ install, port, tmp, userDataDir, extensionsDir });
  server.child.on('exit', (code, signal) => {
    if (!finished) abort(1, `code-server exited unexpectedly (${code ?? signal})`);
  });
  await waitHealthy(base, server, 60_000);
  say(`code-server ${install.codeServerVersion} healthy on ${base}`);

  const browserProfile = path.join(tmp, 'chromium-profile');
  context = await chromium.launchPersistentContext(browserProfile, {
    executablePath: install.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
    // Else chromium creates ~/.config/chromium (crash reports) and ~/.cache/chromium.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    // "Failed to load resource" has no URL; the response handler below records it with one.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  // Console errors for failed loads omit the URL; record it here.
  page.on('response', (res) => {
    // vsda is a Microsoft-only signing module that code-server does not ship: expected 404.
    if (res.status() >= 400 && !res.url().includes('/vsda/')) consoleErrors.push(`HTTP ${res.status()} ${res.url()}`);
  });

  let reportExit;
  const exitReported = new Promise((resolve) => { reportExit = resolve; });
  await page.exposeFunction('codeAutomationLog', (type, ...rest) => {
    // Extension-host console.log arrives as its argument list: apply printf-style formatting.
    const text = rest.map((a) => (typeof a === 'string' ? a : Array.isArray(a) ? format(...a) : JSON.stringify(a))).join(' ');
    if (!verbose && NOISE.test(text)) return;
    process.stdout.write(`${text}\n`.replace(/^(?=.)/gm, type === 'error' ? '[ext-host:error] ' : ''));
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => reportExit({ code, logs }));

  const url = workbenchUrl({ base, port, target: args.target, devPaths: args.devPaths, testsPath: args.testsPath });
  say(`opening ${decodeURIComponent(url)}`);
  await page.goto(url);

  let code = 0;
  if (args.testsPath) {
    const { code: reported, logs } = await exitReported;
    code = Number(reported) || 0;
    say(`extension tests reported exit code ${code}`);
    if (code !== 0) {
      saveLogs(resultsDir, logs);
      saveServerLogs(resultsDir, userDataDir);
    }
  }

  const script = process.env.TOOLCALL_E2E_SCRIPT;
  if (script) {
    say(`running e2e script ${script}`);
    mkdirSync(resultsDir, { recursive: true });
    try {
      await runE2eScript(script, { page, context, baseUrl: base, resultsDir, target: args.target, userSettingsFile: path.join(userDataDir, 'User', 'settings.json'), log: say });
      say('e2e script passed');
    } catch (err) {
      say(`e2e script failed: ${err?.stack ?? err}`);
      const shot = path.join(resultsDir, 'e2e-failure.png');
      await page.screenshot({ path: shot }).then(() => say(`screenshot: ${shot}`), () => {});
      code = code || 1;
    }
  }

  if (code !== 0) for (const e of consoleErrors) say(`page console error: ${e}`);
  clearTimeout(timer);
  finished = true;
  await cleanup();
  say(`exit ${code}`);
  process.exit(code);
}

/** Set by main() once there is something to clean up; before that, just exit. */
let onFatal = (err) => {
  process.stderr.write(`[launcher] ${err?.stack ?? err}\n`);
  process.exit(1);
};
main().catch((err) => onFatal(err));
