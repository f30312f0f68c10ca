// `npm start`: after the build and the .vsix, show the CLI at work on the shipped examples.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const runs = [
  { file: 'examples/agent-train.jsonl', expect: 0, note: 'training set (should be clean)' },
  { file: 'examples/agent-eval.jsonl', expect: 0, note: 'eval set (should be clean)' },
  { file: 'examples/agent-train-with-mistakes.jsonl', expect: 1, note: 'copy with typical mistakes (should fail)' },
];

const rows = [];
let unexpected = 0;
for (const { file, expect, note } of runs) {
  console.log(`\n$ toolcall validate ${file}    # ${note}`);
  const result = spawnSync(process.execPath, ['dist/cli.js', 'validate', '--tools', 'examples/agent.tools.json', file], { encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const summary = result.stdout.trim().split('\n').at(-1);
  rows.push([file, result.status === expect ? 'as expected' : `UNEXPECTED exit ${result.status}`, summary]);
  if (result.status !== expect) unexpected++;
}

console.log('\nSummary');
for (const [file, verdict, summary] of rows) console.log(`  ${file.padEnd(44)} ${verdict.padEnd(12)} ${summary}`);
const vsix = 'dist/toolcall-studio.vsix';
if (existsSync(vsix)) console.log(`\nPackaged ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KB): install with  code --install-extension ${vsix}`);
process.exitCode = unexpected ? 1 : 0;
