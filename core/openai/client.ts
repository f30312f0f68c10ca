// The only module that imports `openai`. Everything the SDK would otherwise read from the
// environment (base URL, organization, project, log level) is passed explicitly, so a
// caller (CLI, language server, extension) decides where the key goes, and every log line
// the SDK writes passes through a redactor that removes the key before it reaches a sink.
import { formatWithOptions } from 'node:util';
import OpenAI, {
  AzureOpenAI,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  toStreamingFile,
  toFile,
} from 'openai';

export { OpenAI, APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, toStreamingFile, toFile };
export type { Batch } from 'openai/resources/batches';
export type { FileObject } from 'openai/resources/files';
export type { Upload } from 'openai/resources/uploads/uploads';
export type { FineTuningJob, FineTuningJobEvent, JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';
export type { FineTuningJobCheckpoint } from 'openai/resources/fine-tuning/jobs/checkpoints';

/** The SDK's log levels. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where redacted SDK log lines go (an output channel, stderr, a test buffer). */
export type LogSink = (level: Exclude<LogLevel, 'off'>, text: string) => void;

/** The endpoint when none is configured (`toolcall.openai.baseUrl`, `--base-url`, OPENAI_BASE_URL). */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Where Toolcall: Set API Key keeps the key in VS Code's secret storage (jobs and evaluations read it). */
export const API_KEY_SECRET = 'toolcall.openai.apiKey';

/** The Azure OpenAI API version used when none is configured (a GA version with fine-tuning and tools). */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** An Azure OpenAI resource: requests go to `{baseURL}/openai/...?api-version=...` with an `api-key` header. */
export interface AzureOptions {
  apiVersion: string;
}

/** How to reach the API; nothing here is read from the environment. */
export interface OpenAIConnection {
  apiKey: string;
  /** Always explicit: the SDK would otherwise read OPENAI_BASE_URL. With `azure`, the resource URL (`https://NAME.openai.azure.com`). */
  baseURL: string;
  /** Talk to an Azure OpenAI resource at `baseURL`; a model name is then a deployment name. */
  azure?: AzureOptions;
  organization?: string;
  project?: string;
  /** Default 'warn'. Set explicitly so OPENAI_LOG cannot turn on debug logging. */
  logLevel?: LogLevel;
  /** Default: console.error, after redaction. */
  log?: LogSink;
  /** Retries for reads (connection errors, 408, 409, 429, >= 500); default 2. Writes that must not repeat pass `maxRetries: 0` per request. */
  maxRetries?: number;
  /** Per-request timeout in ms; default 10 minutes (the SDK's). */
  timeout?: number;
  /** Send no Authorization header (an endpoint that was given no key); `apiKey` is then ignored. */
  noAuthorization?: boolean;
}

/** A client for `connection`; throws a plain Error (never naming the key) when the connection is unusable. */
export function createOpenAI(connection: OpenAIConnection): OpenAI {
  if (!connection.apiKey && !connection.noAuthorization) throw new Error('No API key: set one with Toolcall: Set API Key or the OPENAI_API_KEY environment variable.');
  if (!connection.baseURL) throw new Error('No API base URL given.');
  let parsed: URL;
  try {
    parsed = new URL(connection.baseURL);
  } catch {
    throw new Error(`The API base URL "${connection.baseURL}" is not a valid URL.`);
  }
  // fetch refuses such URLs on every request; say so once, without repeating them.
  if (parsed.username || parsed.password) throw new Error('The API base URL must not hold a user name or password; give the key through its environment variable or Set API Key instead.');
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`The API base URL must use https (or http for a local server), not ${parsed.protocol}`);
  const sink = connection.log ?? ((_level, text) => console.error(text));
  // A user:pass@ or ?api_key= in the base URL is as secret as the key: redacted from logs too.
  const secrets = [connection.apiKey, parsed.username, parsed.password, ...[...parsed.searchParams.values()]].filter((s) => s.length >= 4);
  const options = {
    // The SDK insists on a key; with noAuthorization its header is removed below.
    apiKey: connection.noAuthorization ? 'unused' : connection.apiKey,
    ...(connection.noAuthorization ? { defaultHeaders: { Authorization: null } } : {}),
    baseURL: connection.baseURL,
    // null, not undefined: undefined would let the SDK read OPENAI_ORG_ID / OPENAI_PROJECT_ID etc.
    organization: connection.organization || null,
    project: connection.project || null,
    adminAPIKey: null,
    webhookSecret: null,
    logLevel: connection.logLevel ?? 'warn',
    logger: redactingLogger(sink, secrets),
    maxRetries: connection.maxRetries ?? 2,
    ...(connection.timeout !== undefined ? { timeout: connection.timeout } : {}),
  };
  if (!connection.azure) return new OpenAI(options);
  const apiVersion = connection.azure.apiVersion.trim();
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) throw new Error(`The Azure OpenAI API version "${apiVersion}" is not a version like 2024-10-21 or 2025-04-01-preview.`);
  // The base URL (not `endpoint`) is given so OPENAI_BASE_URL and AZURE_OPENAI_ENDPOINT are never read;
  // no `deployment`: files and jobs are resource-wide, and chat requests put the model (the deployment) in the path.
  return new AzureOpenAI({ ...options, baseURL: azureBaseURL(connection.baseURL), apiVersion });
}

