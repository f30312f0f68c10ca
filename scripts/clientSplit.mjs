// The extension in three files. dist/client.js is client/extension.ts and its code-cache loader
// (core/codeCache.ts) alone: what VS Code's "load code" and "call activate" cover (it registers
// the manifest's commands and loads the rest by file name, SESSION_FILE, on the next turn of the
// event loop). dist/clientSession.js (client/session.ts) holds what activation
// then runs: the language client, the status item, the results viewer, the jobs view. The modules
// the command registry (client/commands.ts) and the drift watcher `require` on first use, with
// everything only they import (the MCP SDK, swagger-parser, ajv, re2js, the tools/insights/eval/
// convert commands), go to dist/clientCommands.js, loaded on the first such require. A module both
// of the last two reach (the jobs controller and its per-context state, core's caches, classes
// tested with instanceof) exists once: the commands file takes it from a registry the session file
// fills, never a copy of its own; so do the package files our modules import by name (the
// language client).
import * as esbuild from 'esbuild';
import path from 'node:path';

const ACTIVATION_ENTRY = 'client/extension.ts';
const ENTRY = 'client/session.ts';
export const SESSION_FILE = 'clientSession.js';
export const COMMANDS_FILE = 'clientCommands.js';

/** A `require('./x.ts')` in client/ (the lazy form of commands.ts and watch.ts). */
const isLazyRequire = (args) => args.pluginData !== 'resolving' && args.kind === 'require-call' && /\.ts$/.test(args.path) && path.relative(process.cwd(), args.importer).startsWith('client' + path.sep);
const rel = (file) => path.relative(process.cwd(), file).split(path.sep).join('/');

/**
 * Which of our modules the session runs (`shared`: every project file left in the session bundle
 * once the lazy requires are cut) and which the lazy requires name (`lazy`), from one esbuild
 * pass that writes nothing.
 */
export async function analyseClient(common, plugins) {
  const lazy = new Set();
  const cut = {
    name: 'client-lazy-cut',
    setup(build) {
      build.onResolve({ filter: /\.ts$/ }, async (args) => {
        if (!isLazyRequire(args)) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
        lazy.add(rel(resolved.path));
        return { path: args.path, external: true };
      });
    },
  };
  const result = await esbuild.build({ ...common, entryPoints: [ENTRY], outfile: 'dist/analysis.js', external: ['vscode'], plugins: [cut, ...plugins], write: false, metafile: true, minify: false, sourcemap: false });
  const inputs = result.metafile.inputs;
  const ours = Object.keys(inputs).filter((f) => !f.includes('node_modules/') && !f.includes(':') && /\.ts$/.test(f));
  // The package files our modules import by name (vscode-languageclient/node, the protocol): shared
  // too, or the commands file would carry a second language client library for one constant.
  const packages = new Set(ours.flatMap((f) => inputs[f].imports.filter((i) => !i.external && i.path.includes('node_modules/')).map((i) => i.path)));
  return { shared: [...ours, ...[...packages].sort()], lazy: [...lazy].sort() };
}

/**
 * dist/clientSession.js: each lazy require becomes a stub asking the loader for that module; the
 * loader requires dist/clientCommands.js once and hands it the registry of shared modules.
 */
function sessionPlugin({ shared }) {
  const loader = [
    ...shared.map((f, i) => `import * as m${i} from ${JSON.stringify(path.resolve(f))};`),
    `const shared = { ${shared.map((f, i) => `${JSON.stringify(f)}: m${i}`).join(', ')} };`,
    'let commands;',
    `export function load(name) { commands ??= require(require('node:path').join(__dirname, ${JSON.stringify(COMMANDS_FILE)})).load(shared); return commands[name](); }`,
  ].join('\n');
  return {
    name: 'client-lazy-main',
    setup(build) {
      build.onResolve({ filter: /\.ts$/ }, async (args) => {
        if (!isLazyRequire(args)) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
        return { path: rel(resolved.path), namespace: 'client-lazy' };
      });
      build.onResolve({ filter: /^client-commands-loader$/ }, () => ({ path: 'loader', namespace: 'client-commands-loader' }));
      build.onLoad({ filter: /.*/, namespace: 'client-lazy' }, (args) => ({ loader: 'js', contents: `module.exports = require('client-commands-loader').load(${JSON.stringify(args.path)});` }));
      build.onLoad({ filter: /.*/, namespace: 'client-commands-loader' }, () => ({ loader: 'js', contents: loader, resolveDir: process.cwd() }));
    },
  };
}

/** dist/clientCommands.js: the lazy modules, with every shared module taken from the session file's registry. */
function commandsPlugin({ shared }) {
  const sharedSet = new Set(shared);
  return {
    name: 'client-lazy-commands',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.path.startsWith('client-shared-registry') || args.kind === 'entry-point') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
        if (resolved.errors.length || resolved.external) return undefined;
        const file = rel(resolved.path);
        return sharedSet.has(file) ? { path: file, namespace: 'client-shared' } : undefined;
      });
      build.onResolve({ filter: /^client-shared-registry$/ }, () => ({ path: 'registry', namespace: 'client-shared-registry' }));
      build.onLoad({ filter: /.*/, namespace: 'client-shared' }, (args) => ({ loader: 'js', contents: `module.exports = require('client-shared-registry').get(${JSON.stringify(args.path)});` }));
      build.onLoad({ filter: /.*/, namespace: 'client-shared-registry' }, () => ({
        loader: 'js',
        contents: `let shared;
exports.set = (registry) => { shared = registry; };
exports.get = (name) => { if (!shared?.[name]) throw new Error('clientCommands.js: ' + name + ' is not in the registry of dist/clientSession.js'); return shared[name]; };`,
      }));
    },
  };
}

/** The three esbuild configurations (before `common`), from the analysis. */
export function clientBundles(split, plugins, outdir = 'dist') {
  const commandsEntry = [
    "const registry = require('client-shared-registry');",
    `const modules = { ${split.lazy.map((f) => `${JSON.stringify(f)}: () => require(${JSON.stringify('./' + f)})`).join(', ')} };`,
    // Called once by dist/client.js, before any command module runs.
    'exports.load = (shared) => { registry.set(shared); return modules; };',
  ].join('\n');
  return [
    // No banner: this file reads no import.meta.url, and every statement here is start-up time. It
    // loads the session file by its path (client/extension.ts SESSION_FILE), so bundles nothing else.
    { entryPoints: [ACTIVATION_ENTRY], outfile: `${outdir}/client.js`, external: ['vscode'], banner: {} },
    { plugins: [sessionPlugin(split), ...plugins], entryPoints: [ENTRY], outfile: `${outdir}/${SESSION_FILE}`, external: ['vscode'] },
    { plugins: [commandsPlugin(split), ...plugins], stdin: { contents: commandsEntry, resolveDir: process.cwd(), loader: 'js', sourcefile: 'client-commands-entry.js' }, outfile: `${outdir}/${COMMANDS_FILE}`, external: ['vscode'] },
  ];
}
