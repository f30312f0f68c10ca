// Running benchmarked processes and summarising their figures (used by bench/run.mjs and
// bench/cliFigures.mjs). Timings are never asserted; figures are medians with min-max.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const log = (text) => process.stderr.write(text + '\n');

/**
 * The environment of every measured child: this one, without NODE_EXTRA_CA_CERTS. Node reads and
 * parses that certificate bundle at start-up, before any of the tool's code runs (this machine
 * sets it: ~40 ms of CPU per process, `node -e 0` 510 M instructions with it against 93 M), which
 * would charge the machine's set-up to every Node figure and not to the Python's. run.mjs measures
 * that cost in the same run and prints it (startUpWithCertificates).
 */
export const CERTIFICATES_VARIABLE = 'NODE_EXTRA_CA_CERTS';
const { [CERTIFICATES_VARIABLE]: _certificates, ...measuredEnv } = process.env;

/**
 * Runs a child; resolves with wall time, stdout, stderr and the last `@@bench {...}` line it
 * printed on stderr (bench/rss.cjs for Node, bench/pyrss.py for Python: peak RSS and CPU time).
 */
export function runProcess(command, args, { timeoutMs = 600_000, env = {} } = {}) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: root, env: { ...measuredEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout.length < 1e6 ? (stdout += c) : null));
    child.stderr.on('data', (c) => (stderr.length < 1e6 ? (stderr += c) : null));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => resolve({ code: null, signal: null, wallMs: 0, stdout, stderr: String(error), usage: null }));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const line = [...stderr.matchAll(/^@@bench (.*)$/gm)].pop();
      resolve({ code, signal, wallMs, stdout, stderr, usage: line ? JSON.parse(line[1]) : null });
    });
  });
}

export const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1], n: s.length };
};
export const fmt = (x, digits = 1) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
export const show = (st, digits = 1, unit = '') => `${fmt(st.median, digits)}${unit} (${fmt(st.min, digits)}-${fmt(st.max, digits)})`;

/**
 * When this environment sets NODE_EXTRA_CA_CERTS: the CPU time of `node -e 0` with it and without
 * it (medians of `runs`, alternating), the start-up cost the measured children are spared.
 */
export async function startUpWithCertificates(runs) {
  const certificates = process.env[CERTIFICATES_VARIABLE];
  if (!certificates) return null;
  const cpuMs = async (env) => (await runProcess(process.execPath, ['--require', './bench/rss.cjs', '-e', '0'], { env })).usage?.cpuMs ?? NaN;
  const withIt = [];
  const without = [];
  for (let i = 0; i < runs; i++) {
    withIt.push(await cpuMs({ [CERTIFICATES_VARIABLE]: certificates }));
    without.push(await cpuMs({}));
  }
  return { certificates, withMs: stats(withIt), withoutMs: stats(without) };
}
