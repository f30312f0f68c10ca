import { hash } from 'node:crypto';
import type { Declaration, ToolSet } from './toolSet.ts';
import { fnvStep, HASH_START } from '../stats/utf8Bytes.ts';

/** What the file-level rules need to know about a line, so they never re-read the file. */
export interface LineFacts {
  /** The line is a JSON object (counts as an example). */
  isExample: boolean;
  /** Equal for lines with identical content. */
  contentKey?: string;
  /** contentSampleOf(contentKey), made from the key's last digest before the key is joined (FileRules' index). */
  contentSample?: number;
  /** The line's own tool declarations: name, canonical key, where its name is (shared between lines: read-only). */
  declarations?: readonly Declaration[];
}


/**
 * A line's root tools member, for its content key: the sha1 of the member's text and the line's
 * text (after any byte-order mark) with that member written as `null`, as parseLine parsed it.
 */
export interface MemberKey {
  digest: string;
  rest: string;
}

/**
 * What the file rules need of a line. The content key is equal for lines equal once trimmed
 * (outer whitespace and byte-order mark): sha1 of that text, or, for a line whose tools member
 * was analysed by its text, that member's sha1 followed by the sha1 of the rest (trimmed): the
 * member (about half of a line) is hashed once per distinct text instead of on every line. The
 * rest and the member give back the line (the member's place is the root key's value in the
 * rest), which of the two forms a line gets depends only on its trimmed text, and the two forms
 * differ in length (28 and 56 characters), so equal keys still mean equal lines.
 */
export function lineFacts(text: string, tools: ToolSet | undefined, example: Record<string, unknown>, member?: MemberKey): LineFacts {
  const ownTools = 'tools' in example || 'functions' in example;
  let declarations: readonly Declaration[] | undefined;
  // Made once per tool set (lines repeating a tools JSON share one analysis), kept on it.
  if (ownTools && tools) declarations = tools.declarations ??= [...tools.byName.values()].map((t) => ({ name: t.name, key: t.key, namePath: t.namePath }));
  const last = hash('sha1', member ? member.rest.trim() : text.trim(), 'base64');
  return { isExample: true, contentKey: member ? member.digest + last : last, contentSample: contentSampleOf(last), declarations };
}

/**
 * A number equal for equal content keys: a hash of five characters of the key's last digest
 * (base64 of a sha1 ends with a character of four bits, then '='). Read from that digest alone
 * or from the whole key, it is the same: the key ends with it.
 */
export function contentSampleOf(key: string): number {
  const end = key.length - 2;
  let sample = HASH_START;
  for (let i = end - 5; i < end; i++) sample = fnvStep(sample, key.charCodeAt(i));
  return sample;
}
