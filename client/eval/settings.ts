// The evaluation settings. Endpoints (base URLs) are application-scoped in the manifest,
// so a workspace cannot redirect requests (and the key) to another host (threat 7).
import * as vscode from 'vscode';
import { DEFAULT_PRICES, parsePriceTable, type PriceTable } from '../../core/eval/pricing.ts';
import { DEFAULT_BASE_URL, type AzureOptions } from '../../core/openai/client.ts';
import { CONTENT_CALL_FORMATS, type ContentCallFormat } from '../../core/eval/normalizeAnswer.ts';
import { endpointFor, userValue } from '../jobs/connection.ts';

/** One model the Run Evaluation picker offers. */
export interface ModelChoice {
  model: string;
  baseURL: string;
  /** Environment variable with the key; default OPENAI_API_KEY (Azure: AZURE_OPENAI_API_KEY). */
  apiKeyEnv: string;
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
  autojunk: boolean;
  /** Problems with the settings, one sentence each (shown, not thrown). */
  problems: string[];
}

export function readEvalSettings(): EvalSettings {
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
      baseURL: typeof e.baseURL === 'string' && e.baseURL ? e.baseURL : DEFAULT_BASE_URL,
      apiKeyEnv: typeof e.apiKeyEnv === 'string' && e.apiKeyEnv ? e.apiKeyEnv : 'OPENAI_API_KEY',
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
  return { models, prices, concurrency, autojunk: config.get<boolean>('autojunk') ?? true, problems };
}
