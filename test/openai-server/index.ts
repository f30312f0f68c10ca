// A local OpenAI-compatible server for tests and demos: Files, Uploads, fine-tuning
// jobs with a controllable clock, scripted chat completions, fault injection, and a
// record of every request (never the API key). Listens on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, serverError } from './apiError.ts';
import { CREDENTIAL_HEADERS, checkAuth, defaultKeyPolicy, type KeyPolicy } from './auth.ts';
import { azureRoute, checkApiKeyHeader, type AzureModeOptions } from './azure.ts';
import { readJson, readMultipart, type MultipartBody } from './body.ts';
import { BatchTable, batchRoutes, type BatchControl } from './batches.ts';
import { ChatScriptTable, chatRoutes, type ChatScript } from './chat.ts';
import { FaultTable, type FaultControl } from './faults.ts';
import { fileRoutes } from './files.ts';
import { DEFAULT_FINE_TUNABLE_MODELS } from './jobCreate.ts';
import { jobRoutes } from './jobs.ts';
import { JobSimulator } from './jobSimulator.ts';
import { findRoute, type Reply, type RouteContext, type ServerEnv } from './router.ts';
import { createState, IdMaker, type RecordedRequest, type ServerState } from './state.ts';
import { uploadRoutes } from './uploads.ts';
import type { JsonObject } from './validate.ts';

export type { ServerState, RecordedRequest, AuthOutcome, StoredFile, StoredUpload, StoredJob, FaultKind } from './state.ts';
export type { FaultControl, FaultSpec, Fault } from './faults.ts';
export type { ChatScript, ChatRule, ChatHandler, ChatRequest, ChatModelOptions, ScriptedReply, ScriptedToolCall } from './chat.ts';
export type { KeyPolicy } from './auth.ts';
export type { BatchControl, StoredBatch } from './batches.ts';
export type { AzureModeOptions } from './azure.ts';
export { AZURE_API_VERSIONS } from './azure.ts';
export { ApiError } from './apiError.ts';
export { DEFAULT_FINE_TUNABLE_MODELS } from './jobCreate.ts';
export { lastUserText } from './chat.ts';
export { checkTrainingFile } from './trainingFile.ts';

export interface OpenAIServerOptions {
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Accepted API keys; default: any key starting `sk-test`. */
  apiKeys?: KeyPolicy;
  /** Job clock period in ms; default 200. 0 = jobs move only by `advance()` / `finish()`. */
  tickMs?: number;
  /** Ticks the `running` phase of a job takes; default 3. */
  trainingTicks?: number;
  /** Fewest examples a training file may have; default 10, as the real service. */
  minExamples?: number;
  /** Fine-tunable models: names, or alias -> snapshot; default DEFAULT_FINE_TUNABLE_MODELS. */
  fineTunableModels?: readonly string[] | Readonly<Record<string, string>>;
  /** The server's clock in ms since the epoch; default Date.now. */
  now?: () => number;
  /** Organization slug in fine-tuned model names; default 'org'. */
  organization?: string;
  /**
   * Where object ids start counting (default 1). Two servers in one test run (one extension
   * host) then give different ids, so a job of one never shadows a job of the other in a view.
   */
  firstId?: number;
  /** Byte limits; defaults: JSON body 32 MB, file 512 MB, part 64 MB, upload 8 GB. */
  limits?: Partial<ServerEnv['limits']>;
  /** Answer as an Azure OpenAI resource (azure.ts): `/openai/...?api-version=`, `api-key` header, deployments. */
  azure?: AzureModeOptions;
}

export interface OpenAIServer {
  /** Base URL for the SDK, e.g. `http://127.0.0.1:43121/v1` (Azure mode: the resource URL, `http://127.0.0.1:43121`). */
  url: string;
  close(): Promise<void>;
  state: ServerState;
  faults: FaultControl;
  script: ChatScript;
  /** Batches: every one by id, expiry of the next, a lifecycle step (a retrieve also takes one). */
  batches: BatchControl;
  /** Move one job (or every active job) one step along its lifecycle; returns id -> new status. */
  advance(jobId?: string): Record<string, string>;
  /** Advance one job (or all) until it has succeeded, failed or been cancelled. */
  finish(jobId?: string): void;
}

