// The launch wizard's words and numbers (issue 17, item 3), pure so they are tested as
// strings: "Launch with defaults" (default model, automatic hyperparameters, a suffix from
// the file name) in one confirmation, or a step-numbered "Customize" path whose steps have
// plain names and show the API name as detail; the confirmation names the endpoint the data
// goes to, the examples, tokens, epochs and the estimated cost.
import type { Hyper } from '../../core/jobs/create.ts';
import type { DatasetStatsSummary } from '../../core/stats/datasetStats.ts';
import { int, usd } from '../../core/stats/reportView.ts';
import type { LaunchSpec } from './launch.ts';
import { plural } from '../../core/text/plural.ts';

/** The steps of Customize, in order: the title says `Fine-tuning (n/7): name`. */
export const CUSTOMIZE_STEPS = ['Base model', 'Epochs', 'Batch size', 'Learning rate multiplier', 'Suffix', 'Seed', 'Validation file'] as const;

export type CustomizeStep = (typeof CUSTOMIZE_STEPS)[number];

/** `Fine-tuning (2/7): Epochs` */
export function stepTitle(step: CustomizeStep): string {
  return `Fine-tuning (${CUSTOMIZE_STEPS.indexOf(step) + 1}/${CUSTOMIZE_STEPS.length}): ${step}`;
}

/** A suffix for the model name from the file name: `Weather Train v2.jsonl` -> `weather-train-v2` (at most 40 characters). */
export function suffixFromFileName(fileName: string): string | undefined {
  const stem = fileName.replace(/\.jsonl$/i, '');
  const suffix = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return suffix === '' ? undefined : suffix;
}

/** What "Launch with defaults" launches. */
export function defaultSpec(model: string, fileName: string): LaunchSpec {
  const suffix = suffixFromFileName(fileName);
  return { model, hyperparameters: {}, ...(suffix ? { suffix } : {}) };
}

/** The quick pick's two choices, with what each means. */
export function startChoices(model: string, fileName: string): { label: string; detail: string; customize: boolean }[] {
  const suffix = suffixFromFileName(fileName);
  return [
    { label: '$(rocket) Launch with defaults', detail: `${model}, automatic epochs, batch size and learning rate${suffix ? `, suffix "${suffix}"` : ''}, no validation file`, customize: false },
    { label: '$(settings) Customize...', detail: `${CUSTOMIZE_STEPS.length} steps: ${CUSTOMIZE_STEPS.join(', ').toLowerCase()}`, customize: true },
  ];
}

/** The counts for the epochs the job will run: the service's automatic choice, or the number given. */
export function withEpochs(summary: DatasetStatsSummary, epochs: Hyper | undefined): DatasetStatsSummary & { epochsChosen: boolean } {
  if (typeof epochs !== 'number' || summary.epochs <= 0) return { ...summary, epochsChosen: false };
  const perEpoch = summary.billedTokens / summary.epochs;
  const scale = epochs / summary.epochs;
  return { ...summary, epochs, billedTokens: perEpoch * epochs, estimatedUsd: summary.estimatedUsd === null ? null : summary.estimatedUsd * scale, epochsChosen: true };
}

const counted = (n: number, word: string) => plural(n, word, int);
const hyper = (value: Hyper | undefined) => (value === undefined || value === 'auto' ? 'auto' : String(value));

/** The confirmation: a question naming model and file, and the lines of its detail. */
export function confirmText(input: { endpoint: string; fileName: string; validationName?: string; spec: LaunchSpec; summary: DatasetStatsSummary | undefined; countError?: string }): { title: string; detail: string } {
  const { spec } = input;
  const lines = [`Data goes to: ${input.endpoint}`];
  if (input.summary) {
    const s = withEpochs(input.summary, spec.hyperparameters?.n_epochs);
    lines.push(`${counted(s.examples, 'example')}, ${counted(s.tokens, 'token')}, ${counted(s.epochs, 'epoch')}${s.epochsChosen ? '' : ' (automatic)'}: ${counted(Math.round(s.billedTokens), 'billed token')}`);
    lines.push(s.estimatedUsd === null ? `Estimated cost: unknown (no price is known for ${s.model})` : `Estimated cost: about ${usd(s.estimatedUsd)}`);
    if (s.overLimit > 0) lines.push(`${counted(s.overLimit, 'example')} over the token limit will be truncated`);
  } else {
    lines.push(`Examples, tokens and cost: unavailable (${input.countError ?? 'not counted'})`);
  }
  const h = spec.hyperparameters ?? {};
  lines.push(`Batch size ${hyper(h.batch_size)}, learning rate multiplier ${hyper(h.learning_rate_multiplier)}${spec.suffix ? `, suffix "${spec.suffix}"` : ''}${spec.seed !== undefined ? `, seed ${spec.seed}` : ''}`);
  lines.push(input.validationName ? `Validation file: ${input.validationName}` : 'No validation file');
  return { title: `Launch fine-tuning of ${spec.model} on ${input.fileName}?`, detail: lines.join('\n') };
}
