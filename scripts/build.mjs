// One esbuild call per runtime: the extension client, the language server, the CLI.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // ajv-formats and jsonc-parser ship UMD files esbuild resolves by "main"; prefer ESM builds.
  mainFields: ['module', 'main'],
  // ESM dependencies (fdir, under tinyglobby) read import.meta.url, which CJS bundles lack.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};


const allBundles = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } },
  // The results viewer's webview script: a browser bundle, no Node banner.
  { entryPoints: ['client/webview/eval/main.ts'], outfile: 'dist/webview/eval.js', platform: 'browser', format: 'iife', target: 'es2022', tsconfig: 'client/webview/tsconfig.json', mainFields: ['browser', 'module', 'main'], define: {}, banner: {} },
  // The Dataset Report's webview script, the same way.
  { entryPoints: ['client/webview/report/main.ts'], outfile: 'dist/webview/report.js', platform: 'browser', format: 'iife', target: 'es2022', tsconfig: 'client/webview/report/tsconfig.json', mainFields: ['browser', 'module', 'main'], define: {}, banner: {} },
];

// `node scripts/build.mjs cli server` builds just those bundles.
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const bundles = wanted.length ? allBundles.filter((b) => wanted.some((w) => b.outfile === `dist/${w}.js`)) : allBundles;

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
}
