// A tiny route table: each API area file returns its routes; the server picks one by
// method and path and hands it a context that reads the body on demand.
import type { IncomingMessage } from 'node:http';
import type { MultipartBody } from './body.ts';
import type { IdMaker, RecordedRequest, ServerState } from './state.ts';
import type { JsonObject } from './validate.ts';

/** What a handler may use: path params, query, and lazy body readers. */
export interface RouteContext {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
  record: RecordedRequest;
  /** Azure mode: the deployment named in the path; it stands for the model. */
  deployment?: string;
  json(): Promise<JsonObject>;
  multipart(): Promise<MultipartBody>;
}

/** A successful answer: JSON, or raw bytes (file content). */
export type Reply =
  | { status?: number; json: unknown }
  | { status?: number; body: Buffer; contentType: string };

export interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: RouteContext): Reply | Promise<Reply>;
}

/** Shared by all API areas: state, ids, the clock and limits. */
export interface ServerEnv {
  state: ServerState;
  ids: IdMaker;
  /** The server's clock in milliseconds (injectable for tests). */
  now(): number;
  limits: { jsonBytes: number; fileBytes: number; partBytes: number; uploadBytes: number };
  /** Organization slug in fine-tuned model names: `ft:<model>:<organization>:<suffix>:<id>`. */
  organization: string;
  organizationId: string;
}

/** Unix seconds, the unit of every `created_at` in the API. */
export function seconds(env: ServerEnv): number {
  return Math.floor(env.now() / 1000);
}

/** `route('GET', '/v1/files/:file_id', handler)`; params match one path segment. */
export function route(method: string, path: string, handle: Route['handle']): Route {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? `(?<${segment.slice(1)}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { method, pattern: new RegExp(`^${source}/?$`), handle };
}

/** The route for this request, or undefined (the server answers "Invalid URL"). */
export function findRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const r of routes) {
    if (r.method !== method) continue;
    const match = r.pattern.exec(path);
    if (match) {
      const params: Record<string, string> = {};
      for (const [key, value] of Object.entries(match.groups ?? {})) params[key] = decodeURIComponent(value);
      return { route: r, params };
    }
  }
  return undefined;
}
