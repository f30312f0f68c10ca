import { hash } from 'node:crypto';
import type { JsonPath } from '../dataset/jsonPath.ts';
import type { ToolSet } from './toolSet.ts';

/** What the file-level rules need to know about a line, so they never re-read the file. */
export interface LineFacts {
  /** The line is a JSON object (counts as an example). */
  isExample: boolean;
  /** Equal for lines with identical content. */
  contentKey?: string;
  /** The line's own tool declarations: name, canonical key, where its name is. */
  declarations?: { name: string; key: string; namePath: JsonPath }[];
}

export function lineFacts(text: string, tools: ToolSet | undefined, example: Record<string, unknown>): LineFacts {
  const ownTools = 'tools' in example || 'functions' in example;
  return {
    isExample: true,
    contentKey: hash('sha1', text.trim(), 'base64'),
    declarations: ownTools && tools ? [...tools.byName.values()].map((t) => ({ name: t.name, key: t.key, namePath: t.namePath })) : undefined,
  };
}
