import * as vscode from 'vscode';
import { validateKeyInput } from './connection.ts';
import { jobsController } from './controller.ts';
import type { CommandFactory } from '../commandContext.ts';

/** Toolcall: Set API Key. Stored in SecretStorage only; never echoed, logged or put in settings. */
export const setApiKey: CommandFactory = (ctx) => async () => {
  const key = await vscode.window.showInputBox({
    title: 'Toolcall: Set API Key',
    prompt: 'OpenAI API key for uploads and fine-tuning jobs; kept in the editor\'s secret storage.',
    password: true,
    ignoreFocusOut: true,
    validateInput: validateKeyInput,
  });
  if (key === undefined) return false;
  await jobsController(ctx).storeApiKey(key);
  void vscode.window.showInformationMessage('Toolcall Studio: API key saved in secret storage.');
  return true;
};

/** Toolcall: Clear API Key. The OPENAI_API_KEY environment variable, if set, is used afterwards. */
export const clearApiKey: CommandFactory = (ctx) => async () => {
  await jobsController(ctx).clearApiKey();
  const fallback = process.env['OPENAI_API_KEY'] ? ' OPENAI_API_KEY from the environment is used from now on.' : '';
  void vscode.window.showInformationMessage(`Toolcall Studio: API key removed from secret storage.${fallback}`);
};
