import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { restartServer } from './restartServer.ts';
import { validateFileOnDisk } from './validateFileOnDisk.ts';
import { runEvaluation } from '../eval/runEvaluation.ts';
import { compareResults } from '../eval/compareResults.ts';
import { extractToolsCommand } from '../tools/extractTools.ts';
import { applyToolsFileCommand } from '../tools/applyToolsFile.ts';
import { inferParametersSchemaCommand } from '../tools/inferParametersSchema.ts';

/** What a command may use. */
export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  client(): LanguageClient;
  /** Called after the server restarted (the status bar forgets stale counts). */
  onRestarted(): void;
}

export type CommandFactory = (ctx: CommandContext) => (...args: any[]) => unknown;

/** Every command of the extension, by id (as in package.json `contributes.commands`). */
export const COMMANDS: Record<string, CommandFactory> = {
  'toolcall.restartServer': restartServer,
  'toolcall.validateFileOnDisk': validateFileOnDisk,
  'toolcall.runEvaluation': runEvaluation,
  'toolcall.compareEvaluationResults': compareResults,
  'toolcall.extractTools': extractToolsCommand,
  'toolcall.applyToolsFile': applyToolsFileCommand,
  'toolcall.inferParametersSchema': inferParametersSchemaCommand,
};
