// The Split Dataset prompts' checks and its summary sentence. Pure (no vscode): unit tested.
import { CATEGORIES } from '../../core/stats/category.ts';
import type { SplitResult } from '../../core/stats/split.ts';

export function validateRatio(text: string): string | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && n > 0 && n < 1 ? undefined : 'The training share must be a number between 0 and 1, e.g. 0.8.';
}

export function validateSeed(text: string): string | undefined {
  return /^\d{1,15}$/.test(text.trim()) ? undefined : 'The seed must be a whole number, e.g. 42.';
}

/** `a.train.jsonl: 8 examples, a.validation.jsonl: 2 examples (by category, train/validation: single-call 4/1, ...).` */
export function splitSummary(trainName: string, validationName: string, result: SplitResult): string {
  const per = CATEGORIES.filter((c) => result.byCategory[c].train + result.byCategory[c].validation > 0)
    .map((c) => `${c} ${result.byCategory[c].train}/${result.byCategory[c].validation}`)
    .join(', ');
  const invalid = result.invalid.length ? ` ${result.invalid.length} line${result.invalid.length === 1 ? ' is' : 's are'} not an example and went to neither file.` : '';
  return `Wrote ${trainName} (${result.train.length} examples) and ${validationName} (${result.validation.length} examples); by category, train/validation: ${per || 'none'}.${invalid}`;
}
