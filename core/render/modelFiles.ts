// Finds a model's chat template and tokenizer on disk: a model folder (tokenizer_config.json,
// an optional chat_template.jinja that newer models ship instead, tokenizer.json), a
// tokenizer_config.json, or a .jinja template file (with the config files beside it, if any).
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { ChatTemplate, TemplateError, templateSourceFromConfig } from './chatTemplate.ts';
import { modelTokenizer, type ModelTokenizer } from './tokenCount.ts';

export interface ModelFiles {
  template: ChatTemplate;
  /** Absent without a tokenizer.json. */
  tokenizer?: ModelTokenizer;
  /** The files read, for messages. */
  read: string[];
  /** `model_max_length` of tokenizer_config.json, when it is a sane number: the token limit per example. */
  maxLength?: number;
}

async function optionalText(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TemplateError(`${file} is not JSON (${(error as Error).message}).`);
  }
}

export async function loadModelFiles(target: string): Promise<ModelFiles> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new TemplateError(`${target} does not exist.`);
  const folder = info.isDirectory() ? target : path.dirname(target);
  const read: string[] = [];
  const configFile = info.isDirectory() || target.endsWith('.jinja') ? path.join(folder, 'tokenizer_config.json') : target;
  const configText = await optionalText(configFile);
  if (configText !== undefined) read.push(configFile);
  const config = configText === undefined ? {} : parseJson(configText, configFile);
  const jinjaFile = target.endsWith('.jinja') ? target : info.isDirectory() ? path.join(folder, 'chat_template.jinja') : undefined;
  const jinja = jinjaFile ? await optionalText(jinjaFile) : undefined;
  if (target.endsWith('.jinja') && jinja === undefined) throw new TemplateError(`${target} cannot be read.`);
  if (jinja !== undefined) read.push(jinjaFile!);
  if (configText === undefined && jinja === undefined) throw new TemplateError(`${target} has no tokenizer_config.json or chat_template.jinja.`);
  const template = new ChatTemplate(templateSourceFromConfig(config, jinja));
  // HF writes a huge sentinel (1e30) when a model has no limit.
  const max = (config as { model_max_length?: unknown }).model_max_length;
  const limit = typeof max === 'number' && Number.isSafeInteger(max) && max > 0 ? { maxLength: max } : {};
  const tokenizerFile = path.join(folder, 'tokenizer.json');
  const tokenizerText = await optionalText(tokenizerFile);
  if (tokenizerText === undefined) return { template, read, ...limit };
  read.push(tokenizerFile);
  return { template, tokenizer: modelTokenizer(parseJson(tokenizerText, tokenizerFile), config), read, ...limit };
}
