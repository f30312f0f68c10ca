// One esbuild call per runtime: the extension client, the language server, the CLI (plus a small
// worker bundle for the CLI's validation threads), and the webview scripts. What only a few
// features use and weighs megabytes is built once into its own file, loaded on first use:
//   dist/tokenizer-o200k_base.js, dist/tokenizer-cl100k_base.js (gpt-tokenizer's split patterns
//     and ranks, packed: core/stats/tokens.ts requires them when tokens are counted),
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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
 * The tokenizer files hold what core/stats/tokens.ts counts with, not gpt-tokenizer's module: its
 * split pattern and its ranks packed by core/stats/bpeRanks.ts (each token's bytes, base64). On
 * load gpt-tokenizer built a Map of 200,000 strings from a 200,000-string array (~0.13 s of every
 * `toolcall stats`); the packed table is filled in milliseconds, and lookups answer alike (tests:
 * bpeRanks.test.ts, tokenizerBundle.test.ts).
 */
async function packedTokenizerSource(name) {
  const bundled = await esbuild.build({ entryPoints: ['core/stats/bpeRanks.ts'], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning' });
  const { packRanks } = await import('data:text/javascript;base64,' + Buffer.from(bundled.outputFiles[0].text).toString('base64'));
  const core = createRequire(import.meta.url)(`gpt-tokenizer/encoding/${name}`).default.bytePairEncodingCoreProcessor;
  const packed = packRanks(core.bytePairRankDecoder);
  if (!packed) throw new Error(`${name}: gpt-tokenizer's ranks are not a table lookups by bytes can answer alike (core/stats/bpeRanks.ts packRanks)`);
  const base64 = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
  const packedRanks = { pattern: core.tokenSplitRegex.source, flags: core.tokenSplitRegex.flags, bytes: base64(packed.bytes), lengths: base64(packed.lengths), hidden: packed.hidden };
  return `exports.packedRanks = ${JSON.stringify(packedRanks)};\n`;
}

/** The entry `gpt-tokenizer/encoding/X` of a tokenizer file becomes its packed source (made only when that file is built). */
const ranksPacked = {
  name: 'ranks-packed',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/encoding\/(o200k_base|cl100k_base)$/ }, (args) => ({ path: args.path.split('/').pop(), namespace: 'ranks-packed' }));
    build.onLoad({ filter: /.*/, namespace: 'ranks-packed' }, async (args) => ({ loader: 'js', contents: await packedTokenizerSource(args.path) }));
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
    // Through V8's code cache (cli/commandBundles.ts), one cache per command.
    const loader = JSON.stringify(path.resolve('cli/commandBundles.ts'));
    build.onLoad({ filter: /.*/, namespace: 'cli-commands' }, (args) => ({
      loader: 'js',
      resolveDir: process.cwd(),
      contents: `const { requireCommandBundle } = require(${loader});\nmodule.exports = requireCommandBundle(require('node:path').join(__dirname, '${CLI_COMMANDS_FILE}'), ${JSON.stringify(args.path)})[${JSON.stringify(args.path)}];`,
    }));
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
  ...ENCODINGS.map((e) => ({ entryPoints: [`gpt-tokenizer/encoding/${e}`], outfile: `dist/tokenizer-${e}.js`, plugins: [ranksPacked], sourcemap: false, group: 'shared' })),
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

// Node reads the package.json nearest a CommonJS file it loads, for its "type": without one in
// dist/ that is the project's 30 KB manifest, parsed at every start, and its keys then stand in
// V8's shared maps where JSON.parse of the user's lines meets them (`toolcall eval --predictions`,
// generated bench set: 2,871.5 -> 2,854.1 M instructions with this file).
const BUNDLES_PACKAGE_JSON = '{"type":"commonjs"}\n';
mkdirSync(outdir ?? 'dist', { recursive: true });
writeFileSync(path.join(outdir ?? 'dist', 'package.json'), BUNDLES_PACKAGE_JSON);

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
}
