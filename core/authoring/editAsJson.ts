// "Edit Example as JSON": one line pretty-printed for editing, collapsed back to one line on
// save, and the check that the original line did not change meanwhile.

/** The line's example, indented for a side editor; undefined when the line is not JSON. */
export function prettyPrint(lineText: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(lineText.replace(/^\uFEFF/, '')), null, 2) + '\n';
  } catch {
    return undefined;
  }
}

export type CollapseResult = { ok: true; line: string } | { ok: false; message: string };

/** The edited JSON as ONE line (compact, key order and values as edited), or why it cannot be. */
export function collapseToLine(edited: string): CollapseResult {
  let value: unknown;
  try {
    value = JSON.parse(edited.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, message: `The edited example is not valid JSON (${(error as Error).message}); fix it before writing it back.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'The edited example must be a JSON object with `messages`.' };
  // JSON.stringify escapes line breaks inside strings, so the result is always one line.
  return { ok: true, line: JSON.stringify(value) };
}

/** What the editor remembers about the line it opened for editing. */
export interface EditSession {
  /** 0-based line in the dataset when it was opened. */
  line: number;
  /** The line's text then. */
  original: string;
}

export type WriteBack = { ok: true; line: number; newText: string } | { ok: false; message: string };

/**
 * Where to write the edited example back: the line still holding the original text (the
 * same index, or the only other line with that text if lines above moved). Nothing is
 * written when the original line changed, or when it cannot be told which line it is.
 */
export function planWriteBack(session: EditSession, currentLines: (index: number) => string | undefined, lineCount: number, edited: string): WriteBack {
  const collapsed = collapseToLine(edited);
  if (!collapsed.ok) return collapsed;
  if (currentLines(session.line) === session.original) return { ok: true, line: session.line, newText: collapsed.line };
  const matches: number[] = [];
  for (let i = 0; i < lineCount && matches.length < 2; i++) if (currentLines(i) === session.original) matches.push(i);
  if (matches.length === 1) return { ok: true, line: matches[0], newText: collapsed.line };
  const why = matches.length === 0 ? `line ${session.line + 1} changed since it was opened for editing` : `the original example now appears on several lines`;
  return { ok: false, message: `Nothing was written: ${why}. Copy your edit, reopen the example and apply it again.` };
}
