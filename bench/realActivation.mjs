// The extension's activation as VS Code itself records it (Developer: Startup Performance, "Extension
// Activation Stats": load code, call activate, finish activate), in code-server with the real
// workbench: test/integration/suite/activation.test.ts reads our row and writes it to
// TOOLCALL_RESULTS_DIR/activation.json. One fresh code-server per run (a start-up activation each).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from './measure.mjs';

/** Figures in ms per run, or the reason there are none (code-server not installed, a failed run). */
export async function measureRealActivation(runs) {
  const result = { loadCodeMs: [], callActivateMs: [], finishActivateMs: [], event: null, vscode: null, error: null };
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'toolcall-bench-activation-'));
    try {
      const r = await runProcess(process.execPath, ['test/integration/run.mjs', '--grep', 'real activation in code-server'], { timeoutMs: 400_000, env: { TOOLCALL_RESULTS_DIR: dir } });
      const file = path.join(dir, 'activation.json');
      if (r.code !== 0 || !existsSync(file)) {
        result.error = (`${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /error|FAILED|not installed|missing/i.test(l)).pop() ?? `exit ${r.code}`).trim().slice(0, 300);
        break;
      }
      const row = JSON.parse(readFileSync(file, 'utf8'));
      result.loadCodeMs.push(row.loadCodeMs);
      result.callActivateMs.push(row.callActivateMs);
      result.finishActivateMs.push(row.finishActivateMs);
      result.event = row.event;
      result.vscode = row.vscode;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return result;
}
