#!/usr/bin/env node
// The three README screenshots, taken by the e2e run in the real VS Code and copied to
// docs/screenshots/: a problem with its fix (and the long-line summaries and the status
// item), the Dataset Report, the evaluation results viewer. Needs scripts/vscode/install.sh
// and `npm run build`. Usage: node scripts/readme-screenshots.mjs
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
const docs = path.join(root, 'docs', 'screenshots');
/** e2e check -> [screenshot it saves, README image]. */
// (in the order the full e2e run uses: the report check expects the editor as it starts)
const SHOTS = [
  ['datasetReport.e2e.ts', 'dataset-report.png', 'dataset-report.png'],
  ['evalViewer.e2e.ts', 'eval-viewer.png', 'results-viewer.png'],
  ['problems.e2e.ts', 'readme-problems-fix.png', 'problems-and-fix.png'],
];

const run = spawnSync(process.execPath, ['test/e2e/run.mjs', ...SHOTS.map(([check]) => `test/e2e/checks/${check}`)], { cwd: root, stdio: 'inherit', env: { ...process.env, TOOLCALL_RESULTS_DIR: results } });
if (run.status !== 0) {
  console.error('[screenshots] the e2e checks failed: nothing copied');
  process.exit(run.status ?? 1);
}
mkdirSync(docs, { recursive: true });
for (const [, from, to] of SHOTS) {
  copyFileSync(path.join(results, from), path.join(docs, to));
  console.log(`[screenshots] docs/screenshots/${to} (${Math.round(statSync(path.join(docs, to)).size / 1024)} KB)`);
}
