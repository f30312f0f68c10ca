// Answer-time checks that a busy machine does not fail: the bound is the table's figure or a
// multiple of what the same server answers in while idle, measured in the same test run,
// whichever is larger; both figures are printed. A blocked event loop (seconds) still fails.
import type { LspClient } from '../fuzz/lspClient.ts';

/** How many idle round trips the calibration takes; the slowest is the reference. */
const CALIBRATION_PINGS = 10;

/** Idle answers may be this many times slower under the work being tested. */
export const LOAD_FACTOR = 5;

export interface LatencyBudget {
  /** The slowest idle answer (ms). */
  idleMs: number;
  /** max(tableMs, LOAD_FACTOR * idleMs). */
  boundMs: number;
}

/** Measures the server's idle answer time now and derives the bound from `tableMs`. */
export async function latencyBudget(client: LspClient, tableMs: number, uri = 'file:///calibration.jsonl'): Promise<LatencyBudget> {
  let idleMs = 0;
  for (let i = 0; i < CALIBRATION_PINGS; i++) {
    const answer = await client.ping(uri, 10_000);
    idleMs = Math.max(idleMs, answer.answered ? answer.ms : 10_000);
  }
  return { idleMs, boundMs: Math.max(tableMs, LOAD_FACTOR * idleMs) };
}

/** Runs `work` and `calibration` alternately `rounds` times; the fastest of each (ms), which load inflates least. */
export function fastestOf(rounds: number, work: () => unknown, calibration: () => unknown): { workMs: number; calibrationMs: number } {
  let workMs = Infinity;
  let calibrationMs = Infinity;
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    calibration();
    calibrationMs = Math.min(calibrationMs, performance.now() - t);
    t = performance.now();
    work();
    workMs = Math.min(workMs, performance.now() - t);
  }
  return { workMs, calibrationMs };
}
