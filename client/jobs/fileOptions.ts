// The options a file on disk is validated with in the extension (a launch's preflight, the
// eval-set picker's error counts): what the language server checks it with (severities,
// tools file, token limit), so a file the Problems panel passes is not refused.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../core/protocol.ts';
import { fileValidationOptions } from '../../core/settings/validationSettings.ts';
import type { ValidationOptions } from '../../core/validate.ts';

export function fileOptionsFor(uri: vscode.Uri): ValidationOptions {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri);
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const section = { severity: config.get('severity'), toolsFile: config.get('toolsFile'), tokenLimits: config.get('tokenLimits'), stats: { model: config.get('stats.model'), prices: config.get('stats.prices') } };
  return fileValidationOptions(uri.fsPath, section, folders);
}
