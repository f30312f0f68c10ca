// The extension's activation as VS Code itself records it (Developer: Startup Performance, "Extension
// Activation Stats": load code, call activate, finish activate), in code-server with the real
// workbench: test/integration/suite/activation.test.ts reads our row and writes it to
// TOOLCALL_RESULTS_DIR/activation.json. Each run is a first start in a fresh profile (a fresh
// code-server, a start-up activation), then a later start in the same profile: the language
// client's file is then loaded with the code cache the first start wrote (core/codeCache.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runProcess } from './measure.mjs';

/** One start: VS Code's row for us, or the reason there is none. */
async function oneStart(profile, env = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'toolcall-bench-activation-'));
  try {
    const r = await runProcess(process.execPath, ['test/integration/run.mjs', '--grep', 'real activation in code-server', '--profile', profile], { timeoutMs: 400_000, env: { TOOLCALL_RESULTS_DIR: dir, ...env } });
    const file = path.join(dir, 'activation.json');
    if (r.code !== 0 || !existsSync(file)) {
      return { error: (`${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /error|FAILED|not installed|missing/i.test(l)).pop() ?? `exit ${r.code}`).trim().slice(0, 300) };
    }
    return { row: JSON.parse(readFileSync(file, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Figures in ms per run (first starts; `later` the same for the start after each), or the reason
 * there are none (code-server not installed, a failed run).
 */
export async function measureRealActivation(runs) {
  const figures = () => ({ loadCodeMs: [], callActivateMs: [], finishActivateMs: [] });
  const result = { ...figures(), later: figures(), event: null, vscode: null, error: null };
  const add = (into, row) => {
    into.loadCodeMs.push(row.loadCodeMs);
    into.callActivateMs.push(row.callActivateMs);
    into.finishActivateMs.push(row.finishActivateMs);
  };
  for (let i = 0; i < runs && !result.error; i++) {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'toolcall-bench-profile-'));
    try {
      const first = await oneStart(profile);
      if (first.error) {
        result.error = first.error;
        break;
      }
      add(result, first.row);
      result.event = first.row.event;
      result.vscode = first.row.vscode;
      // The test asserts that this start took the code cache the first one wrote.
      const later = await oneStart(profile, { TOOLCALL_EXPECT_CODE_CACHE: '1' });
      if (later.error) result.error = later.error;
      else add(result.later, later.row);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return result;
}
