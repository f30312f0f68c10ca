// One esbuild call per runtime: the extension client, the language server, the CLI (plus a small
// worker bundle for the CLI's validation threads), and the webview scripts. What only a few
// features use and weighs megabytes is built once into its own file, loaded on first use:
//   dist/tokenizer-o200k_base.js, dist/tokenizer-cl100k_base.js (gpt-tokenizer's encodings,
//     5.8 MB of ranks: core/stats/tokens.ts requires them when tokens are counted),
//   dist/openai.js (the SDK, ~0.9 MB: core/openai/client.ts reaches it through a lazy shim),
//   dist/clientSession.js (what activation starts after its synchronous part: the language client,
//     loaded by dist/client.js on the next turn of the event loop, with V8's code cache;
//     scripts/clientSplit.mjs),
//   dist/clientCommands.js (the extension's command modules and what only they use: the MCP SDK,
//     swagger-parser, ajv, re2js; scripts/clientSplit.mjs),
//   dist/cliEval.js and dist/cliCommands.js (the CLI's commands: dist/cli.js is the dispatcher).
// Start-up then parses only what it runs (dist/client.js went from 8.8 MB to 2.5 KB; what
// activation then loads, dist/clientSession.js, is 0.55 MB).
// Production builds (the default) are minified; `--dev` (and --watch) are not. Source maps are
// separate .map files, never shipped (.vscodeignore is an allow-list of .js files).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { analyseClient, clientBundles } from './clientSplit.mjs';
import { lazyBuiltins } from './lazyBuiltins.mjs';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: !dev,
  logLevel: 'warning',
  // ajv-formats and jsonc-parser ship UMD files esbuild resolves by "main"; prefer ESM builds.
  mainFields: ['module', 'main'],
  // ESM dependencies (fdir, under tinyglobby) read import.meta.url, which CJS bundles lack.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const ENCODINGS = ['o200k_base', 'cl100k_base'];

/**
 * `require('gpt-tokenizer/encoding/X')` (made at call time by core/stats/tokens.ts) becomes
 * `require('./tokenizer-X.js')`: a file next to the bundle, built once below, so no bundle
 * carries (and parses at start-up) megabytes of ranks it may never use.
 */
const tokenizerOutside = {
  name: 'tokenizer-outside',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/(o200k_base|cl100k_base)$/ }, (args) => ({
      path: `./tokenizer-${args.path.split('/').pop()}.js`,
      external: true,
    }));
  },
};

/**
 * gpt-tokenizer's rank tables (bpeRanks/*.js) are array literals of 200,000 strings: V8 compiled
 * that module in ~0.2 s and kept ~30 MB of RSS from it (measured: 57 vs 30 MB for the same
 * array). In the tokenizer files the table is one string literal read by JSON.parse, V8's fast
 * path for large data: the same array (no holes in either table; checked here), so the same ranks.
 */
