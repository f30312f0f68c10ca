import { hash } from 'node:crypto';
import type { JsonPath } from '../dataset/jsonPath.ts';
import type { ToolSet } from './toolSet.ts';

/** What the file-level rules need to know about a line, so they never re-read the file. */
export interface LineFacts {
  /** The line is a JSON object (counts as an example). */
  isExample: boolean;
  /** Equal for lines with identical content. */
  contentKey?: string;
  /** The line's own tool declarations: name, canonical key, where its name is (shared between lines: read-only). */
  declarations?: readonly Declaration[];
}

/** One tool declaration of a line, as the file rules compare them. */
export interface Declaration {
  name: string;
  key: string;
  namePath: JsonPath;
}

/** The declarations of each tool set, made once: lines repeating a tools JSON share one analysis. */
const declarationsOf = new WeakMap<ToolSet, readonly Declaration[]>();

export function lineFacts(text: string, tools: ToolSet | undefined, example: Record<string, unknown>): LineFacts {
  const ownTools = 'tools' in example || 'functions' in example;
  let declarations: readonly Declaration[] | undefined;
  if (ownTools && tools) {
    declarations = declarationsOf.get(tools);
    if (!declarations) declarationsOf.set(tools, (declarations = [...tools.byName.values()].map((t) => ({ name: t.name, key: t.key, namePath: t.namePath }))));
  }
  return { isExample: true, contentKey: hash('sha1', text.trim(), 'base64'), declarations };
}
