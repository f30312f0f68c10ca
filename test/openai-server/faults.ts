// Injected failures, so client code can be tested against what real networks and
// the real API do: rate limits, 500s, dropped connections, slowness, and the worst
// case for billing: the server did the work but the client only saw an error.
import type { FaultKind } from './state.ts';

/** What to inject. `path` is matched against the path with or without the `/v1` prefix. */
export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Exact path (e.g. `/v1/fine_tuning/jobs` or `/fine_tuning/jobs`) or a RegExp tested on the full path. */
  path: string | RegExp;
  /**
   * `status`: answer `status` without doing anything. `drop`: destroy the socket before
   * reading the request. `slow`: wait `delayMs`, then serve normally.
   * `status-after-effect`: perform the request (e.g. create the job), then answer `status`.
   * `drop-after-effect`: perform the request, then destroy the socket.
   */
  kind: FaultKind;
  /** Status for `status` / `status-after-effect`; default 500. */
  status?: number;
  /** Seconds for a `retry-after` header (status kinds). */
  retryAfter?: number;
  /** Milliseconds for a `retry-after-ms` header (status kinds). */
  retryAfterMs?: number;
  /** Delay for `slow`; default 1000 ms. */
  delayMs?: number;
  /** How many matching requests to affect; default 1. Use Infinity for all. */
  times?: number;
}

/** A registered fault and how often it fired. */
export interface Fault extends Readonly<FaultSpec> {
  readonly id: number;
  /** Matching requests it has affected so far. */
  readonly hits: number;
  /** Affected requests still to come. */
  readonly remaining: number;
}

/** Test-facing control over injected faults. */
export interface FaultControl {
  add(spec: FaultSpec): Fault;
  remove(fault: Fault): void;
  clear(): void;
  /** Faults that still have requests to affect. */
  pending(): Fault[];
  /**
   * Eventual consistency: a job created from now on is left out of the next `requests` job
   * list requests (it can still be retrieved by id). 0 (the default, and after `clear`): listed at once.
   */
  listLag(requests: number): void;
}

interface MutableFault extends FaultSpec {
  id: number;
  hits: number;
  remaining: number;
}

export class FaultTable implements FaultControl {
  private faults: MutableFault[] = [];
  private nextId = 1;
  /** List requests a newly created job stays unlisted for (see `listLag`). */
  jobListLag = 0;

  listLag(requests: number): void {
    if (!(Number.isInteger(requests) && requests >= 0)) throw new RangeError('requests must be a whole number >= 0');
    this.jobListLag = requests;
  }

  add(spec: FaultSpec): Fault {
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new RangeError('times must be > 0');
    const fault: MutableFault = { ...spec, id: this.nextId++, hits: 0, remaining: times };
    this.faults.push(fault);
    return fault;
  }

  remove(fault: Fault): void {
    this.faults = this.faults.filter((f) => f.id !== fault.id);
  }

  clear(): void {
    this.faults = [];
    this.jobListLag = 0;
  }

  pending(): Fault[] {
    return this.faults.filter((f) => f.remaining > 0);
  }

  /** Consume and return the first fault matching this request, if any. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && matches(f, method, path));
    if (!fault) return undefined;
    fault.hits += 1;
    fault.remaining -= 1;
    return fault;
  }
}

function matches(fault: FaultSpec, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path instanceof RegExp) {
    fault.path.lastIndex = 0; // a /g RegExp would otherwise remember the last match
    return fault.path.test(path);
  }
  const bare = path.startsWith('/v1/') ? path.slice(3) : path;
  return fault.path === path || fault.path === bare;
}
