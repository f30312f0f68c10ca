import * as vscode from 'vscode';
import { EVALUATE_COMMAND, jobsController, type JobsController } from './controller.ts';
import type { JobNode } from './treeProvider.ts';
import { isActive } from '../../core/jobs/watch.ts';
import type { CommandFactory } from '../commandContext.ts';

/** The job a command acts on: a view node, a job id, or one picked from the list. */
async function targetJob(jobs: JobsController, arg: unknown, filter: (status: string) => boolean, placeHolder: string): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'jobId' in arg && typeof (arg as JobNode & { jobId: unknown }).jobId === 'string') return (arg as { jobId: string }).jobId;
  const items = jobs.store
    .list()
    .filter((j) => filter(j.status))
    .map((j) => ({ label: j.id, description: `${j.status} · ${j.model}`, detail: j.fine_tuned_model ?? undefined }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Toolcall Studio: no matching fine-tuning job in the Fine-tuning Jobs view (refresh it first).');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.label;
}

/** Toolcall: Refresh Fine-tuning Jobs. */
export const refreshJobs: CommandFactory = (ctx) => async () => {
  const jobs = jobsController(ctx);
  try {
    await jobs.refresh();
    return jobs.store.list().length;
  } catch (error) {
    void vscode.window.showErrorMessage(`Toolcall Studio could not list fine-tuning jobs: ${jobs.describe(error)}`);
    return undefined;
  }
};

/** Toolcall: Cancel Fine-tuning Job. */
export const cancelJob: CommandFactory = (ctx) => async (arg?: unknown) => {
  const jobs = jobsController(ctx);
  const jobId = await targetJob(jobs, arg, isActive, 'Job to cancel');
  if (!jobId) return undefined;
  const confirm = await vscode.window.showWarningMessage(`Cancel fine-tuning job ${jobId}? Training done so far is still billed.`, { modal: true }, 'Cancel Job');
  if (confirm !== 'Cancel Job') return undefined;
  try {
    const job = await jobs.store.cancel(jobId);
    jobs.log.info(`Cancelled ${jobId} (status: ${job.status}).`);
    return job.status;
  } catch (error) {
    const text = jobs.describe(error);
    jobs.log.error(`Cancelling ${jobId}: ${text}`);
    void vscode.window.showErrorMessage(`Toolcall Studio could not cancel ${jobId}: ${text}`);
    return undefined;
  }
};

/** Toolcall: Copy Fine-tuned Model Id. */
export const copyModelId: CommandFactory = (ctx) => async (arg?: unknown) => {
  const jobs = jobsController(ctx);
  const jobId = await targetJob(jobs, arg, (s) => s === 'succeeded', 'Job whose model id to copy');
  const model = jobId ? jobs.store.get(jobId)?.fine_tuned_model : undefined;
  if (!model) {
    if (jobId) void vscode.window.showInformationMessage(`Toolcall Studio: job ${jobId} has no fine-tuned model yet.`);
    return undefined;
  }
  await vscode.env.clipboard.writeText(model);
  void vscode.window.showInformationMessage(`Copied ${model}.`);
  return model;
};

/** Toolcall: Show Job Events (in the output channel). */
export const showJobEvents: CommandFactory = (ctx) => async (arg?: unknown) => {
  const jobs = jobsController(ctx);
  const jobId = await targetJob(jobs, arg, () => true, 'Job whose events to show');
  if (!jobId) return;
  try {
    await jobs.showEvents(jobId);
  } catch (error) {
    void vscode.window.showErrorMessage(`Toolcall Studio could not fetch the events of ${jobId}: ${jobs.describe(error)}`);
  }
};

/** Toolcall: Evaluate This Model: hands the fine-tuned model to the evaluation command when it exists. */
export const evaluateModel: CommandFactory = (ctx) => async (arg?: unknown) => {
  const jobs = jobsController(ctx);
  const jobId = await targetJob(jobs, arg, (s) => s === 'succeeded', 'Job whose model to evaluate');
  const model = jobId ? jobs.store.get(jobId)?.fine_tuned_model : undefined;
  if (!model) {
    if (jobId) void vscode.window.showInformationMessage(`Toolcall Studio: job ${jobId} has no fine-tuned model to evaluate.`);
    return undefined;
  }
  const commands = await vscode.commands.getCommands(true);
  if (!commands.includes(EVALUATE_COMMAND)) {
    void vscode.window.showInformationMessage(`Toolcall Studio: model evaluation is not available in this version. The model id is ${model}.`, 'Copy Model Id').then((choice) => {
      if (choice) void vscode.env.clipboard.writeText(model);
    });
    return undefined;
  }
  // A dataset handed with the job (scripts, tests) skips the eval set picker.
  const dataset = arg && typeof arg === 'object' && (arg as { dataset?: unknown }).dataset instanceof vscode.Uri ? (arg as { dataset: vscode.Uri }).dataset : undefined;
  return vscode.commands.executeCommand(EVALUATE_COMMAND, { model, fromJob: true, ...(dataset ? { dataset } : {}) });
};
