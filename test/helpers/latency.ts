// Time checks that a busy machine does not fail. Answers: the bound is the table's figure times
// the load per core, or a multiple of the same server's median idle answer, both measured in
// the same test run, whichever is larger; the figures are printed. Work: the fastest of a few runs against a benign
// calibration run alternately. A blocked event loop or exponential work (seconds) still fails.
import { availableParallelism, loadavg } from 'node:os';
import type { StdioClient } from '../lsp/stdioClient.ts';

/** Idle round trips of the calibration (after one warm-up); their median is the reference. */
const CALIBRATION_PINGS = 9;

/** Answers under the work being tested may be this many times slower than the idle median. */
export const LOAD_FACTOR = 5;

export interface LatencyBudget {
  /** The median idle answer (ms). */
  idleMs: number;
  /** The 1-minute load average per core, at least 1. */
  loadPerCore: number;
  /** max(tableMs * loadPerCore, LOAD_FACTOR * idleMs). */
  boundMs: number;
}

/** Measures the server's idle answer time now and derives the bound from `tableMs`. */
export async function latencyBudget(client: StdioClient, tableMs: number): Promise<LatencyBudget> {
  await client.ping(30_000); // warm-up: start-up work (the tokenizer's first load) is not idleness
  const times: number[] = [];
  for (let i = 0; i < CALIBRATION_PINGS; i++) {
    const answer = await client.ping(10_000);
    times.push(answer.answered ? answer.ms : 10_000);
  }
  const idleMs = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  // Idle answers need little CPU, so they hide contention: a server slicing its work into 10 ms
  // steps waits for a core between steps. The machine's load per core scales the table's figure.
  const loadPerCore = Math.max(1, loadavg()[0]! / availableParallelism());
  return { idleMs, loadPerCore, boundMs: Math.max(tableMs * loadPerCore, LOAD_FACTOR * idleMs) };
}

/** A hostile input may cost this many times its benign calibration (plus the slack) before it fails. */
export const CALIBRATED_FACTOR = 20;
export const CALIBRATED_SLACK_MS = 5;

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
