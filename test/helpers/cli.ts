import { runCli } from '../../cli/main.ts';

/** Runs `toolcall ARGS` in `cwd` with an empty environment; returns the exit code and what it wrote. */
export async function runToolcall(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}
