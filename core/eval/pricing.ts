// What a model's answers cost: a price table per 1M input/output tokens, with
// fine-tuned (`ft:`) models priced at their base model's fine-tuned rates and models
// served from this machine free.

/** USD per 1M tokens; `fineTuned*` apply to `ft:` models built on this one. */
export interface ModelPrice {
  input: number;
  output: number;
  fineTunedInput?: number;
  fineTunedOutput?: number;
}

/** Model name (or the start of one, e.g. `gpt-4o-mini` for `gpt-4o-mini-2024-07-18`) -> price. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices copied by hand (USD per 1M tokens, standard tier): check them against
 * OpenAI's pricing page before relying on a number; users override them with a setting
 * or `--prices FILE`.
 */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o-mini': { input: 0.15, output: 0.6, fineTunedInput: 0.3, fineTunedOutput: 1.2 },
  'gpt-4o': { input: 2.5, output: 10, fineTunedInput: 3.75, fineTunedOutput: 15 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, fineTunedInput: 0.8, fineTunedOutput: 3.2 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, fineTunedInput: 0.2, fineTunedOutput: 0.8 },
  'gpt-4.1': { input: 2, output: 8, fineTunedInput: 3, fineTunedOutput: 12 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5, fineTunedInput: 3, fineTunedOutput: 6 },
};

/** Per-1M-token rates that apply to one model, or undefined when the table does not know it. */
export interface Rates {
  input: number;
  output: number;
  /** Where the rates came from, for display: a table key, 'fine-tuned <key>' or 'local'. */
  source: string;
}

/** True for a base URL on this machine (Ollama, llama.cpp, vLLM run locally): those models cost nothing per token. */
export function isLocalBaseURL(baseURL: string | undefined): boolean {
  if (!baseURL) return false;
  let host: string;
  try {
    host = new URL(baseURL).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The base of a fine-tuned model name: `ft:gpt-4o-mini-2024-07-18:org::abc` -> `gpt-4o-mini-2024-07-18`. */
export function fineTunedBase(model: string): string | undefined {
  if (!model.startsWith('ft:')) return undefined;
  return model.split(':')[1] || undefined;
}

/** The longest table key equal to `model` or a prefix of it followed by `-` (so `gpt-4o` does not take `gpt-4o-mini`). */
function lookup(table: PriceTable, model: string): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if ((model === key || model.startsWith(key + '-')) && (best === undefined || key.length > best.length)) best = key;
  }
  return best;
}

/** The rates for `model` served at `baseURL`: local endpoints are free; else an exact entry, then `ft:` models at their base's fine-tuned rates, then the longest prefix. */
export function ratesFor(model: string, baseURL: string | undefined, table: PriceTable = DEFAULT_PRICES): Rates | undefined {
  if (isLocalBaseURL(baseURL)) return { input: 0, output: 0, source: 'local' };
  if (Object.hasOwn(table, model)) return { input: table[model].input, output: table[model].output, source: model };
  const base = fineTunedBase(model);
  if (base !== undefined) {
    const key = lookup(table, base);
    if (key === undefined) return undefined;
    const p = table[key];
    if (p.fineTunedInput === undefined || p.fineTunedOutput === undefined) return undefined;
    return { input: p.fineTunedInput, output: p.fineTunedOutput, source: `fine-tuned ${key}` };
  }
  const key = lookup(table, model);
  return key === undefined ? undefined : { input: table[key].input, output: table[key].output, source: key };
}

/** USD for one request's tokens at `rates` (not rounded). */
export function costOf(usage: { prompt_tokens: number; completion_tokens: number }, rates: Rates): number {
  return (usage.prompt_tokens * rates.input + usage.completion_tokens * rates.output) / 1_000_000;
}

/** Checks a user-supplied table (setting or file): every entry needs numeric input and output. Throws a sentence naming the bad entry. */
export function parsePriceTable(value: unknown): PriceTable {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('A price table must be a JSON object: model -> {input, output}.');
  const out: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(value as Record<string, unknown>)) {
    const p = price as Record<string, unknown> | null;
    const num = (k: string) => typeof p?.[k] === 'number' && Number.isFinite(p[k]) && (p[k] as number) >= 0;
    if (!p || typeof p !== 'object' || !num('input') || !num('output')) {
      throw new Error(`Price of "${model}" must be {"input": USD per 1M tokens, "output": USD per 1M tokens}.`);
    }
    for (const k of ['fineTunedInput', 'fineTunedOutput']) {
      if (p[k] !== undefined && !num(k)) throw new Error(`"${k}" of "${model}" must be a number >= 0.`);
    }
    out[model] = {
      input: p.input as number,
      output: p.output as number,
      ...(p.fineTunedInput !== undefined ? { fineTunedInput: p.fineTunedInput as number } : {}),
      ...(p.fineTunedOutput !== undefined ? { fineTunedOutput: p.fineTunedOutput as number } : {}),
    };
  }
  return out;
}
