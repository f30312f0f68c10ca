// The jobs the view shows, their events and checkpoints, and one watcher per active job
// (core/jobs/watch.ts: polls with backoff, stops when the job ends). No `vscode`: the tree
// provider listens to `onChange`, the extension to `onEnded`, and tests drive it directly
// against the local OpenAI-compatible server.
import type { FineTuningJob, FineTuningJobCheckpoint, FineTuningJobEvent, OpenAI } from '../../core/openai/client.ts';
import { isAbort } from '../../core/openai/client.ts';
import { isActive, newEvents, watchJob } from '../../core/jobs/watch.ts';

export interface JobStoreOptions {
  /** A client for the current key and settings; rejects when there is no key. */
  connect(): Promise<OpenAI>;
  /** First poll delay of a watch, in ms; default 2000 (doubles while nothing changes). */
  pollMs?: number;
  /** Longest poll delay, in ms; default 60000. */
  maxPollMs?: number;
  /** Jobs listed by `refresh`; default 50. */
  listLimit?: number;
  /** A watch or load failed (already one sentence from the caller's describer). */
  onError?(error: unknown, what: string): void;
}

type Listener<T> = (value: T) => void;

/** Per job: what has been fetched beyond the job object. */
interface JobDetails {
  events: FineTuningJobEvent[];
  seen: Set<string>;
  checkpoints?: FineTuningJobCheckpoint[];
}

export class JobStore {
  private readonly jobs = new Map<string, FineTuningJob>();
  private readonly details = new Map<string, JobDetails>();
  private readonly watchers = new Map<string, AbortController>();
  private readonly changeListeners = new Set<Listener<string | undefined>>();
  private readonly endListeners = new Set<Listener<FineTuningJob>>();
  private disposed = false;

  constructor(private readonly options: JobStoreOptions) {}

  /** Fires with a job id when that job (or its children) changed, undefined when the list did. */
  onChange(listener: Listener<string | undefined>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Fires once when a watched job reaches succeeded, failed or cancelled. */
  onEnded(listener: Listener<FineTuningJob>): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Jobs, newest first. */
  list(): FineTuningJob[] {
    return [...this.jobs.values()].sort((a, b) => b.created_at - a.created_at || b.id.localeCompare(a.id));
  }

  get(jobId: string): FineTuningJob | undefined {
    return this.jobs.get(jobId);
  }

  /** Events fetched so far, oldest first. */
  events(jobId: string): readonly FineTuningJobEvent[] {
    return this.details.get(jobId)?.events ?? [];
  }

  /** Checkpoints, when loaded. */
  checkpoints(jobId: string): readonly FineTuningJobCheckpoint[] | undefined {
    return this.details.get(jobId)?.checkpoints;
  }

  isWatching(jobId: string): boolean {
    return this.watchers.has(jobId);
  }

  /** Lists the newest jobs from the service and watches the active ones. */
  async refresh(): Promise<void> {
    const openai = await this.options.connect();
    const limit = this.options.listLimit ?? 50;
    const fresh: FineTuningJob[] = [];
    for await (const job of openai.fineTuning.jobs.list({ limit: Math.min(limit, 100) })) {
      fresh.push(job);
      if (fresh.length >= limit) break;
    }
    // Keep jobs this session launched even when they fall off the first page.
    for (const job of fresh) this.jobs.set(job.id, job);
    this.fire(undefined);
    for (const job of fresh) if (isActive(job.status)) this.watch(job.id, openai);
  }

  /** Adds a job (e.g. just created) and watches it while it is active. */
  add(job: FineTuningJob, openai?: OpenAI): void {
    this.jobs.set(job.id, job);
    this.fire(undefined);
    if (isActive(job.status)) this.watch(job.id, openai);
  }

  /** Starts following a job unless it is already followed. */
  watch(jobId: string, client?: OpenAI): void {
    if (this.disposed || this.watchers.has(jobId)) return;
    const controller = new AbortController();
    this.watchers.set(jobId, controller);
    const details = this.detailsOf(jobId);
    void (async () => {
      try {
        const openai = client ?? (await this.options.connect());
        const final = await watchJob(openai, jobId, {
          minDelayMs: this.options.pollMs ?? 2000,
          maxDelayMs: this.options.maxPollMs ?? 60_000,
          seenEvents: details.seen,
          signal: controller.signal,
          onPoll: (job) => this.update(job),
          onEvent: (event) => {
            details.events.push(event);
            this.fire(jobId);
          },
        });
        // Checkpoints are final once the job is: fetch them for the view.
        if (final.status === 'succeeded') await this.loadCheckpoints(jobId, openai).catch(() => undefined);
        this.watchers.delete(jobId);
        this.update(final);
        for (const listener of this.endListeners) listener(final);
      } catch (error) {
        this.watchers.delete(jobId);
        if (!isAbort(error)) this.options.onError?.(error, `Following job ${jobId}`);
      }
    })();
  }

  /** Fetches events not seen yet (newest page first, stored oldest first). */
  async loadEvents(jobId: string, client?: OpenAI): Promise<readonly FineTuningJobEvent[]> {
    const details = this.detailsOf(jobId);
    const openai = client ?? (await this.options.connect());
    const fresh = await newEvents(openai, jobId, details.seen);
    if (fresh.length > 0) {
      details.events.push(...fresh);
      details.events.sort((a, b) => a.created_at - b.created_at);
      this.fire(jobId);
    }
    return details.events;
  }

  /** Fetches every checkpoint, by step. */
  async loadCheckpoints(jobId: string, client?: OpenAI): Promise<readonly FineTuningJobCheckpoint[]> {
    const openai = client ?? (await this.options.connect());
    const all: FineTuningJobCheckpoint[] = [];
    for await (const checkpoint of openai.fineTuning.jobs.checkpoints.list(jobId, { limit: 100 })) all.push(checkpoint);
    all.sort((a, b) => a.step_number - b.step_number);
    this.detailsOf(jobId).checkpoints = all;
    this.fire(jobId);
    return all;
  }

  /** Asks the service to cancel; the watcher sees the new status on its next poll. */
  async cancel(jobId: string): Promise<FineTuningJob> {
    const openai = await this.options.connect();
    const job = await openai.fineTuning.jobs.cancel(jobId, { maxRetries: 1 });
    this.update(job);
    return job;
  }

  /** Forgets every job and stops following them (the key or endpoint changed: they belong to another account). */
  clear(): void {
    for (const controller of this.watchers.values()) controller.abort();
    this.watchers.clear();
    this.jobs.clear();
    this.details.clear();
    this.fire(undefined);
  }

  /** Stops every watcher. */
  dispose(): void {
    this.disposed = true;
    for (const controller of this.watchers.values()) controller.abort();
    this.watchers.clear();
    this.changeListeners.clear();
    this.endListeners.clear();
  }

  private update(job: FineTuningJob): void {
    const known = this.jobs.get(job.id);
    this.jobs.set(job.id, job);
    if (!known || known.status !== job.status || known.trained_tokens !== job.trained_tokens || known.fine_tuned_model !== job.fine_tuned_model) this.fire(job.id);
  }

  private detailsOf(jobId: string): JobDetails {
    let details = this.details.get(jobId);
    if (!details) this.details.set(jobId, (details = { events: [], seen: new Set() }));
    return details;
  }

  private fire(jobId: string | undefined): void {
    for (const listener of this.changeListeners) listener(jobId);
  }
}
