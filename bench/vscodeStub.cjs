// A stand-in for the `vscode` module, enough for dist/client.js to load outside VS Code. Bundlers
// copy a module's own keys (esbuild's __toESM), so the stub lists every name @types/vscode
// exports; each is a callable, constructible proxy, so `class X extends vscode.Y` and enum
// lookups at the top level work.
const fs = require('node:fs');
let names = [];
try {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  names = [...new Set([...dts.matchAll(/^\s*export (?:declare )?(?:class|namespace|enum|function|const|let|interface) (\w+)/gm)].map((m) => m[1]))];
} catch {
  // without @types/vscode the stub has no keys; the load may then fail and is reported as such
}
const target = function vscode() {};
const handler = {
  get: (t, key) => (key === 'prototype' ? t.prototype : key === Symbol.toPrimitive ? () => 0 : key === 'then' ? undefined : stub),
  apply: () => stub,
  construct: () => stub,
  ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...names])],
  getOwnPropertyDescriptor: (t, key) => Reflect.getOwnPropertyDescriptor(t, key) ?? { configurable: true, enumerable: true, writable: true, value: stub },
};
const stub = new Proxy(target, handler);
// The real module is a plain object; so is this one when the names are known (a proxy's traps
// would otherwise dominate esbuild's per-module copy of the namespace and distort the load time).
module.exports = names.length ? Object.fromEntries(names.map((name) => [name, stub])) : stub;
