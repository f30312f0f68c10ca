// Asking the language server for a dataset's numbers (it counts off the extension host).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DatasetStatsRequest, type DatasetStatsParams, type DatasetStatsResult } from '../../core/protocol.ts';
import { normalizeInsightSettings, type InsightSettings } from '../../core/stats/reportSettings.ts';

/** `toolcall.tokenLimits`, `toolcall.stats.model`, `toolcall.stats.prices` for a resource. */
export function readInsightSettings(uri?: vscode.Uri): InsightSettings {
  const config = vscode.workspace.getConfiguration('toolcall', uri);
  return normalizeInsightSettings({ tokenLimits: config.get('tokenLimits'), stats: { model: config.get('stats.model'), prices: config.get('stats.prices') } });
}

/** Models the launch picker offers (`toolcall.finetune.models`), for the report's dropdown. */
export function finetuneModels(uri?: vscode.Uri): string[] {
  const models = vscode.workspace.getConfiguration('toolcall.finetune', uri).get<unknown[]>('models');
  return Array.isArray(models) ? models.filter((m): m is string => typeof m === 'string') : [];
}

/** The numbers of `uri` (an open document's current text, else the file on disk). */
export async function requestStats(
  client: LanguageClient,
  uri: vscode.Uri,
  options: Omit<DatasetStatsParams, 'uri' | 'validationUri'> & { validation?: vscode.Uri },
  token?: vscode.CancellationToken,
): Promise<DatasetStatsResult> {
  const params: DatasetStatsParams = {
    uri: client.code2ProtocolConverter.asUri(uri),
    ...(options.model ? { model: options.model } : {}),
    ...(options.detail ? { detail: options.detail } : {}),
    ...(options.validation ? { validationUri: client.code2ProtocolConverter.asUri(options.validation) } : {}),
  };
  return client.sendRequest(DatasetStatsRequest.type, params, token);
}

/** Whether an error only means "asked again meanwhile" (cancelled, or the document changed). */
export function isSuperseded(error: unknown): boolean {
  if (error instanceof vscode.CancellationError) return true;
  const code = (error as { code?: unknown })?.code;
  return code === -32800 || code === -32801; // RequestCancelled, ContentModified
}
