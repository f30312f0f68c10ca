// Module load time of the extension bundle (dist/client.js) with a stub `vscode` module: the
// closest cheap stand-in for activation time without a VS Code process. It measures require()
// of the bundle (parse + top-level code), not activate(), which needs a real editor (bench/run.mjs
// reads VS Code's own activation figures from the integration test activation.test.ts for that).
// `node bench/activation.cjs [DIST_DIR]` (default dist/) compares builds.
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
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const extension = require(path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'), 'client.js'));
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ loadMs: ms, cpuMs: (cpu.user + cpu.system) / 1000, exportsActivate: typeof extension.activate === 'function' }));
