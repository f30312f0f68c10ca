// Tokens of a whole example as an open model is trained on it: the chat template's rendering
// counted with the model's tokenizer (for `toolcall stats --template`).
import { openaiFormat } from '../convert/openai.ts';
import { LossLog } from '../convert/example.ts';
import type { ModelFiles } from './modelFiles.ts';
import { templateMessages } from './renderExample.ts';

/** Counts the rendered tokens of a parsed line; throws when the template fails on it. */
export function templateExampleTokens(model: ModelFiles & { tokenizer: NonNullable<ModelFiles['tokenizer']> }): (value: unknown) => number {
  return (value) => {
    const example = openaiFormat.read(value, new LossLog());
    return model.tokenizer.count(model.template.render(templateMessages(example.messages), example.tools, false));
  };
}
