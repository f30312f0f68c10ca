// Where the extension sends the key (threat 7): only values from the user's own settings
// count. A workspace's `.vscode/settings.json` comes with the repository, so a base URL
// there could send the key to someone else's server; `inspect()` separates the levels and
// only `globalValue` is read, whatever the manifest scope says. Pure: no `vscode`.
import { DEFAULT_BASE_URL, type LogLevel, type OpenAIConnection } from '../../core/openai/client.ts';

/** The shape of `WorkspaceConfiguration.inspect()` this module reads. */
export interface Inspected<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** What `workspace.getConfiguration('toolcall.openai')` provides, as plain data. */
export interface EndpointSettings {
  baseUrl?: Inspected<unknown>;
  organization?: Inspected<unknown>;
  project?: Inspected<unknown>;
}

/** The user-level value only; blank or non-string -> undefined. */
export function userValue(inspected: Inspected<unknown> | undefined): string | undefined {
  const value = inspected?.globalValue;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Connection for createOpenAI: base URL, organization and project from user settings only. */
export function connectionFor(apiKey: string, settings: EndpointSettings, log: { level: LogLevel; sink: OpenAIConnection['log'] }): OpenAIConnection {
  return {
    apiKey,
    baseURL: userValue(settings.baseUrl) ?? DEFAULT_BASE_URL,
    organization: userValue(settings.organization),
    project: userValue(settings.project),
    logLevel: log.level,
    log: log.sink,
    maxRetries: 2,
  };
}

/** Where the key comes from: the secret store first, then the environment. */
export function chooseKey(stored: string | undefined, env: Record<string, string | undefined>): { key: string; source: 'secret storage' | 'OPENAI_API_KEY' } | undefined {
  if (stored && stored.trim() !== '') return { key: stored.trim(), source: 'secret storage' };
  const fromEnv = env['OPENAI_API_KEY'];
  if (fromEnv && fromEnv.trim() !== '') return { key: fromEnv.trim(), source: 'OPENAI_API_KEY' };
  return undefined;
}

/** A pasted key: trimmed; one sentence when it cannot be a key. */
export function validateKeyInput(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'Paste the API key (it starts with sk-).';
  if (/\s/.test(t)) return 'An API key has no spaces or line breaks.';
  return undefined;
}
