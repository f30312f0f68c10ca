// Everything the server has seen and holds, in memory, so tests can assert on it
// ("exactly one job", "the listener received nothing"). API keys are never stored.
import type { FileObject } from 'openai/resources/files';
import type { Upload } from 'openai/resources/uploads/uploads';
import type { UploadPart } from 'openai/resources/uploads/parts';
import type { FineTuningJob, FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import type { FineTuningJobCheckpoint } from 'openai/resources/fine-tuning/jobs/checkpoints';

/** How the request's credentials were judged; the key itself is never kept. */
export type AuthOutcome = 'missing' | 'accepted' | 'rejected' | 'not-checked';

/** One HTTP request as the server received it. */
export interface RecordedRequest {
  /** The `x-request-id` the server answered with. */
  requestId: string;
  method: string;
  /** Path without the query string, e.g. `/v1/fine_tuning/jobs`. */
  path: string;
  query: Record<string, string>;
  /** Request headers, lower-cased, with every credential header removed. */
  headers: Record<string, string>;
  /** Whether an Authorization header was present, and how it was judged. */
  auth: AuthOutcome;
  /** The parsed body of a JSON request (multipart bodies are not kept here). */
  json?: unknown;
  /** Milliseconds since the epoch when the request arrived (the server's clock). */
  receivedAt: number;
  /** Final status; undefined while in flight or when the connection was dropped. */
  status?: number;
  /** The injected fault this request met, if any. */
  fault?: FaultKind;
}

export type FaultKind = 'status' | 'drop' | 'slow' | 'status-after-effect' | 'drop-after-effect';

/** A File as the API sends it: `expires_at` and `status_details` are null, not absent. */
export type WireFile = Omit<FileObject, 'expires_at' | 'status_details'> & { expires_at: number | null; status_details: string | null };

/** An Upload as the API sends it, with its File once completed. */
export type WireUpload = Omit<Upload, 'file'> & { file: WireFile | null };

/** A stored file: the API object plus its bytes. */
export interface StoredFile {
  object: WireFile;
  content: Buffer;
}

/** A stored upload: the API object, its parts with bytes. */
export interface StoredUpload {
  object: WireUpload;
  mimeType: string;
  parts: Map<string, { object: UploadPart; data: Buffer }>;
}

/** A stored job: the API object, its events (oldest first), checkpoints and simulation state. */
export interface StoredJob {
  object: FineTuningJob;
  events: FineTuningJobEvent[];
  checkpoints: FineTuningJobCheckpoint[];
  sim: JobSimulation;
}

/** Progress of the simulated training run. */
export interface JobSimulation {
  totalSteps: number;
  stepsDone: number;
  stepsPerEpoch: number;
  nEpochs: number;
  tokensPerEpoch: number;
  /** Deterministic random stream seeded from the job's seed. */
  random: () => number;
}

/** Everything the server recorded; a snapshot view for assertions. */
export interface ServerState {
  requests: RecordedRequest[];
  files: Map<string, StoredFile>;
  uploads: Map<string, StoredUpload>;
  jobs: Map<string, StoredJob>;
  /** Forget all recorded requests and objects (ids keep counting up). */
  reset(): void;
}

export function createState(): ServerState {
  const state: ServerState = {
    requests: [],
    files: new Map(),
    uploads: new Map(),
    jobs: new Map(),
    reset() {
      state.requests.length = 0;
      state.files.clear();
      state.uploads.clear();
      state.jobs.clear();
    },
  };
  return state;
}

/** Deterministic ids per server instance: `file-000000000000000000000001`. */
export class IdMaker {
  private counters = new Map<string, number>();

  /** `first`: the number of the first id of each prefix. */
  constructor(private readonly first = 1) {}

  next(prefix: string, width = 24): string {
    const n = (this.counters.get(prefix) ?? this.first - 1) + 1;
    this.counters.set(prefix, n);
    return prefix + n.toString(16).padStart(width, '0');
  }
}
