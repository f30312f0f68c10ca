// Where the extension sends the key (threat 7): only values from the user's own settings
// count. A workspace's `.vscode/settings.json` comes with the repository, so a base URL
// there could send the key to someone else's server; `inspect()` separates the levels and
// only `globalValue` is read, whatever the manifest scope says. Pure: no `vscode`.
import { API_KEY_SECRET, DEFAULT_AZURE_API_VERSION, DEFAULT_BASE_URL, type LogLevel, type OpenAIConnection } from '../../core/openai/client.ts';

/** The shape of `WorkspaceConfiguration.inspect()` this module reads. */
export interface Inspected<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** What `workspace.getConfiguration('toolcall.openai')` (and `toolcall.azure`) provide, as plain data. */
export interface EndpointSettings {
  baseUrl?: Inspected<unknown>;
  organization?: Inspected<unknown>;
  project?: Inspected<unknown>;
  /** `toolcall.azure.endpoint`: set, jobs go to that Azure OpenAI resource instead. */
  azureEndpoint?: Inspected<unknown>;
  azureApiVersion?: Inspected<unknown>;
}

/** Where uploads and jobs go, and which stored key (and environment variable) belongs to it. */
export type Endpoint =
  | { kind: 'openai'; baseURL: string; secretName: string; envName: 'OPENAI_API_KEY' }
  | { kind: 'azure'; baseURL: string; apiVersion: string; secretName: string; envName: 'AZURE_OPENAI_API_KEY' };

/** SecretStorage key of the OpenAI API key. */
export const OPENAI_SECRET = API_KEY_SECRET;

/** An Azure key is stored per resource (`toolcall.azure.apiKey@https://name.openai.azure.com`): it only ever goes to that resource. */
export function azureSecretName(endpoint: string): string {
  let origin = endpoint;
  try {
    origin = new URL(endpoint).origin;
  } catch {
    // an invalid URL is refused by createOpenAI; its key name stays distinct
  }
  return `toolcall.azure.apiKey@${origin}`;
}

/** The endpoint from user settings only: the Azure resource when `toolcall.azure.endpoint` is set, else OpenAI (or its base URL). */
export function endpointFor(settings: EndpointSettings): Endpoint {
  const azure = userValue(settings.azureEndpoint);
  if (azure) return { kind: 'azure', baseURL: azure, apiVersion: userValue(settings.azureApiVersion) ?? DEFAULT_AZURE_API_VERSION, secretName: azureSecretName(azure), envName: 'AZURE_OPENAI_API_KEY' };
  return { kind: 'openai', baseURL: userValue(settings.baseUrl) ?? DEFAULT_BASE_URL, secretName: OPENAI_SECRET, envName: 'OPENAI_API_KEY' };
}

/** How the endpoint is named to the user: `OpenAI (https://api.openai.com/v1)` or `Azure OpenAI (https://name.openai.azure.com)`. */
export function endpointLabel(endpoint: Endpoint): string {
  return `${endpoint.kind === 'azure' ? 'Azure OpenAI' : 'OpenAI'} (${endpoint.baseURL})`;
}

/** The user-level value only; blank or non-string -> undefined. */
export function userValue(inspected: Inspected<unknown> | undefined): string | undefined {
  const value = inspected?.globalValue;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** No key for `endpoint`: the sentence says how to set one. */
export function missingKeyMessage(endpoint: Endpoint): string {
  return `No API key for ${endpointLabel(endpoint)}: run Toolcall: Set API Key, or set the ${endpoint.envName} environment variable.`;
}

/** Connection for createOpenAI: base URL, organization and project from user settings only. */
export function connectionFor(apiKey: string, settings: EndpointSettings, log: { level: LogLevel; sink: OpenAIConnection['log'] }): OpenAIConnection {
  const endpoint = endpointFor(settings);
  if (endpoint.kind === 'azure') return { apiKey, baseURL: endpoint.baseURL, azure: { apiVersion: endpoint.apiVersion }, logLevel: log.level, log: log.sink, maxRetries: 2 };
  return {
    apiKey,
    baseURL: endpoint.baseURL,
    organization: userValue(settings.organization),
    project: userValue(settings.project),
    logLevel: log.level,
    log: log.sink,
    maxRetries: 2,
  };
}

/** Where the key comes from: the secret store first, then the environment (`OPENAI_API_KEY`, or `AZURE_OPENAI_API_KEY` for Azure). */
export function chooseKey(stored: string | undefined, env: Record<string, string | undefined>, envName: Endpoint['envName'] = 'OPENAI_API_KEY'): { key: string; source: string } | undefined {
  if (stored && stored.trim() !== '') return { key: stored.trim(), source: 'secret storage' };
  const fromEnv = env[envName];
  if (fromEnv && fromEnv.trim() !== '') return { key: fromEnv.trim(), source: envName };
  return undefined;
}

/** A pasted key: trimmed; one sentence when it cannot be a key. */
export function validateKeyInput(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'Paste the API key.';
  if (/\s/.test(t)) return 'An API key has no spaces or line breaks.';
  return undefined;
}
