import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { restartServer } from './restartServer.ts';
import { validateFileOnDisk } from './validateFileOnDisk.ts';
import { editAsJson } from './editAsJson.ts';
import { clearApiKey, setApiKey } from './apiKey.ts';
import { cancelJob, copyModelId, evaluateModel, refreshJobs, showJobEvents } from './jobActions.ts';
import { launchJob } from './launchJob.ts';
import { runEvaluation } from '../eval/runEvaluation.ts';
import { compareResults } from '../eval/compareResults.ts';
import { extractToolsCommand } from '../tools/extractTools.ts';
import { applyToolsFileCommand } from '../tools/applyToolsFile.ts';
import { inferParametersSchemaCommand } from '../tools/inferParametersSchema.ts';
import { showReport, splitDatasetCommand } from '../insights/index.ts';

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
  'toolcall.editExampleAsJson': editAsJson,
  'toolcall.setApiKey': setApiKey,
  'toolcall.clearApiKey': clearApiKey,
  'toolcall.launchJob': launchJob,
  'toolcall.jobs.refresh': refreshJobs,
  'toolcall.jobs.cancel': cancelJob,
  'toolcall.jobs.copyModelId': copyModelId,
  'toolcall.jobs.showEvents': showJobEvents,
  'toolcall.jobs.evaluate': evaluateModel,
  'toolcall.runEvaluation': runEvaluation,
  'toolcall.compareEvaluationResults': compareResults,
  'toolcall.extractTools': extractToolsCommand,
  'toolcall.applyToolsFile': applyToolsFileCommand,
  'toolcall.inferParametersSchema': inferParametersSchemaCommand,
  'toolcall.showReport': showReport,
  'toolcall.splitDataset': splitDatasetCommand,
};
