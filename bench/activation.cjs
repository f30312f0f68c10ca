// Module load time of the extension bundle (dist/client.js) with a stub `vscode` module: the
// closest cheap stand-in for activation time without a VS Code process. It measures require()
// of the bundle (parse + top-level code), not activate(), which needs a real editor (bench/run.mjs
// reads VS Code's own activation figures from the integration test activation.test.ts for that).
// dist/client.js loads dist/clientSession.js (the language client and what it needs) on the turn
// of the event loop after activate() returns: that load is timed too, as its own figure
// (`sessionLoadMs`, `sessionCpuMs`; null for a build without the file), so moving work there
// shows where it went.
// `node bench/activation.cjs [DIST_DIR]` (default dist/) compares builds.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const stub = path.join(__dirname, 'vscodeStub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
// The editor has its `vscode` module ready before it loads an extension: so does this (the stub
// reads @types/vscode to know the names, which is not the extension's cost).
require('vscode');
const dist = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));

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
const session = fs.existsSync(sessionFile) ? timed(() => require(sessionFile)) : undefined;
console.log(
  JSON.stringify({
    loadMs: client.ms,
    cpuMs: client.cpuMs,
    exportsActivate: typeof client.value.activate === 'function',
    sessionLoadMs: session?.ms ?? null,
    sessionCpuMs: session?.cpuMs ?? null,
    exportsStartSession: session ? typeof session.value.startSession === 'function' : null,
  }),
);
