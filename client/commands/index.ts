import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
/** What a command may use. */
export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  client(): LanguageClient;
  /** Called after the server restarted (the status bar forgets stale counts). */
  onRestarted(): void;
}

export type CommandFactory = (ctx: CommandContext) => (...args: any[]) => unknown;

/**
 * A factory whose module is loaded on the command's first invocation (a `require` esbuild bundles
 * lazily: the module's top level runs only then), so activation runs only what it needs.
 */
function lazy(load: () => CommandFactory): CommandFactory {
  return (ctx) => {
    let run: ((...args: any[]) => unknown) | undefined;
    return (...args) => (run ??= load()(ctx))(...args);
  };
}

/** Every command of the extension, by id (as in package.json `contributes.commands`). */
export const COMMANDS: Record<string, CommandFactory> = {
  'toolcall.restartServer': lazy(() => (require('./restartServer.ts') as typeof import('./restartServer.ts')).restartServer),
  'toolcall.validateFileOnDisk': lazy(() => (require('./validateFileOnDisk.ts') as typeof import('./validateFileOnDisk.ts')).validateFileOnDisk),
  'toolcall.editExampleAsJson': lazy(() => (require('./editAsJson.ts') as typeof import('./editAsJson.ts')).editAsJson),
  'toolcall.setApiKey': lazy(() => (require('./apiKey.ts') as typeof import('./apiKey.ts')).setApiKey),
  'toolcall.clearApiKey': lazy(() => (require('./apiKey.ts') as typeof import('./apiKey.ts')).clearApiKey),
  'toolcall.launchJob': lazy(() => (require('./launchJob.ts') as typeof import('./launchJob.ts')).launchJob),
  'toolcall.jobs.refresh': lazy(() => (require('./jobActions.ts') as typeof import('./jobActions.ts')).refreshJobs),
  'toolcall.jobs.cancel': lazy(() => (require('./jobActions.ts') as typeof import('./jobActions.ts')).cancelJob),
  'toolcall.jobs.copyModelId': lazy(() => (require('./jobActions.ts') as typeof import('./jobActions.ts')).copyModelId),
  'toolcall.jobs.showEvents': lazy(() => (require('./jobActions.ts') as typeof import('./jobActions.ts')).showJobEvents),
  'toolcall.jobs.evaluate': lazy(() => (require('./jobActions.ts') as typeof import('./jobActions.ts')).evaluateModel),
  'toolcall.runEvaluation': lazy(() => (require('../eval/runEvaluation.ts') as typeof import('../eval/runEvaluation.ts')).runEvaluation),
  'toolcall.compareEvaluationResults': lazy(() => (require('../eval/compareResults.ts') as typeof import('../eval/compareResults.ts')).compareResults),
  'toolcall.extractTools': lazy(() => (require('../tools/extractTools.ts') as typeof import('../tools/extractTools.ts')).extractToolsCommand),
  'toolcall.applyToolsFile': lazy(() => (require('../tools/applyToolsFile.ts') as typeof import('../tools/applyToolsFile.ts')).applyToolsFileCommand),
  'toolcall.inferParametersSchema': lazy(() => (require('../tools/inferParametersSchema.ts') as typeof import('../tools/inferParametersSchema.ts')).inferParametersSchemaCommand),
  'toolcall.showReport': lazy(() => (require('../insights/showReport.ts') as typeof import('../insights/showReport.ts')).showReport),
  'toolcall.splitDataset': lazy(() => (require('../insights/splitDataset.ts') as typeof import('../insights/splitDataset.ts')).splitDatasetCommand),
  'toolcall.convertDataset': lazy(() => (require('../openModel/convertDataset.ts') as typeof import('../openModel/convertDataset.ts')).convertDatasetCommand),
  'toolcall.previewTrainingText': lazy(() => (require('../openModel/previewTrainingText.ts') as typeof import('../openModel/previewTrainingText.ts')).previewTrainingTextCommand),
};
