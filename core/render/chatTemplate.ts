// A model's chat template (Jinja, as in its tokenizer_config.json) rendered with
// @huggingface/jinja, the engine made for HF chat templates, with the variables transformers'
// apply_chat_template passes: messages, tools, add_generation_prompt and the special tokens.
import { Template } from '@huggingface/jinja';
import { isObject } from '../convert/example.ts';

/** What a model folder or tokenizer_config.json gives the renderer. */
export interface TemplateSource {
  /** The template text, or HF's list of named templates (`default`, `tool_use`). */
  chatTemplate: string | { name: string; template: string }[];
  /** Special tokens by name (bos_token, eos_token, ...), as the template sees them. */
  specialTokens: Record<string, string>;
}

/** A template that cannot be parsed or has no text; the sentence says which. */
export class TemplateError extends Error {}

export class ChatTemplate {
  private readonly compiled = new Map<string, Template>();

  constructor(private readonly source: TemplateSource) {}

  /** The template text used for an example with or without tools (HF picks `tool_use` when there are tools). */
  text(withTools: boolean): string {
    const t = this.source.chatTemplate;
    if (typeof t === 'string') return t;
    const named = (name: string) => t.find((e) => e.name === name)?.template;
    const chosen = (withTools ? named('tool_use') : undefined) ?? named('default') ?? t[0]?.template;
    if (chosen === undefined) throw new TemplateError('the chat_template list has no templates.');
    return chosen;
  }

  /** Renders messages (and tools, when given) to the text the model is trained on. */
  render(messages: unknown[], tools: unknown[] | undefined, addGenerationPrompt: boolean): string {
    const text = this.text(tools !== undefined && tools.length > 0);
    let template = this.compiled.get(text);
    if (!template) {
      try {
        template = new Template(text);
      } catch (error) {
        throw new TemplateError(`the chat template does not parse: ${(error as Error).message}`);
      }
      this.compiled.set(text, template);
    }
    return template.render({
      ...this.source.specialTokens,
      messages,
      ...(tools !== undefined && tools.length > 0 ? { tools } : {}),
      add_generation_prompt: addGenerationPrompt,
    });
  }
}

/** Reads the template and special tokens out of a parsed tokenizer_config.json. */
export function templateSourceFromConfig(config: unknown, templateOverride?: string): TemplateSource {
  if (!isObject(config)) throw new TemplateError('tokenizer_config.json is not a JSON object.');
  const specialTokens: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.endsWith('_token')) continue;
    // Tokens are strings or AddedToken objects ({"content": ...}).
    const content = typeof value === 'string' ? value : isObject(value) && typeof value['content'] === 'string' ? value['content'] : undefined;
    if (content !== undefined) specialTokens[key] = content;
  }
  const raw = templateOverride ?? config['chat_template'];
  if (typeof raw === 'string') return { chatTemplate: raw, specialTokens };
  if (Array.isArray(raw) && raw.every((e) => isObject(e) && typeof e['name'] === 'string' && typeof e['template'] === 'string')) {
    return { chatTemplate: raw as { name: string; template: string }[], specialTokens };
  }
  throw new TemplateError('tokenizer_config.json has no "chat_template" (a string or a list of named templates).');
}
