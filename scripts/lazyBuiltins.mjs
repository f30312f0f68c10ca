// An esbuild plugin that makes Node built-in modules load on first use: each named module becomes
// a shim whose exports are getters that require the module when one is first read. esbuild reads
// an imported binding at each use (`(0, m.createHash)(...)`), so a bundle that names a module but
// does not run the code that calls it never loads it.
import { createRequire } from 'node:module';

/** The plugin for `names` (e.g. `['node:crypto']`). */
export function lazyBuiltins(names) {
  const require = createRequire(import.meta.url);
  return {
    name: 'lazy-builtins',
    setup(build) {
      // The shim's own require of the module stays a require.
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) =>
        args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-builtin' },
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        loader: 'js',
        contents: `let m;
const load = () => (m ??= require(${JSON.stringify(args.path)}));
Object.defineProperty(exports, '__esModule', { value: true });
for (const name of ${JSON.stringify(Object.keys(require(args.path)))}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });
`,
      }));
    },
  };
}
