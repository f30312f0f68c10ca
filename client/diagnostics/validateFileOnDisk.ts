import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import { ValidateFileOnDiskRequest, type ValidateFileOnDiskResult } from '../../core/protocol.ts';
import type { CommandFactory } from '../commandContext.ts';
import { plural } from '../../core/text/plural.ts';

/**
 * Toolcall: Validate File on Disk. The explorer's file, else the active `.jsonl` file, else one
 * picked in a dialog; streamed by the server (any size), with cancellable progress by bytes.
 */
export const validateFileOnDisk: CommandFactory = (ctx) => async (arg?: unknown) => {
  const uri = await pickFile(arg);
  if (!uri) return undefined;
  if (uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('Toolcall Studio validates files on disk only; save the dataset first.');
    return undefined;
  }
  const client = ctx.client();
  const name = path.basename(uri.fsPath);
  let result: ValidateFileOnDiskResult | undefined;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Validating ${name}`, cancellable: true },
      async (progress, token) => {
        const workDoneToken = randomUUID();
        let done = 0;
        const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind === 'end' || value.percentage === undefined) return;
          progress.report({ increment: Math.max(0, value.percentage - done), message: value.message });
          done = Math.max(done, value.percentage);
        });
        try {
          return await client.sendRequest(ValidateFileOnDiskRequest.type, { uri: client.code2ProtocolConverter.asUri(uri), workDoneToken }, token);
        } finally {
          listener.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof vscode.CancellationError) return undefined;
    ctx.output.error(`Validate File on Disk failed for ${uri.fsPath}: ${String(error)}`);
    void vscode.window.showErrorMessage(`Toolcall Studio could not validate ${name}: ${(error as Error)?.message ?? String(error)}`);
    return undefined;
  }
  if (!result || result.cancelled) {
    void vscode.window.showInformationMessage(`Validation of ${name} cancelled.`);
    return result;
  }
  void vscode.window.showInformationMessage(summaryMessage(name, result));
  return result;
};

export function summaryMessage(name: string, r: ValidateFileOnDiskResult): string {
  const problems = r.error + r.warning + r.info;
  const counts = `${plural(r.lines, 'line')}, ${plural(r.examples, 'example')}: ${plural(r.error, 'error')}, ${plural(r.warning, 'warning')}, ${plural(r.info, 'info')}`;
  return problems === 0 ? `${name}: ${counts}. No problems found.` : `${name}: ${counts} (see the Problems panel).`;
}

async function pickFile(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.languageId === 'jsonl' || active.uri.path.endsWith('.jsonl')) && active.uri.scheme === 'file') {
    // The server reads the disk, so unsaved edits would be ignored: say so instead of surprising.
    if (active.isDirty) {
      const choice = await vscode.window.showWarningMessage(`${path.basename(active.uri.fsPath)} has unsaved changes; the file on disk will be validated.`, 'Save and Validate', 'Validate on Disk');
      if (!choice) return undefined;
      if (choice === 'Save and Validate') await active.save();
    }
    return active.uri;
  }
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Validate', filters: { 'JSON Lines': ['jsonl'] } });
  return picked?.[0];
}
