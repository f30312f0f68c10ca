// Moves jobs validating_files -> queued -> running -> succeeded (or failed) one step
// per tick, emitting the events, checkpoints and results the real service produces.
// Ticks come from a timer (`tickMs`) or from `advance()` in deterministic tests.
// Losses and accuracies come from a PRNG seeded with the job's seed: same seed,
// same numbers.
import type { FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import { resolveHyperparameters, type RequestedHyperparameters } from './jobCreate.ts';
import { storeFile } from './files.ts';
import { seconds, type ServerEnv } from './router.ts';
import type { StoredJob } from './state.ts';
import { checkTrainingFile } from './trainingFile.ts';
import { mulberry32 } from '../../core/random.ts';

export interface SimulatorOptions {
  /** Ticks the `running` phase takes; steps are spread evenly over them. */
  trainingTicks: number;
  /** Fewest examples a training file may have (the real service: 10). */
  minExamples: number;
}

const ACTIVE = new Set(['validating_files', 'queued', 'running']);

export class JobSimulator {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly env: ServerEnv,
    private readonly options: SimulatorOptions,
  ) {}

  /** Tick every `ms` milliseconds (0 = only by `advance`). The timer never keeps the process alive. */
  start(ms: number): void {
    if (ms > 0) {
      this.timer = setInterval(() => this.advance(), ms);
      this.timer.unref();
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Record the creation events of a new job. */
  created(job: StoredJob): void {
    this.event(job, 'info', `Created fine-tuning job: ${job.object.id}`);
    this.event(job, 'info', `Validating training file: ${job.object.training_file}`);
    if (job.object.validation_file) this.event(job, 'info', `Validating validation file: ${job.object.validation_file}`);
  }

  /** One step for one job, or for every active job; returns each advanced job's new status. */
  advance(jobId?: string): Record<string, string> {
    const jobs = jobId === undefined ? [...this.env.state.jobs.values()] : [this.env.state.jobs.get(jobId)].filter((j) => j !== undefined);
    if (jobId !== undefined && jobs.length === 0) throw new Error(`no job ${jobId}`);
    const statuses: Record<string, string> = {};
    for (const job of jobs) {
      if (!ACTIVE.has(job.object.status)) continue;
      this.step(job);
      statuses[job.object.id] = job.object.status;
    }
    return statuses;
  }

  /** Advance until the job (or every job) is no longer active. */
  finish(jobId?: string): void {
    for (let i = 0; i < 10_000; i++) {
      const advanced = this.advance(jobId);
      if (Object.values(advanced).every((status) => !ACTIVE.has(status))) return;
    }
  }

  cancel(job: StoredJob): void {
    job.object.status = 'cancelled';
    this.event(job, 'info', 'Fine-tuning job cancelled');
  }

  private step(job: StoredJob): void {
    switch (job.object.status) {
      case 'validating_files':
        return this.validate(job);
      case 'queued':
        job.object.status = 'running';
        this.event(job, 'info', 'Fine-tuning job started');
        return;
      case 'running':
        return this.train(job);
    }
  }

  private validate(job: StoredJob): void {
    const training = this.env.state.files.get(job.object.training_file);
    const result = training
      ? checkTrainingFile(training.content.toString('utf8'), { minExamples: this.options.minExamples, label: 'Training' })
      : { ok: false as const, message: `File ${job.object.training_file} was deleted before it could be validated.` };
    if (!result.ok) return this.fail(job, 'invalid_training_file', result.message, 'training_file');

    if (job.object.validation_file) {
      const validation = this.env.state.files.get(job.object.validation_file);
      const check = validation
        ? checkTrainingFile(validation.content.toString('utf8'), { minExamples: 1, label: 'Validation' })
        : { ok: false as const, message: `File ${job.object.validation_file} was deleted before it could be validated.` };
      if (!check.ok) return this.fail(job, 'invalid_validation_file', check.message, 'validation_file');
    }

    const hp = resolveHyperparameters(job.object.hyperparameters as RequestedHyperparameters, result.examples);
    job.object.hyperparameters = { ...hp };
    job.object.method = { type: 'supervised', supervised: { hyperparameters: { ...hp } } };
    const stepsPerEpoch = Math.ceil(result.examples / hp.batch_size);
    Object.assign(job.sim, {
      stepsPerEpoch,
      nEpochs: hp.n_epochs,
      totalSteps: stepsPerEpoch * hp.n_epochs,
      tokensPerEpoch: result.tokens,
    });
    job.object.status = 'queued';
    this.event(job, 'info', 'Files validated, moving job to queued state');
  }

  private fail(job: StoredJob, code: string, message: string, param: string): void {
    job.object.status = 'failed';
    job.object.error = { code, message, param };
    job.object.finished_at = seconds(this.env);
    this.event(job, 'error', message);
  }

  private train(job: StoredJob): void {
    const sim = job.sim;
    const perTick = Math.ceil(sim.totalSteps / this.options.trainingTicks);
    const last = Math.min(sim.totalSteps, sim.stepsDone + perTick);
    const hasValidation = job.object.validation_file !== null;
    for (let s = sim.stepsDone + 1; s <= last; s++) {
      const m = this.metrics(job, s);
      const text = `Step ${s}/${sim.totalSteps}: training loss=${m.train_loss.toFixed(2)}` + (hasValidation ? `, validation loss=${m.valid_loss.toFixed(2)}` : '');
      const data: Record<string, number> = { step: s, train_loss: m.train_loss, train_mean_token_accuracy: m.train_mean_token_accuracy, total_steps: sim.totalSteps };
      if (hasValidation) Object.assign(data, { valid_loss: m.valid_loss, valid_mean_token_accuracy: m.valid_mean_token_accuracy });
      this.event(job, 'info', text, 'metrics', data);
      const epoch = s / sim.stepsPerEpoch;
      // Like the real service, keep checkpoints for the last three epochs only.
      if (Number.isInteger(epoch) && epoch > sim.nEpochs - 3) this.checkpoint(job, s, m, hasValidation);
    }
    sim.stepsDone = last;
    if (last === sim.totalSteps) this.succeed(job);
  }

  private metrics(job: StoredJob, step: number) {
    const r = job.sim.random;
    const p = step / job.sim.totalSteps;
    const train_loss = round4(0.05 + 2.2 * Math.exp(-4 * p) + 0.15 * r());
    const train_mean_token_accuracy = round4(Math.min(1, 0.5 + 0.45 * p + 0.04 * r()));
    const valid_loss = round4(train_loss * 1.08 + 0.02 * r());
    const valid_mean_token_accuracy = round4(Math.max(0, train_mean_token_accuracy - 0.03 * r()));
    return { train_loss, train_mean_token_accuracy, valid_loss, valid_mean_token_accuracy };
  }

  private checkpoint(job: StoredJob, step: number, m: ReturnType<JobSimulator['metrics']>, hasValidation: boolean): void {
    const metrics: StoredJob['checkpoints'][number]['metrics'] = { step, train_loss: m.train_loss, train_mean_token_accuracy: m.train_mean_token_accuracy };
    if (hasValidation) {
      Object.assign(metrics, {
        valid_loss: m.valid_loss,
        valid_mean_token_accuracy: m.valid_mean_token_accuracy,
        full_valid_loss: round4(m.valid_loss * 1.02),
        full_valid_mean_token_accuracy: round4(m.valid_mean_token_accuracy * 0.99),
      });
    }
    const name = `${this.modelName(job)}:ckpt-step-${step}`;
    job.checkpoints.push({
      id: this.env.ids.next('ftckpt_'),
      object: 'fine_tuning.job.checkpoint',
      created_at: seconds(this.env),
      fine_tuned_model_checkpoint: name,
      fine_tuning_job_id: job.object.id,
      metrics,
      step_number: step,
    });
    this.event(job, 'info', `Checkpoint created at step ${step}`);
  }

  private succeed(job: StoredJob): void {
    const sim = job.sim;
    job.object.fine_tuned_model = this.modelName(job);
    this.event(job, 'info', 'New fine-tuned model created');
    const csv = ['step,train_loss,train_accuracy'];
    for (const e of job.events) {
      const d = e.data as { step?: number; train_loss?: number; train_mean_token_accuracy?: number } | undefined;
      if (e.type === 'metrics' && d?.step !== undefined) csv.push(`${d.step},${d.train_loss},${d.train_mean_token_accuracy}`);
    }
    const results = storeFile(this.env, 'step_metrics.csv', 'fine-tune-results', Buffer.from(csv.join('\n') + '\n'));
    job.object.result_files = [results.object.id];
    job.object.trained_tokens = sim.tokensPerEpoch * sim.nEpochs;
    job.object.finished_at = seconds(this.env);
    job.object.status = 'succeeded';
    this.event(job, 'info', 'The job has successfully completed');
  }

  /** `ft:<model>:<org>:<suffix>:<short id>`; an empty suffix stays an empty segment, as in the real API. */
  private modelName(job: StoredJob): string {
    const suffix = (job.object as { user_provided_suffix?: string | null }).user_provided_suffix ?? '';
    return `ft:${job.object.model}:${this.env.organization}:${suffix}:${job.object.id.slice(-8)}`;
  }

  private event(job: StoredJob, level: FineTuningJobEvent['level'], message: string, type: FineTuningJobEvent['type'] = 'message', data: object = {}): void {
    job.events.push({ id: this.env.ids.next('ftevent-'), object: 'fine_tuning.job.event', created_at: seconds(this.env), level, message, data, type });
  }
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** The seeded PRNG behind the simulated metrics. */
export const seededRandom = mulberry32;
