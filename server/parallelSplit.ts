// Which lines of a big first check go to the check worker. Most of a real file's check is
// compiling its tool sets (the real 50 MB bench file: 2,120 distinct sets, all met in its first
// tenth; its first 8,000 lines cost 8.9 G instructions of the whole file's 12.0 G), and each
// thread compiles the sets of the lines it checks: cut in two halves, both threads compiled
// nearly every set. Lines are dealt by their tools instead, so each set is mostly compiled on
// one thread, with the two threads' line counts kept near their shares.

/** Fewest pending lines worth a worker: below this the worker's start-up costs more than it saves. */
export const PARALLEL_MIN_LINES = 20_000;

/**
 * A didOpen this big starts the worker while it still arrives (`WorkerAhead`): its lines are
 * most likely PARALLEL_MIN_LINES or more (the bench's 50 MB files: 1.2-1.5 KB a line).
 */
export const AHEAD_MIN_BYTES = 16_000_000;

/** Share of the pending lines the worker checks: this thread also decodes the didOpen and places the worker's results (real 50 MB file at 0.6: this thread 1.0-1.1 s of CPU, the worker 0.86 s). */
export const WORKER_SHARE = 0.6;

/** How far (in lines) a thread may run ahead of its share before lines of its tool sets go to the other one: 1/64 of the range, at most 64. */
const slackFor = (lines: number) => Math.max(1, Math.min(64, lines >> 6));

/** Characters at the end of a line that tell its tool sets apart (real bench file: 2,120 sets, at most 8 to one fingerprint; generated: 968, at most 3). */
const TAIL = 96;

/**
 * A cheap fingerprint of a line's tool set: a hash of its last TAIL characters, where writers
 * put `tools` (after `messages`); searching for the member instead cost 50-80 ms on the real
 * file. Lines of one set share it; sets that share it, or lines whose end is something else,
 * only cost balance, never a result.
 */
export function toolsFingerprint(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = Math.max(0, text.length - TAIL); i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * Deals the lines `from` to `to` (exclusive) between this thread (0) and the worker (1): a
 * line's tool set goes where it first went, unless that thread is more than a slack of lines past
 * its share (a file with one tool set is then dealt in runs); lines for which `here(i)` is true
 * stay on this thread, lines for which `there(text)` is go to the worker (a long line blocks no
 * one there). Returns one byte a line.
 */
export function dealLines(lineText: (i: number) => string, from: number, to: number, share: number, here: (i: number) => boolean, there: (text: string) => boolean = () => false): Uint8Array {
  const owner = new Map<number, 0 | 1>();
  const dealt = new Uint8Array(to - from);
  const counts = [0, 0];
  const shares = [1 - share, share];
  const slack = slackFor(to - from);
  for (let i = from; i < to; i++) {
    if (here(i)) continue;
    const total = counts[0]! + counts[1]! + 1;
    const behind: 0 | 1 = counts[1]! < share * total ? 1 : 0;
    const text = lineText(i);
    if (there(text)) {
      counts[1]!++;
      dealt[i - from] = 1;
      continue;
    }
    const fingerprint = toolsFingerprint(text);
    let thread = owner.get(fingerprint);
    if (thread === undefined) {
      thread = behind;
      owner.set(fingerprint, thread);
    } else if (counts[thread]! - shares[thread]! * total > slack) thread = thread === 1 ? 0 : 1;
    counts[thread]!++;
    dealt[i - from] = thread;
  }
  return dealt;
}
