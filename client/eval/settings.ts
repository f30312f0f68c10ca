// The evaluation settings. Endpoints (base URLs) are application-scoped in the manifest,
// so a workspace cannot redirect requests (and the key) to another host (threat 7).
import * as vscode from 'vscode';
import { DEFAULT_PRICES, parsePriceTable, type PriceTable } from '../../core/eval/pricing.ts';
import { DEFAULT_BASE_URL, type AzureOptions } from '../../core/openai/client.ts';
import { endpointFor, userValue } from '../jobs/connection.ts';
import { CONTENT_CALL_FORMATS, type ContentCallFormat } from '../../core/eval/normalizeAnswer.ts';

/** One model the Run Evaluation picker offers. */
export interface ModelChoice {
  model: string;
  /** The endpoint; entries without one use the jobs endpoint. */
  baseURL: string;
  /** Environment variable with the key; absent: the stored key on the jobs endpoint, no key elsewhere (core/eval/endpoint.ts). Azure: AZURE_OPENAI_API_KEY. */
  apiKeyEnv?: string;
  /** `"azure": true`: a deployment of the Azure OpenAI resource of toolcall.azure.endpoint (baseURL), with its own stored key. */
  azure?: AzureOptions & { secretName: string };
  /** Read calls the server leaves as text in the content. */
  parseContentCalls?: ContentCallFormat;
}

/** The settings of `toolcall.eval.*`, checked. */
export interface EvalSettings {
  models: ModelChoice[];
  prices: PriceTable;
  concurrency: number;
  /** Per-request timeout in ms. */
  timeoutMs: number;
  autojunk: boolean;
  /** The jobs endpoint (toolcall.openai.*, user settings only): where the stored key may go. */
  jobs: { baseURL: string; organization?: string; project?: string };
  /** Problems with the settings, one sentence each (shown, not thrown). */
  problems: string[];
}

export function readEvalSettings(): EvalSettings {
  const openai = vscode.workspace.getConfiguration('toolcall.openai');
  const jobs = {
    baseURL: userValue(openai.inspect('baseUrl')) ?? DEFAULT_BASE_URL,
    organization: userValue(openai.inspect('organization')),
    project: userValue(openai.inspect('project')),
  };
  const config = vscode.workspace.getConfiguration('toolcall.eval');
  const problems: string[] = [];
  const models: ModelChoice[] = [];
  const raw = config.get<unknown>('models');
  for (const entry of Array.isArray(raw) ? raw : []) {
    const e = typeof entry === 'string' ? { model: entry } : (entry as Record<string, unknown> | null);
    if (!e || typeof e.model !== 'string' || e.model === '') {
      problems.push('Each entry of toolcall.eval.models must be a model name or {"model", "baseURL"?, "apiKeyEnv"?}.');
      continue;
    }
    if (e.azure === true) {
      // The resource and its key come from user settings only, as for jobs.
      const azure = vscode.workspace.getConfiguration('toolcall.azure');
      const endpoint = endpointFor({ azureEndpoint: azure.inspect('endpoint'), azureApiVersion: azure.inspect('apiVersion') });
      if (endpoint.kind !== 'azure' || !userValue(azure.inspect('endpoint'))) {
        problems.push(`toolcall.eval.models: "${e.model}" is an Azure deployment, but toolcall.azure.endpoint is not set in your user settings.`);
        continue;
      }
      models.push({ model: e.model, baseURL: endpoint.baseURL, apiKeyEnv: endpoint.envName, azure: { apiVersion: endpoint.apiVersion, secretName: endpoint.secretName } });
      continue;
    }
    const choice: ModelChoice = {
      model: e.model,
      baseURL: typeof e.baseURL === 'string' && e.baseURL ? e.baseURL : jobs.baseURL,
      ...(typeof e.apiKeyEnv === 'string' && e.apiKeyEnv ? { apiKeyEnv: e.apiKeyEnv } : {}),
    };
    if ((CONTENT_CALL_FORMATS as readonly unknown[]).includes(e.parseContentCalls)) choice.parseContentCalls = e.parseContentCalls as ContentCallFormat;
    else if (e.parseContentCalls !== undefined) problems.push(`toolcall.eval.models: "parseContentCalls" of ${e.model} must be ${CONTENT_CALL_FORMATS.join(' or ')}.`);
    models.push(choice);
  }
  let prices: PriceTable = DEFAULT_PRICES;
  try {
    prices = { ...DEFAULT_PRICES, ...parsePriceTable(config.get<unknown>('prices') ?? {}) };
  } catch (error) {
    problems.push(`toolcall.eval.prices: ${(error as Error).message}`);
  }
  const concurrency = Math.max(1, Math.min(64, Math.floor(config.get<number>('concurrency') ?? 4)));
  const timeoutMs = Math.max(1, Math.min(3600, config.get<number>('timeoutSeconds') ?? 60)) * 1000;
  return { models, prices, concurrency, timeoutMs, autojunk: config.get<boolean>('autojunk') ?? true, jobs, problems };
}
