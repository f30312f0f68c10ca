// A stand-in for the `vscode` module, enough for dist/client.js to load outside VS Code. Bundlers
// copy a module's own keys (esbuild's __toESM), so the stub has the keys the real module has: the
// names @types/vscode exports at the top of `declare module 'vscode'` (namespaces, classes, enums,
// `version`; ~200), not its interfaces or the members of its namespaces, which the real module
// does not have as keys (counting those made ~700 keys and every copy 3.5 times too slow). Each is
// a callable, constructible proxy, so `class X extends vscode.Y` and enum lookups at the top
// level work.
const fs = require('node:fs');
let names = [];
try {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  // One level of indentation: inside `declare module 'vscode' {`, outside any namespace.
  names = [...new Set([...dts.matchAll(/^(?:\t| {4})export (?:declare )?(?:class|namespace|enum|function|const|let|var) (\w+)/gm)].map((m) => m[1]))];
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