/** `https://name.openai.azure.com/` -> `https://name.openai.azure.com/openai` (as the SDK builds it from an endpoint). */
export function azureBaseURL(resource: string): string {
  const trimmed = resource.replace(/\/+$/, '');
  return trimmed.endsWith('/openai') ? trimmed : `${trimmed}/openai`;
}

/** A logger for the SDK that formats each call to one string and removes the secrets from it. */
export function redactingLogger(sink: LogSink, secrets: readonly string[]): Record<Exclude<LogLevel, 'off'>, (...args: unknown[]) => void> {
  const write = (level: Exclude<LogLevel, 'off'>) => (...args: unknown[]) => {
    sink(level, redactSecrets(formatWithOptions({ colors: false, depth: 8, breakLength: Infinity }, ...args), secrets));
  };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

/** `text` with every secret, any Bearer token and anything shaped like an API key (masked or not) replaced. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out
    .replace(/(Bearer\s+)[^\s"',}]+/gi, '$1[redacted]')
    .replace(/\bsk-[A-Za-z0-9_*.-]{4,}/g, 'sk-[redacted]');
}

/** True when the request may or may not have taken effect: no answer, a timeout or a server error. */
export function isUnclearFailure(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true; // includes timeouts
  if (error instanceof APIError && typeof error.status === 'number') return error.status >= 500 || error.status === 408 || error.status === 409;
  return false;
}

/** True when repeating the same request later may succeed (rate limit, overload, no answer). */
export function isRetryable(error: unknown): boolean {
  return isUnclearFailure(error) || (error instanceof APIError && error.status === 429);
}

/** True when the caller's AbortSignal ended the request. */
export function isAbort(error: unknown): boolean {
  return error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError');
}

/**
 * One sentence for a failed request, with the request id when the service gave one.
 * A 401 never repeats the service's message (the real API echoes a masked key); every
 * message passes `redactSecrets` with `secrets` as well.
 */
export function describeApiError(error: unknown, secrets: readonly string[] = []): string {
  const clean = (text: string) => redactSecrets(text, secrets).trim().replace(/[.\s]+$/, '');
  if (isAbort(error)) return 'The operation was cancelled.';
  if (error instanceof APIConnectionTimeoutError) return 'The request timed out before the service answered; try again, or check the base URL and your connection.';
  if (error instanceof APIConnectionError) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? ((cause as { cause?: Error }).cause?.message ?? cause.message) : error.message;
    return `Could not reach the API (${clean(detail)}); check the base URL and your connection.`;
  }
  if (error instanceof APIError) {
    const id = error.requestID ? ` Request id ${error.requestID}.` : '';
    const body = error.error as { message?: unknown } | undefined;
    const raw = typeof body?.message === 'string' ? body.message : error.message.replace(/^\d{3}\s+/, '');
    const message = clean(raw || 'no message');
    const status = error.status;
    if (status === 401) return `The API refused the key (401); set a valid key with Toolcall: Set API Key or OPENAI_API_KEY.${id}`;
    if (status === 403) return `The key is not allowed to do this (403): ${message}.${id}`;
    if (status === 404) return `Not found (404): ${message}.${id}`;
    if (status === 429) return `Rate limited or out of quota (429): ${message}; try again later.${id}`;
    if (typeof status === 'number' && status >= 500) return `The service failed (${status}): ${message}; try again later.${id}`;
    if (typeof status === 'number') return `The API rejected the request (${status}${error.param ? `, ${error.param}` : ''}): ${message}.${id}`;
    return `The API request failed: ${message}.${id}`;
  }
  if (error instanceof Error) return clean(error.message) + '.';
  return clean(String(error)) + '.';
}
