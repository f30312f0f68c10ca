// "Edit Example as JSON": one line pretty-printed for editing, collapsed back to one line on
// save, and the check that the original line did not change meanwhile.
import { parseTree, type Node } from 'jsonc-parser';
import { duplicateKeyFindings } from '../checks/duplicateKeys.ts';
import { countMembers, scanStructure } from '../dataset/structure.ts';
import { MAX_DEPTH } from '../dataset/depth.ts';

/**
 * Why parsing and printing the line would change what it says, or undefined when it would not:
 * a number JavaScript cannot hold exactly (beyond 2^53, 1e400, -0) or a key written twice
 * (JSON.parse keeps the last). The command refuses such lines before opening them.
 */
export function roundTripProblem(lineText: string): string | undefined {
  const bom = lineText.startsWith('\uFEFF') ? 1 : 0;
  const body = lineText.slice(bom);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined; // not JSON: prettyPrint says so
  }
  const { offset, members } = scanStructure(body, MAX_DEPTH);
  if (offset !== -1) return `it nests deeper than ${MAX_DEPTH} levels`;
  if (members !== countMembers(value)) {
    const [first] = duplicateKeyFindings(body, bom);
    const key = first ? lineText.slice(first.target.span!.start, first.target.span!.end) : 'a key';
    return `key ${key} appears twice in one object (column ${(first?.target.span?.start ?? 0) + 1}) and only the last would be kept`;
  }
  const tree = parseTree(body);
  const stack: Node[] = tree ? [tree] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'number') {
      const raw = body.slice(node.offset, node.offset + node.length);
      const n = Number(raw);
      const column = node.offset + bom + 1;
      if (!Number.isFinite(n)) return `the number ${raw} (column ${column}) is too large for JSON tools and would become null`;
      if (Object.is(n, -0)) return `the number ${raw} (column ${column}) would become 0`;
      if (/^-?\d+$/.test(raw) && BigInt(raw) !== BigInt(n)) return `the integer ${raw} (column ${column}) is beyond 2^53 and would become ${JSON.stringify(n)}`;
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return undefined;
}

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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'The edited example must be a JSON object with "messages".' };
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
  // Saved without a change of value (as opened, or only re-indented): the line stays as written.
  const newText = sameValue(session.original, collapsed.line) ? session.original : collapsed.line;
  if (currentLines(session.line) === session.original) return { ok: true, line: session.line, newText };
  const matches: number[] = [];
  for (let i = 0; i < lineCount && matches.length < 2; i++) if (currentLines(i) === session.original) matches.push(i);
  if (matches.length === 1) return { ok: true, line: matches[0], newText };
  const why = matches.length === 0 ? `line ${session.line + 1} changed since it was opened for editing` : `the original example now appears on several lines`;
  return { ok: false, message: `Nothing was written: ${why}. Copy your edit, reopen the example and apply it again.` };
}

/** The original line's value printed compactly is the collapsed edit (same values, same key order). */
function sameValue(original: string, collapsed: string): boolean {
  try {
    return JSON.stringify(JSON.parse(original.replace(/^\uFEFF/, ''))) === collapsed;
  } catch {
    return false;
  }
}
