// "Preview Training Text" and `toolcall render`: one line of a dataset rendered with a model's
// chat template, its trained spans, token counts with the model's tokenizer and what is wrong
// with the template for tool calling.
import { openaiFormat } from '../convert/openai.ts';
import { LossLog, RecordError } from '../convert/example.ts';
import type { ModelFiles } from './modelFiles.ts';
import { renderExample, type RenderedSpan } from './renderExample.ts';
import { countRendered } from './tokenCount.ts';
import { checkTemplate, type TemplateFinding } from './templateChecks.ts';

export interface TrainingPreview {
  /** 1-based line in the dataset. */
  line: number;
  text: string;
  spans: RenderedSpan[];
  spanProblem?: string;
  /** Absent without a tokenizer.json. */
  tokens?: { total: number; trained: number; perSpan: number[] };
  findings: TemplateFinding[];
}

/** A line that cannot be previewed: not an example, or the template fails on it. */
export class PreviewError extends Error {}

export function previewLine(lineText: string, line: number, model: ModelFiles): TrainingPreview {
  let value: unknown;
  try {
    value = JSON.parse(lineText);
  } catch (error) {
    throw new PreviewError(`line ${line} is not JSON (${(error as Error).message}).`);
  }
  let example;
  try {
    example = openaiFormat.read(value, new LossLog());
  } catch (error) {
    if (error instanceof RecordError) throw new PreviewError(`line ${line} is not an example: ${error.message}`);
    throw error;
  }
  let rendered;
  try {
    rendered = renderExample(example, model.template);
  } catch (error) {
    throw new PreviewError(`the chat template fails on line ${line}: ${(error as Error).message}`);
  }
  const preview: TrainingPreview = { line, text: rendered.text, spans: rendered.spans, findings: checkTemplate(model.template) };
  if (rendered.spanProblem !== undefined) preview.spanProblem = rendered.spanProblem;
  if (model.tokenizer) preview.tokens = countRendered(rendered, model.tokenizer);
  return preview;
}

/** The text with trained spans between [train] and [/train] (spans of weight 0 between [no-train] and [/no-train]). */
export function markSpans(preview: TrainingPreview): string {
  let out = '';
  let at = 0;
  for (const s of preview.spans) {
    const tag = s.trained ? 'train' : 'no-train';
    out += preview.text.slice(at, s.start) + `[${tag}]` + preview.text.slice(s.start, s.end) + `[/${tag}]`;
    at = s.end;
  }
  return out + preview.text.slice(at);
}
