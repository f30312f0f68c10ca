/**
 * A replacement inside one line: UTF-16 columns, end exclusive. Never spans a line break,
 * except `deleteLine`: the whole line goes, with its line break (the editor side knows
 * whether one follows).
 */
export interface LineEdit {
  line: number;
  start: number;
  end: number;
  newText: string;
  deleteLine?: boolean;
}

/** The edit that removes line `index` (whose text is `text`) and its line break. */
export const deleteLineEdit = (index: number, text: string): LineEdit => ({ line: index, start: 0, end: text.length, newText: '', deleteLine: true });

/** Lengths of the common prefix and suffix of two strings, never splitting a surrogate pair. */
export function commonAffixes(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--;
  return { prefix, suffix };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The smallest single replacement turning line `before` into `after` (undefined when equal). */
export function minimalEdit(line: number, before: string, after: string): LineEdit | undefined {
  if (before === after) return undefined;
  const { prefix, suffix } = commonAffixes(before, after);
  return { line, start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

/** The line after an edit of it. */
export function applyLineEdit(text: string, edit: Pick<LineEdit, 'start' | 'end' | 'newText'>): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
