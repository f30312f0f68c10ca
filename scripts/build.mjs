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
};

const bundles = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
}
