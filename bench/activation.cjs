// Module load time of the extension bundle (dist/client.js) with a stub `vscode` module: the
// closest cheap stand-in for activation time without a VS Code process. It measures require()
// of the bundle (parse + top-level code), not activate(), which needs a real editor.
const Module = require('node:module');
const path = require('node:path');
const stub = path.join(__dirname, 'vscodeStub.cjs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
};
const t0 = process.hrtime.bigint();
const extension = require(path.resolve(__dirname, '..', 'dist', 'client.js'));
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ loadMs: ms, exportsActivate: typeof extension.activate === 'function' }));
