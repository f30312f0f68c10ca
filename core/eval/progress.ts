// Progress of an evaluation run: done/total and an estimate of the time left, from the
// pace of the cases answered in this run (resumed cases took no time now).

/** A snapshot handed to progress listeners. */
export interface RunProgress {
  /** Cases finished, including those skipped because an earlier run answered them. */
  done: number;
  total: number;
  /** Cases that failed after every retry so far. */
  failed: number;
  /** Estimated milliseconds left; undefined until a case of this run has finished. */
  etaMs?: number;
}

/** Counts cases and estimates the time left; `now` is injectable for tests. */
export class ProgressTracker {
  private doneNow = 0;
  private failed = 0;
  private readonly started: number;

  constructor(
    private readonly total: number,
    private readonly skipped: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Records one finished case (ok or failed) and returns the new snapshot. */
  finish(ok: boolean): RunProgress {
    this.doneNow += 1;
    if (!ok) this.failed += 1;
    return this.snapshot();
  }

  snapshot(): RunProgress {
    const done = this.skipped + this.doneNow;
    const out: RunProgress = { done, total: this.total, failed: this.failed };
    const eta = estimateEta(this.doneNow, this.total - done, this.now() - this.started);
    if (eta !== undefined) out.etaMs = eta;
    return out;
  }
}

/** Time left at the pace so far: elapsed / done * remaining; undefined before the first case. */
export function estimateEta(doneThisRun: number, remaining: number, elapsedMs: number): number | undefined {
  if (doneThisRun <= 0) return undefined;
  return Math.max(0, Math.round((elapsedMs / doneThisRun) * remaining));
}

/** `3/10 cases, about 1 min 5 s left` for notifications and the CLI. */
export function formatProgress(p: RunProgress): string {
  const failed = p.failed ? `, ${p.failed} failed` : '';
  const eta = p.etaMs === undefined || p.done >= p.total ? '' : `, about ${formatDuration(p.etaMs)} left`;
  return `${p.done}/${p.total} cases${failed}${eta}`;
}

/** `45 s`, `2 min 5 s`, `1 h 3 min`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
