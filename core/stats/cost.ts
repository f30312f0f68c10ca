// What a supervised fine-tuning job will bill, computed the way the cookbook does.
import { lookupModel } from './tokens.ts';

/**
 * Epochs OpenAI picks when `n_epochs` is 'auto' (cookbook): 3; when n*3 < 100 then
 * min(25, floor(100 / n)); when n*3 > 25000 then max(1, floor(25000 / n)).
 */
export function defaultEpochs(examples: number): number {
  if (examples <= 0) return 0;
  if (examples * 3 < 100) return Math.min(25, Math.floor(100 / examples));
  if (examples * 3 > 25_000) return Math.max(1, Math.floor(25_000 / examples));
  return 3;
}

/**
 * Training price in USD per 1M trained tokens, by model (`prefix*` keys match by prefix).
 * These are list prices copied by hand: check them against OpenAI's pricing page before
 * relying on an estimate; callers override them (a setting, `--price`).
 */
export const DEFAULT_TRAINING_PRICES: Readonly<Record<string, number>> = {
  'gpt-4o-mini-2024-07-18': 3.0,
  'gpt-4o-2024-08-06': 25.0,
  'gpt-3.5-turbo*': 8.0,
  'gpt-4.1-mini-2025-04-14': 5.0,
  'gpt-4.1-2025-04-14': 25.0,
};

/** The cost block of a report. */
export interface CostEstimate {
  model: string;
  epochs: number;
  /** Sum over examples of min(limit, tokens), times epochs. */
  billedTokens: number;
  /** null when the price table does not know the model. */
  pricePerMillion: number | null;
  /** Not rounded: displays round it. null when the price is unknown. */
  estimatedUsd: number | null;
}

/** Billed tokens and price for examples of the given token counts. `limit` undefined: no truncation. */
export function estimateCost(
  tokensPerExample: readonly number[],
  options: { model: string; limit?: number; epochs?: number; prices?: Readonly<Record<string, number>> },
): CostEstimate {
  const epochs = options.epochs ?? defaultEpochs(tokensPerExample.length);
  let perEpoch = 0;
  for (const tokens of tokensPerExample) perEpoch += options.limit === undefined ? tokens : Math.min(options.limit, tokens);
  const billedTokens = perEpoch * epochs;
  const pricePerMillion = lookupModel(options.prices ?? DEFAULT_TRAINING_PRICES, options.model) ?? null;
  const estimatedUsd = pricePerMillion === null ? null : (billedTokens / 1_000_000) * pricePerMillion;
  return { model: options.model, epochs, billedTokens, pricePerMillion, estimatedUsd };
}
