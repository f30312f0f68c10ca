import * as vscode from 'vscode';
import type { CommandFactory } from '../commandContext.ts';

/** Toolcall: Restart Language Server. */
export const restartServer: CommandFactory = (ctx) => async () => {
  try {
    await ctx.client().restart();
    ctx.onRestarted();
    ctx.output.info('Language server restarted.');
  } catch (error) {
    ctx.output.error(`Restart failed: ${String(error)}`);
    void vscode.window.showErrorMessage(`Toolcall Studio: the language server did not restart (${(error as Error)?.message ?? String(error)}).`);
  }
};
