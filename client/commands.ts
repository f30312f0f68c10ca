// The command registry: every command id (as in package.json) to its factory, each feature
// module loaded on first use. Features import their context from ./commandContext.ts.
import type { CommandFactory } from './commandContext.ts';

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
  'toolcall.restartServer': lazy(() => (require('./diagnostics/restartServer.ts') as typeof import('./diagnostics/restartServer.ts')).restartServer),
  'toolcall.validateFileOnDisk': lazy(() => (require('./diagnostics/validateFileOnDisk.ts') as typeof import('./diagnostics/validateFileOnDisk.ts')).validateFileOnDisk),
  'toolcall.editExampleAsJson': lazy(() => (require('./authoring/editAsJson.ts') as typeof import('./authoring/editAsJson.ts')).editAsJson),
  'toolcall.setApiKey': lazy(() => (require('./jobs/apiKey.ts') as typeof import('./jobs/apiKey.ts')).setApiKey),
  'toolcall.clearApiKey': lazy(() => (require('./jobs/apiKey.ts') as typeof import('./jobs/apiKey.ts')).clearApiKey),
  'toolcall.launchJob': lazy(() => (require('./jobs/launchJob.ts') as typeof import('./jobs/launchJob.ts')).launchJob),
  'toolcall.jobs.refresh': lazy(() => (require('./jobs/jobActions.ts') as typeof import('./jobs/jobActions.ts')).refreshJobs),
  'toolcall.jobs.cancel': lazy(() => (require('./jobs/jobActions.ts') as typeof import('./jobs/jobActions.ts')).cancelJob),
  'toolcall.jobs.copyModelId': lazy(() => (require('./jobs/jobActions.ts') as typeof import('./jobs/jobActions.ts')).copyModelId),
  'toolcall.jobs.showEvents': lazy(() => (require('./jobs/jobActions.ts') as typeof import('./jobs/jobActions.ts')).showJobEvents),
  'toolcall.jobs.evaluate': lazy(() => (require('./jobs/jobActions.ts') as typeof import('./jobs/jobActions.ts')).evaluateModel),
  'toolcall.runEvaluation': lazy(() => (require('./eval/runEvaluation.ts') as typeof import('./eval/runEvaluation.ts')).runEvaluation),
  'toolcall.compareEvaluationResults': lazy(() => (require('./eval/compareResults.ts') as typeof import('./eval/compareResults.ts')).compareResults),
  'toolcall.extractTools': lazy(() => (require('./tools/extractTools.ts') as typeof import('./tools/extractTools.ts')).extractToolsCommand),
  'toolcall.applyToolsFile': lazy(() => (require('./tools/applyToolsFile.ts') as typeof import('./tools/applyToolsFile.ts')).applyToolsFileCommand),
  'toolcall.inferParametersSchema': lazy(() => (require('./tools/inferParametersSchema.ts') as typeof import('./tools/inferParametersSchema.ts')).inferParametersSchemaCommand),
  'toolcall.importToolsFromMcp': lazy(() => (require('./toolSources/importFromMcp.ts') as typeof import('./toolSources/importFromMcp.ts')).importFromMcp),
  'toolcall.importToolsFromOpenApi': lazy(() => (require('./toolSources/importFromOpenApi.ts') as typeof import('./toolSources/importFromOpenApi.ts')).importFromOpenApi),
  'toolcall.checkToolsDrift': lazy(() => (require('./toolSources/drift.ts') as typeof import('./toolSources/drift.ts')).checkToolsDrift),
  'toolcall.refreshToolsFromSources': lazy(() => (require('./toolSources/refresh.ts') as typeof import('./toolSources/refresh.ts')).refreshFromSources),
  'toolcall.showReport': lazy(() => (require('./insights/showReport.ts') as typeof import('./insights/showReport.ts')).showReport),
  'toolcall.splitDataset': lazy(() => (require('./insights/splitDataset.ts') as typeof import('./insights/splitDataset.ts')).splitDatasetCommand),
  'toolcall.convertDataset': lazy(() => (require('./openModel/convertDataset.ts') as typeof import('./openModel/convertDataset.ts')).convertDatasetCommand),
  'toolcall.previewTrainingText': lazy(() => (require('./openModel/previewTrainingText.ts') as typeof import('./openModel/previewTrainingText.ts')).previewTrainingTextCommand),
};