export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const state = createState();
  const faults = new FaultTable();
  const script = new ChatScriptTable();
  const env: ServerEnv = {
    state,
    ids: new IdMaker(options.firstId),
    now: options.now ?? Date.now,
    limits: { jsonBytes: 32 * 2 ** 20, fileBytes: 512 * 2 ** 20, partBytes: 64 * 2 ** 20, uploadBytes: 8 * 2 ** 30, ...options.limits },
    organization: options.organization ?? 'org',
    organizationId: 'org-test',
  };
  const models = Array.isArray(options.fineTunableModels)
    ? Object.fromEntries((options.fineTunableModels as readonly string[]).map((m) => [m, m]))
    : ((options.fineTunableModels as Readonly<Record<string, string>> | undefined) ?? DEFAULT_FINE_TUNABLE_MODELS);
  const simulator = new JobSimulator(env, { trainingTicks: options.trainingTicks ?? 3, minExamples: options.minExamples ?? 10 });
  const batches = new BatchTable(env, script);
  const routes = [...fileRoutes(env), ...uploadRoutes(env), ...jobRoutes(env, simulator, models), ...chatRoutes(env, script), ...batchRoutes(batches)];
  const keyPolicy = options.apiKeys ?? defaultKeyPolicy;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = `req_${randomBytes(16).toString('hex')}`;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      requestId,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: safeHeaders(req),
      auth: 'not-checked',
      receivedAt: env.now(),
    };
    state.requests.push(record);

    const send = (status: number, body: Buffer | string, contentType: string, extra: Record<string, string> = {}): void => {
      record.status = status;
      if (!req.readableEnded) req.resume(); // drain an unread body so the connection stays usable
      res.writeHead(status, { 'x-request-id': requestId, 'content-type': contentType, 'openai-processing-ms': String(Date.now() - started), ...extra });
      res.end(body);
    };
    const sendError = (error: ApiError): void => send(error.status, JSON.stringify(error.body()), 'application/json', error.headers);
    const drop = (): void => {
      req.socket.destroy();
    };

    const auth = options.azure ? checkApiKeyHeader(req.headers['api-key'], keyPolicy) : checkAuth(req.headers.authorization, keyPolicy);
    record.auth = auth.outcome;
    // Azure mode: the /openai path maps onto the /v1 routes (faults match the mapped path too).
    const azure = options.azure ? azureRoute(url.pathname, url.searchParams, options.azure) : undefined;
    const path = azure && !(azure instanceof ApiError) ? azure.path : url.pathname;

    const fault = faults.take(method, path);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'drop') return drop();
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    const faultError = fault && (fault.kind === 'status' || fault.kind === 'status-after-effect') ? injectedError(fault) : undefined;
    if (fault?.kind === 'status') return sendError(faultError!);

    if (auth.error) return sendError(auth.error);
    if (azure instanceof ApiError) return sendError(azure);
    const found = findRoute(routes, method, path);
    if (!found) return sendError(new ApiError(404, `Invalid URL (${method} ${url.pathname})`));

    const ctx: RouteContext = {
      req,
      params: found.params,
      query: url.searchParams,
      record,
      ...(azure && !(azure instanceof ApiError) && azure.deployment ? { deployment: azure.deployment } : {}),
      async json(): Promise<JsonObject> {
        const body = await readJson(req, env.limits.jsonBytes);
        record.json = body;
        return body;
      },
      multipart(): Promise<MultipartBody> {
        return readMultipart(req, env.limits.fileBytes);
      },
    };
    let reply: Reply;
    try {
      reply = await found.route.handle(ctx);
    } catch (error) {
      if (error instanceof ApiError) return sendError(error);
      console.error('[openai-server] handler failed:', error);
      return sendError(serverError(500));
    }
    // The effect has happened; now the client is told otherwise (or nothing at all).
    if (fault?.kind === 'status-after-effect') return sendError(faultError!);
    if (fault?.kind === 'drop-after-effect') return drop();
    if ('json' in reply) send(reply.status ?? 200, JSON.stringify(reply.json), 'application/json');
    else send(reply.status ?? 200, reply.body, reply.contentType);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[openai-server] request failed:', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  simulator.start(options.tickMs ?? 200);
  const port = (server.address() as AddressInfo).port;

  return {
    url: options.azure ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${port}/v1`,
    state,
    faults,
    script,
    batches,
    advance: (jobId) => simulator.advance(jobId),
    finish: (jobId) => simulator.finish(jobId),
    close: () =>
      new Promise<void>((resolve, reject) => {
        simulator.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function injectedError(fault: { status?: number; retryAfter?: number; retryAfterMs?: number }): ApiError {
  const error = serverError(fault.status ?? 500);
  if (fault.retryAfter !== undefined) error.headers['retry-after'] = String(fault.retryAfter);
  if (fault.retryAfterMs !== undefined) error.headers['retry-after-ms'] = String(fault.retryAfterMs);
  return error;
}

/** Request headers minus anything that carries a credential. */
function safeHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (CREDENTIAL_HEADERS.has(name) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
