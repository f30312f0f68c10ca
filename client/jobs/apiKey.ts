import * as vscode from 'vscode';
import { endpointLabel, validateKeyInput } from './connection.ts';
import { jobsController } from './controller.ts';
import type { CommandFactory } from '../commandContext.ts';

/** Toolcall: Set API Key. Stored in SecretStorage only; never echoed, logged or put in settings. */
export const setApiKey: CommandFactory = (ctx) => async () => {
  const jobs = jobsController(ctx);
  const endpoint = endpointLabel(jobs.endpoint());
  const key = await vscode.window.showInputBox({
    title: 'Toolcall: Set API Key',
    prompt: `API key for ${endpoint}, used for uploads and fine-tuning jobs; kept in the editor's secret storage and sent only there.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: validateKeyInput,
  });
  if (key === undefined) return false;
  await jobs.storeApiKey(key);
  void vscode.window.showInformationMessage(`Toolcall Studio: API key for ${endpoint} saved in secret storage.`);
  return true;
};

/** Toolcall: Clear API Key (of the current endpoint). Its environment variable, if set, is used afterwards. */
export const clearApiKey: CommandFactory = (ctx) => async () => {
  const jobs = jobsController(ctx);
  const endpoint = jobs.endpoint();
  await jobs.clearApiKey();
  const fallback = process.env[endpoint.envName] ? ` ${endpoint.envName} from the environment is used from now on.` : '';
  void vscode.window.showInformationMessage(`Toolcall Studio: API key for ${endpointLabel(endpoint)} removed from secret storage.${fallback}`);
};
