// Module load time of the extension bundle (dist/client.js) with a stub `vscode` module: the
// closest cheap stand-in for activation time without a VS Code process. It measures require()
// of the bundle (parse + top-level code), not activate(), which needs a real editor (bench/run.mjs
// reads VS Code's own activation figures from the integration test activation.test.ts for that).
// dist/client.js loads dist/clientSession.js (the language client and what it needs) on the turn
// of the event loop after activate() returns, through V8's code cache (core/codeCache.ts): that
// load is timed too, as its own figure (`sessionLoadMs`, `sessionCpuMs`, `sessionCacheHit`; null
// for a build without the file), the same way the extension does it, so moving work there shows
// where it went. The cache is kept in --cache-dir=DIR (a fresh directory, so a first start, when
// not given): run twice with the same DIR for a later start (V8 caches compilations within a
// process, so a second load in this one would say nothing).
// `node bench/activation.cjs [DIST_DIR] [--cache-dir=DIR]` (default dist/) compares builds.
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const stub = path.join(__dirname, 'vscodeStub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
// The editor has its `vscode` module ready before it loads an extension: so does this (the stub
// reads @types/vscode to know the names, which is not the extension's cost). The loader is the
// extension's own source, through tsx's scoped require (no global hooks in the timed part).
require('vscode');
const { requireWithCodeCache } = require('tsx/cjs/api').require('../core/codeCache.ts', __filename);
const args = process.argv.slice(2);
const dist = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..', 'dist'));
const cacheArg = args.find((a) => a.startsWith('--cache-dir='))?.slice('--cache-dir='.length);
const cacheDir = cacheArg ? path.resolve(cacheArg) : fs.mkdtempSync(path.join(os.tmpdir(), 'toolcall-bench-code-cache-'));

/** Wall and CPU milliseconds of `load()`. */
function timed(load) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = load();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const client = timed(() => require(path.join(dist, 'client.js')));
const sessionFile = path.join(dist, 'clientSession.js');
const session = fs.existsSync(sessionFile) ? timed(() => requireWithCodeCache(sessionFile, cacheDir)) : undefined;
session?.value.save();
if (!cacheArg) fs.rmSync(cacheDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    loadMs: client.ms,
    cpuMs: client.cpuMs,
    exportsActivate: typeof client.value.activate === 'function',
    sessionLoadMs: session?.ms ?? null,
    sessionCpuMs: session?.cpuMs ?? null,
    sessionCacheHit: session?.value.cacheHit ?? null,
    exportsStartSession: session ? typeof session.value.exports.startSession === 'function' : null,
  }),
);
