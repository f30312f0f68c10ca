// The client an evaluation uses for one model, and the key that goes with it. Which kind of
// key is decided in core/eval/endpoint.ts: the key of Set API Key only on the jobs endpoint
// (toolcall.openai.baseUrl), the variable a model entry names, or no key at all.
import * as vscode from 'vscode';
import { baseURLSecrets, displayBaseURL, keySourceFor } from '../../core/eval/endpoint.ts';
import { isLocalBaseURL } from '../../core/eval/pricing.ts';
import { API_KEY_SECRET, createOpenAI, redactSecrets, type OpenAI } from '../../core/openai/client.ts';
import { chooseKey } from '../jobs/connection.ts';
import type { EvalSettings, ModelChoice } from './settings.ts';

/** A client with the secrets to keep out of messages, or one sentence why the model is skipped. */
export type ModelClient = { openai: OpenAI; secrets: string[] } | { skipped: string };

export async function modelClient(choice: ModelChoice, settings: EvalSettings, storage: vscode.SecretStorage, warn: (text: string) => void): Promise<ModelClient> {
  const key = choice.azure ? await azureKey(choice, storage) : await keyFor(choice, settings.jobs.baseURL, storage);
  if (key !== null && typeof key === 'object') return { skipped: `skipped (${key.skipped}).` };
  const secrets = [key ?? '', ...baseURLSecrets(choice.baseURL)];
  const jobs = !choice.azure && keySourceFor({ baseURL: choice.baseURL }, settings.jobs.baseURL).kind === 'stored';
  try {
    const openai = createOpenAI({
      apiKey: key ?? '',
      noAuthorization: key === null,
      baseURL: choice.baseURL,
      ...(choice.azure ? { azure: { apiVersion: choice.azure.apiVersion } } : {}),
      // Organization and project belong to the jobs endpoint's account, so they go only there.
      organization: jobs ? settings.jobs.organization : undefined,
      project: jobs ? settings.jobs.project : undefined,
      maxRetries: 0,
      timeout: settings.timeoutMs,
      logLevel: 'warn',
      log: (_level, t) => warn(t),
    });
    return { openai, secrets };
  } catch (error) {
    return { skipped: redactSecrets((error as Error).message, secrets) };
  }
}

/** An Azure deployment's key: the one stored for that resource, else its variable; never the OpenAI key. */
async function azureKey(choice: ModelChoice, storage: vscode.SecretStorage): Promise<string | { skipped: string }> {
  const key = (await storage.get(choice.azure!.secretName)) || (choice.apiKeyEnv ? process.env[choice.apiKeyEnv] : undefined);
  return key || { skipped: `no key for the Azure resource (Set API Key, or ${choice.apiKeyEnv ?? 'AZURE_OPENAI_API_KEY'})` };
}

/**
 * The key for a model: the variable its entry names; on the jobs endpoint the key of Set API
 * Key, then OPENAI_API_KEY, then one typed for this run (or a placeholder for a local server);
 * on any other endpoint none (null).
 */
async function keyFor(choice: ModelChoice, jobsBaseURL: string, storage: vscode.SecretStorage): Promise<string | null | { skipped: string }> {
  const source = keySourceFor(choice, jobsBaseURL);
  if (source.kind === 'none') return null;
  if (source.kind === 'env') return process.env[source.name] || { skipped: `no key in ${source.name}` };
  const chosen = chooseKey(await storage.get(API_KEY_SECRET), process.env);
  if (chosen) return chosen.key;
  if (isLocalBaseURL(choice.baseURL)) return 'local';
  const typed = await vscode.window.showInputBox({ prompt: `API key for ${choice.model} on ${displayBaseURL(choice.baseURL)} (none stored; run Toolcall: Set API Key to keep one); used for this run only`, password: true, ignoreFocusOut: true });
  return typed || { skipped: 'no key given' };
}
