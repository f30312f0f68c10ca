// Upload the files and create the job exactly once. The idempotency token is written to
// workspace state *before* the create request and removed only when the outcome is known,
// so after an unclear failure (no answer, a 5xx, a window closed mid-request) the next launch
// of the same file and settings reuses the token: createJob then looks the job up first and
// creates it only when no job carries the token. The create request itself is never
// repeated automatically (`attempts: 1`). No `vscode`: the command passes adapters.
import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { createJob, IDEMPOTENCY_KEY, UnknownJobStateError, type JobSpec } from '../../core/jobs/create.ts';
import { uploadFile } from '../../core/jobs/upload.ts';
import { isAbort, isUnclearFailure, type FineTuningJob, type OpenAI } from '../../core/openai/client.ts';

/** What to train, before any file is uploaded. */
export type LaunchSpec = Omit<JobSpec, 'training_file' | 'validation_file'>;

/** A launch whose create request had no clear outcome. */
export interface PendingLaunch {
  token: string;
  /** Hash of the files (path, size, mtime) and the spec: the same launch again. */
  fingerprint: string;
  training: string;
  validation?: string;
  /** ms since the epoch. */
  startedAt: number;
}

/** Where pending launches live (workspace state in the extension, a variable in tests). */
export interface PendingStore {
  get(): readonly PendingLaunch[];
  set(pending: readonly PendingLaunch[]): Thenable<void> | Promise<void> | void;
}

/** Most pending launches remembered; older ones are dropped. */
export const MAX_PENDING = 20;

export interface LaunchInput {
  training: string;
  validation?: string;
  spec: LaunchSpec;
  pending: PendingStore;
  /** Bytes sent of the file being uploaded. */
  onUpload?(file: string, sent: number, total: number): void;
  /** Something worth a log line (a retried part, a lookup after an unclear failure). */
  onNote?(text: string): void;
  signal?: AbortSignal;
  now?: () => number;
  /** First wait between look-ups of the token after an unclear create (createJob's default when unset). */
  lookupDelayMs?: number;
}

export interface LaunchResult {
  job: FineTuningJob;
  token: string;
  /** Found by its token (an earlier unclear create had made it). */
  recovered: boolean;
  trainingFileId: string;
  validationFileId?: string;
}

/** The create had no clear outcome; the token stays pending so a relaunch looks it up. */
export class UnclearLaunchError extends Error {
  constructor(
    readonly token: string,
    override readonly cause: unknown,
  ) {
    super(`Not known whether the job was created; token ${token}. Find it with "Toolcall: Find Fine-tuning Job by Idempotency Token" before launching again (a launch of the same file and settings looks the token up first).`);
    this.name = 'UnclearLaunchError';
  }
}

export async function launchJob(openai: OpenAI, input: LaunchInput): Promise<LaunchResult> {
  const now = input.now ?? Date.now;
  const upload = (file: string) =>
    uploadFile(openai, {
      file,
      signal: input.signal,
      onProgress: (sent, total) => input.onUpload?.(file, sent, total),
      onRetry: (error, attempt) => input.onNote?.(`Upload of ${path.basename(file)}: attempt ${attempt} failed (${(error as Error)?.message ?? String(error)}); retrying.`),
    });
  const training = await upload(input.training);
  const validation = input.validation ? await upload(input.validation) : undefined;

  const fingerprint = await launchFingerprint(input.training, input.validation, input.spec);
  const earlier = input.pending.get().find((p) => p.fingerprint === fingerprint);
  const token = earlier?.token ?? randomUUID();
  if (!earlier) await input.pending.set([...input.pending.get(), { token, fingerprint, training: input.training, validation: input.validation, startedAt: now() }].slice(-MAX_PENDING));
  else input.onNote?.(`An earlier launch of ${path.basename(input.training)} had no clear outcome; looking up its job (token ${token}) before creating one.`);

  const spec: JobSpec = { ...input.spec, training_file: training.file.id, ...(validation ? { validation_file: validation.file.id } : {}) };
  try {
    const created = await createJob(openai, spec, {
      token,
      attempts: 1,
      lookupDelayMs: input.lookupDelayMs,
      signal: input.signal,
      onUnclearFailure: () => input.onNote?.(`The create request got no clear answer; looking up token ${token}.`),
    });
    await forget(input.pending, token);
    return { job: created.job, token, recovered: created.recovered, trainingFileId: training.file.id, validationFileId: validation?.file.id };
  } catch (error) {
    // A cancel may land after the service received the request: the token stays pending.
    if (isAbort(error)) throw error;
    if (error instanceof UnknownJobStateError || isUnclearFailure(error)) throw new UnclearLaunchError(token, error);
    await forget(input.pending, token);
    throw error;
  }
}

/** Same files (path, size, modification time) and same spec -> same fingerprint. */
export async function launchFingerprint(training: string, validation: string | undefined, spec: LaunchSpec): Promise<string> {
  const fileKey = async (file: string | undefined) => {
    if (!file) return null;
    const info = await stat(file);
    return [path.resolve(file), info.size, info.mtimeMs];
  };
  const canonical = JSON.stringify([await fileKey(training), await fileKey(validation), spec.model, spec.suffix ?? null, spec.seed ?? null, canonicalHyper(spec.hyperparameters), spec.metadata ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

function canonicalHyper(hp: LaunchSpec['hyperparameters']): unknown {
  return ['n_epochs', 'batch_size', 'learning_rate_multiplier'].map((k) => hp?.[k as keyof typeof hp] ?? 'auto');
}

async function forget(pending: PendingStore, token: string): Promise<void> {
  const rest = pending.get().filter((p) => p.token !== token);
  if (rest.length !== pending.get().length) await pending.set(rest);
}

/** Pending launches whose token shows up on a listed job: they were created after all. */
export function settledLaunches(pending: readonly PendingLaunch[], jobs: readonly FineTuningJob[]): Array<{ launch: PendingLaunch; job: FineTuningJob }> {
  const byToken = new Map<string, FineTuningJob>();
  for (const job of jobs) {
    const token = job.metadata?.[IDEMPOTENCY_KEY];
    if (typeof token === 'string') byToken.set(token, job);
  }
  return pending.flatMap((launch) => {
    const job = byToken.get(launch.token);
    return job ? [{ launch, job }] : [];
  });
}

/** `512 B`, `1.5 KB`, `12.3 MB` (1024-based, one decimal above bytes). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
