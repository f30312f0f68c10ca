// The cost estimate shown before a fine-tuning job is launched (called from the launch
// command's last step): the language server counts the file on disk for the chosen model.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { costSentence } from '../../core/stats/reportView.ts';
import { requestStats } from './stats.ts';

/** The sentence for `uri` trained on `model`; a failure to count is said, not thrown. */
export async function launchCostSentence(client: LanguageClient, uri: vscode.Uri, model: string): Promise<string> {
  try {
    const result = await requestStats(client, uri, { model, detail: 'summary' });
    return costSentence(result.summary);
  } catch (error) {
    return `Estimated cost: unavailable (${(error as Error)?.message ?? String(error)}).`;
  }
}

/**
 * Shows the estimate and asks to go on (modal) when interactive; scripted launches (`scripted`
 * true) only log it. Answers whether to launch.
 */
export async function confirmLaunchCost(client: LanguageClient, uri: vscode.Uri, model: string, scripted: boolean, log: (text: string) => void): Promise<boolean> {
  const sentence = await launchCostSentence(client, uri, model);
  log(`${path.basename(uri.fsPath)}: ${sentence}`);
  if (scripted) return true;
  const choice = await vscode.window.showInformationMessage(`Launch fine-tuning of ${model} on ${path.basename(uri.fsPath)}?`, { modal: true, detail: sentence }, 'Launch');
  return choice === 'Launch';
}
