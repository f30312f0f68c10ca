// The Azure OpenAI shape of the same API (option `azure`): paths under `/openai` instead of
// `/v1`, an `api-version` query parameter on every request, the key in an `api-key` header
// (never Bearer), and chat completions addressed to a deployment in the path
// (`/openai/deployments/NAME/chat/completions`), whose name is the model the script answers as.
import { ApiError } from './apiError.ts';
import type { AuthOutcome } from './state.ts';
import type { KeyPolicy } from './auth.ts';

export interface AzureModeOptions {
  /** Accepted `api-version` values; default AZURE_API_VERSIONS. */
  apiVersions?: readonly string[];
}

/** Versions accepted by default: a GA version and a preview. */
export const AZURE_API_VERSIONS: readonly string[] = ['2024-10-21', '2025-04-01-preview'];

/** The OpenAI-shaped path an Azure request maps to, and the deployment it names (chat only). */
export interface AzureRoute {
  path: string;
  deployment?: string;
}

/** Maps an Azure path and query to the `/v1` route; an ApiError for a path or version Azure would refuse. */
export function azureRoute(pathname: string, query: URLSearchParams, options: AzureModeOptions): AzureRoute | ApiError {
  const versions = options.apiVersions ?? AZURE_API_VERSIONS;
  const version = query.get('api-version');
  if (!version) return new ApiError(404, 'Resource not found', { code: '404' });
  if (!versions.includes(version)) return new ApiError(400, `Unsupported api-version ${version}; supported: ${versions.join(', ')}.`, { code: 'BadRequest' });
  const deployment = /^\/openai\/deployments\/([^/]+)(\/chat\/completions)\/?$/.exec(pathname);
  if (deployment) return { path: `/v1${deployment[2]}`, deployment: decodeURIComponent(deployment[1]!) };
  if (/^\/openai\/(files|uploads|fine_tuning)(\/|$)/.test(pathname)) return { path: `/v1${pathname.slice('/openai'.length)}` };
  return new ApiError(404, 'Resource not found', { code: '404' });
}

/** Judges the `api-key` header. A Bearer header alone (an OpenAI client pointed here) is refused. */
export function checkApiKeyHeader(header: string | string[] | undefined, policy: KeyPolicy): { outcome: AuthOutcome; error?: ApiError } {
  const key = (Array.isArray(header) ? header[0] : header)?.trim();
  const denied = new ApiError(401, 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.', { code: '401' });
  if (!key) return { outcome: 'missing', error: denied };
  const accepted = typeof policy === 'function' ? policy(key) : policy.includes(key);
  return accepted ? { outcome: 'accepted' } : { outcome: 'rejected', error: denied };
}
