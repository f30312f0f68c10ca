// Toolcall: Find Fine-tuning Job by Idempotency Token. After a launch whose create got no clear
// answer, the job may exist but be listed only later (eventual consistency): this looks the
// token up once, adds a found job to the view, and never creates anything.
import * as vscode from 'vscode';
import { findJobByToken, JOB_SCAN_LIMIT } from '../../core/jobs/create.ts';
import { jobsController } from './controller.ts';
import type { CommandFactory } from '../commandContext.ts';

/** What the command found: the job id, or nothing (also when cancelled or refused). */
export type FindJobOutcome = { status: 'found'; jobId: string } | { status: 'not-found' } | { status: 'cancelled' } | { status: 'failed'; message: string };

export const findJobByTokenCommand: CommandFactory = (ctx) => async (arg?: unknown): Promise<FindJobOutcome> => {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Toolcall Studio: looking up fine-tuning jobs needs a trusted workspace.');
    return { status: 'cancelled' };
  }
  const jobs = jobsController(ctx);
  const latest = jobs.pending.get().at(-1)?.token;
  const token = typeof arg === 'string' && arg.trim() !== '' ? arg.trim() : (await vscode.window.showInputBox({ title: 'Idempotency token of the launch', value: latest, prompt: 'Printed by the launch that had no clear outcome.' }))?.trim();
  if (!token) return { status: 'cancelled' };
  try {
    const openai = await jobs.connect();
    const job = await findJobByToken(openai, token);
    if (!job) {
      const message = `No job carries the idempotency token ${token} among the ${JOB_SCAN_LIMIT} newest; the service may list a new job only after a while, so look again later before launching again.`;
      jobs.log.info(message);
      void vscode.window.showWarningMessage(`Toolcall Studio: ${message}`);
      return { status: 'not-found' };
    }
    jobs.log.info(`The idempotency token ${token} belongs to fine-tuning job ${job.id} (${job.status}).`);
    jobs.store.add(job, openai);
    const launch = jobs.pending.get().find((p) => p.token === token);
    if (launch) {
      await jobs.recordLaunch(job.id, { training: vscode.Uri.file(launch.training).toString(), validation: launch.validation ? vscode.Uri.file(launch.validation).toString() : undefined });
      await jobs.pending.set(jobs.pending.get().filter((p) => p.token !== token));
    }
    void jobs.reveal(job.id);
    void vscode.window.showInformationMessage(`Toolcall Studio: the token ${token} belongs to fine-tuning job ${job.id} (${job.status}); it is in the Fine-tuning Jobs view.`);
    return { status: 'found', jobId: job.id };
  } catch (error) {
    const message = jobs.describe(error);
    jobs.log.error(`Looking up the idempotency token ${token}: ${message}`);
    void vscode.window.showErrorMessage(`Toolcall Studio could not look up the token ${token}: ${message}`);
    return { status: 'failed', message };
  }
};