const ranksAsJson = {
  name: 'ranks-as-json',
  setup(build) {
    build.onLoad({ filter: /[\\/]gpt-tokenizer[\\/]esm[\\/]bpeRanks[\\/](o200k_base|cl100k_base)\.js$/ }, (args) => {
      const name = path.basename(args.path, '.js');
      const ranks = createRequire(import.meta.url)(`gpt-tokenizer/cjs/bpeRanks/${name}`).default;
      for (let i = 0; i < ranks.length; i++) if (!(i in ranks)) throw new Error(`${name}: rank ${i} is a hole, which JSON cannot keep`);
      return { loader: 'js', contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(ranks))});\n` };
    });
  },
};

// The names the openai package exports (its CJS build), for the shim's getters.
const OPENAI_EXPORTS = Object.keys(createRequire(import.meta.url)('openai')).filter((k) => k !== '__esModule');

/**
 * `openai`, imported by core/openai/client.ts, becomes a shim whose exports are getters that
 * load dist/openai.js on first access (a computed path: esbuild does not follow it). The SDK
 * is then parsed only when a job, upload or evaluation actually talks to the API.
 */
const openaiOutside = {
  name: 'openai-outside',
  setup(build) {
    build.onResolve({ filter: /^openai$/ }, () => ({ path: 'openai', namespace: 'openai-outside' }));
    build.onLoad({ filter: /.*/, namespace: 'openai-outside' }, () => ({
      loader: 'js',
      contents: `let sdk;
const load = () => (sdk ??= require(require('node:path').join(__dirname, 'openai.js')));
Object.defineProperty(exports, '__esModule', { value: true });
for (const name of ${JSON.stringify(OPENAI_EXPORTS)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });
`,
    }));
  },
};

const node = { plugins: [tokenizerOutside, openaiOutside] };

// The CLI in three files. dist/cli.js is the dispatcher (cli/main.ts: argv, help, exit codes);
// each command it requires on use (`require('./commands/NAME.ts')`) comes from a file next to it:
// dist/cliEval.js for `toolcall eval` (~70 KB: scoring a predictions file parses that, not the
// 1 MB of every command), dist/cliCommands.js for the others. A bundle has its own copy of what
// it shares with the dispatcher (cli/io.ts): UsageError is recognised by a mark, not its class.
const CLI_OWN_FILE = { eval: 'cliEval.js' };
const CLI_COMMANDS_FILE = 'cliCommands.js';
const CLI_COMMANDS = [...readFileSync('cli/main.ts', 'utf8').matchAll(/require\('\.\/commands\/(\w+)\.ts'\)/g)].map((m) => m[1]);

/** In dist/cli.js, each command module is taken from the file that holds it. */
const cliCommandsOutside = {
  name: 'cli-commands-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/\w+\.ts$/ }, (args) => {
      if (!args.importer.endsWith(`cli${path.sep}main.ts`)) return undefined;
      const name = /(\w+)\.ts$/.exec(args.path)[1];
      return CLI_OWN_FILE[name] ? { path: `./${CLI_OWN_FILE[name]}`, external: true } : { path: name, namespace: 'cli-commands' };
    });
    build.onResolve({ filter: /.*/, namespace: 'cli-commands' }, (args) => (args.path === `./${CLI_COMMANDS_FILE}` ? { path: args.path, external: true } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'cli-commands' }, (args) => ({ loader: 'js', contents: `module.exports = require('./${CLI_COMMANDS_FILE}')[${JSON.stringify(args.path)}];` }));
  },
};
// Node built-ins that dist/cliEval.js names but scoring a predictions file never calls, required
// on first use (scripts/lazyBuiltins.mjs): node:crypto (caseHash, for asking a model with a
// resumable results file) took ~27 M instructions to load.
const evalLazyBuiltins = lazyBuiltins(['node:crypto']);
/** dist/cliCommands.js: every command that has no file of its own, by name. */
const cliCommandsEntry = { contents: CLI_COMMANDS.filter((c) => !CLI_OWN_FILE[c]).map((c) => `export * as ${c} from './cli/commands/${c}.ts';`).join('\n'), resolveDir: '.', loader: 'ts' };

const browser = (entry, outfile, tsconfig) => ({ entryPoints: [entry], outfile, platform: 'browser', format: 'iife', target: 'es2022', tsconfig, mainFields: ['browser', 'module', 'main'], define: {}, banner: {} });

// `node scripts/build.mjs cli server` builds just those bundles (and the files they load).
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
// The extension's split needs one esbuild pass that writes nothing: only when the client is built.
const clientWanted = !wanted.length || wanted.includes('client');
const clientFiles = clientWanted ? clientBundles(await analyseClient(common, node.plugins), node.plugins) : [];

const allBundles = [
  ...clientFiles.map((b, i) => (i === 0 ? b : { ...b, group: 'client' })),
  { ...node, entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  // What the server's worker threads load (long lines, the opt-in dealt first check): core/validate, no LSP.
  { ...node, entryPoints: ['server/workerMain.ts'], outfile: 'dist/serverWorker.js', group: 'server' },
  { ...node, plugins: [...node.plugins, cliCommandsOutside], entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } },
  ...Object.entries(CLI_OWN_FILE).map(([c, file]) => ({ ...node, plugins: [...node.plugins, evalLazyBuiltins], entryPoints: [`cli/commands/${c}.ts`], outfile: `dist/${file}`, group: 'cli' })),
  { ...node, stdin: cliCommandsEntry, outfile: `dist/${CLI_COMMANDS_FILE}`, group: 'cli' },
  // What each of the CLI's validation threads loads (core/validate and ajv; no commands).
  { ...node, entryPoints: ['core/parallel/validateWorker.ts'], outfile: 'dist/validateWorker.js', group: 'cli' },
  // Loaded on first use by the bundles above (see the plugins).
  ...ENCODINGS.map((e) => ({ entryPoints: [`gpt-tokenizer/encoding/${e}`], outfile: `dist/tokenizer-${e}.js`, plugins: [ranksAsJson], group: 'shared' })),
  { stdin: { contents: "export * from 'openai'; export { default } from 'openai';", resolveDir: '.', loader: 'js' }, outfile: 'dist/openai.js', group: 'shared' },
  // The results viewer's webview script: a browser bundle, no Node banner.
  browser('client/webview/eval/main.ts', 'dist/webview/eval.js', 'client/webview/tsconfig.json'),
  // The Dataset Report's webview script, the same way.
  browser('client/webview/report/main.ts', 'dist/webview/report.js', 'client/webview/tsconfig.json'),
];

const named = (b, w) => b.outfile === `dist/${w}.js` || b.group === w || (b.group === 'shared' && ['cli', 'client', 'server'].includes(w));
// `--outdir=DIR` writes elsewhere than dist/ (the bundles find each other next to themselves).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);
const bundles = (wanted.length ? allBundles.filter((b) => wanted.some((w) => named(b, w))) : allBundles).map(({ group, ...b }) => (outdir ? { ...b, outfile: b.outfile.replace(/^dist\//, `${outdir}/`) } : b));

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
}
