// Token counts with the model's own tokenizer (a local tokenizer.json, read by
// @huggingface/tokenizers), for the rendered text and its trained spans.
import { Tokenizer } from '@huggingface/tokenizers';
import type { RenderedExample } from './renderExample.ts';

/** Counts tokens of text the way the model's tokenizer splits it (special tokens as one token, none added). */
export interface ModelTokenizer {
  count(text: string): number;
}

export function modelTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown): ModelTokenizer {
  const tokenizer = new Tokenizer(tokenizerJson as object, (tokenizerConfig ?? {}) as object);
  return { count: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids.length };
}

/**
 * Tokens of the whole text and of its trained spans. A span's tokens are the tokens of the
 * text up to its end minus those before its start, so a token that straddles a boundary is
 * counted once, on the side where it ends.
 */
export function countRendered(rendered: RenderedExample, tokenizer: ModelTokenizer): { total: number; trained: number; perSpan: number[] } {
  const perSpan = rendered.spans.map((s) => tokenizer.count(rendered.text.slice(0, s.end)) - tokenizer.count(rendered.text.slice(0, s.start)));
  const trained = perSpan.reduce((sum, n, i) => sum + (rendered.spans[i].trained ? n : 0), 0);
  return { total: tokenizer.count(rendered.text), trained, perSpan };
}
