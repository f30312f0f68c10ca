// Parsing and checking what the user types into the launch prompts. Pure: the input boxes
// call the `validate*` functions from `validateInput`, so a bad value is explained inline
// and the ranges match core/jobs/create.ts `checkJobSpec` (the service's documented limits).
import type { Hyper } from '../../core/jobs/create.ts';

/** A hyperparameter prompt: its API name, its plain name (the step's title), what the box says, and the check. */
export interface HyperPrompt {
  key: 'n_epochs' | 'batch_size' | 'learning_rate_multiplier';
  name: string;
  prompt: string;
  validate(text: string): string | undefined;
}

const MAX_SEED = 2147483647;

/** `auto` (or empty, meaning auto) or a whole number from 1 to `max`. */
function integerOrAuto(name: string, max: number) {
  return (text: string): string | undefined => {
    const t = text.trim();
    if (t === '' || t === 'auto') return undefined;
    const n = Number(t);
    if (!/^\d+$/.test(t) || !Number.isInteger(n) || n < 1 || n > max) return `${name} must be auto or a whole number from 1 to ${max}.`;
    return undefined;
  };
}

export const validateEpochs = integerOrAuto('Epochs', 50);
export const validateBatchSize = integerOrAuto('Batch size', 256);

export function validateLearningRate(text: string): string | undefined {
  const t = text.trim();
  if (t === '' || t === 'auto') return undefined;
  const n = Number(t);
  if (!/^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) || !Number.isFinite(n) || n <= 0) return 'Learning rate multiplier must be auto or a number greater than 0 (e.g. 0.5 or 2).';
  return undefined;
}

/** Empty means no suffix; otherwise 1 to 64 characters. */
export function validateSuffix(text: string): string | undefined {
  if (text.length > 64) return `The suffix must be at most 64 characters; this one has ${text.length}.`;
  return undefined;
}

/** Empty means no seed; otherwise a whole number from 0 to 2147483647. */
export function validateSeed(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^\d+$/.test(t) || Number(t) > MAX_SEED) return `The seed must be a whole number from 0 to ${MAX_SEED}.`;
  return undefined;
}

/** Text that passed its validator as a hyperparameter value. */
export function parseHyper(text: string): Hyper {
  const t = text.trim();
  return t === '' || t === 'auto' ? 'auto' : Number(t);
}

/** Empty -> no suffix. */
export function parseSuffix(text: string): string | undefined {
  return text === '' ? undefined : text;
}

/** Empty -> no seed. */
export function parseSeed(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

export const HYPER_PROMPTS: readonly HyperPrompt[] = [
  { key: 'n_epochs', name: 'Epochs', prompt: 'Passes over the training file: auto or 1-50 (API: n_epochs)', validate: validateEpochs },
  { key: 'batch_size', name: 'Batch size', prompt: 'Examples per training step: auto or 1-256 (API: batch_size)', validate: validateBatchSize },
  { key: 'learning_rate_multiplier', name: 'Learning rate multiplier', prompt: 'Scales the learning rate: auto or a number > 0 (API: learning_rate_multiplier)', validate: validateLearningRate },
];

/** The model list for the picker: the default first, then the configured list, without repeats or blanks. */
export function modelChoices(defaultModel: string | undefined, models: readonly unknown[] | undefined): string[] {
  const out: string[] = [];
  for (const m of [defaultModel, ...(models ?? [])]) {
    if (typeof m === 'string' && m.trim() !== '' && !out.includes(m.trim())) out.push(m.trim());
  }
  return out;
}

/** Models offered when the settings give none. */
export const DEFAULT_MODELS: readonly string[] = ['gpt-4o-mini-2024-07-18', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-2025-04-14', 'gpt-4o-2024-08-06'];
