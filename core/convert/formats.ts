// The formats `toolcall convert` and "Convert Dataset..." know, by name. To add one, write a
// DatasetFormat (a reader and a writer that report their losses) and list it here.
import type { DatasetFormat } from './format.ts';
import { openaiFormat } from './openai.ts';
import { sharegptFormat } from './sharegpt.ts';
import { hermesFormat } from './hermes.ts';
import { xlamFormat } from './xlam.ts';

export const FORMATS: Readonly<Record<string, DatasetFormat>> = {
  openai: openaiFormat,
  sharegpt: sharegptFormat,
  hermes: hermesFormat,
  xlam: xlamFormat,
};

export const FORMAT_NAMES = Object.keys(FORMATS);

/** The format of a name, or a sentence listing the known ones. */
export function formatNamed(name: string): DatasetFormat | string {
  return Object.hasOwn(FORMATS, name) ? FORMATS[name] : `unknown format "${name}"; expected one of ${FORMAT_NAMES.join(', ')}.`;
}
