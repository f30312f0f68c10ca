// "Update from source": the edits that make a tools file declare what its source offers, for
// one tool or all, made with jsonc-parser's `modify` so everything else in the file (other
// tools, formatting, key order) keeps its bytes.
import { applyEdits, findNodeAtLocation, getNodeValue, modify, type FormattingOptions } from 'jsonc-parser';
import { parseJsonTree } from '../../authoring/jsonTree.ts';
import type { JsonPath } from '../../dataset/jsonPath.ts';
import type { NameChange } from '../import/toolNames.ts';
import type { ToolDrift } from './driftReport.ts';

/** A replacement of `[start, end)` offsets by `newText`. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Indentation and line breaks as the file already has them; none for a file on one line (inserted JSON stays compact). */
export function formattingOf(text: string): FormattingOptions | undefined {
  if (!/[\r\n]\s*\S/.test(text)) return undefined;
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** Path of the declarations array: the root, or `tools` of a `{"tools": [...]}` file. */
function arrayPath(text: string): JsonPath | undefined {
  const tree = parseJsonTree(text.replace(/^\uFEFF/, ''));
  if (!tree) return undefined;
  if (tree.type === 'array') return [];
  return findNodeAtLocation(tree, ['tools'])?.type === 'array' ? ['tools'] : undefined;
}

/** Index of the declaration of `name` in the file's array, or -1. */
function indexOf(text: string, path: JsonPath, name: string): number {
  const tree = parseJsonTree(text.replace(/^\uFEFF/, ''));
  const array = tree && findNodeAtLocation(tree, path);
  return (array?.children ?? []).findIndex((element) => {
    const node = findNodeAtLocation(element, ['function', 'name']);
    return node?.type === 'string' && node.value === name;
  });
}

/**
 * The text after updating `drifts` from the source, in order; undefined when the file is not a
 * tools array. `renamed` (the import's name changes) keeps a `{"tools", "toolNames"}` file's
 * mapping right for the tools it declares afterwards; a bare array has nowhere to keep one.
 */
export function updatedText(text: string, drifts: readonly ToolDrift[], renamed?: readonly NameChange[]): string | undefined {
  const path = arrayPath(text);
  if (!path) return undefined;
  const formattingOptions = formattingOf(text);
  let next = text;
  for (const drift of drifts) {
    const index = indexOf(next, path, drift.tool);
    if (drift.status === 'added') {
      if (index >= 0) continue;
      next = applyEdits(next, modify(next, [...path, -1], drift.declaration, { formattingOptions, isArrayInsertion: true }));
    } else if (index >= 0) {
      next = applyEdits(next, modify(next, [...path, index], drift.status === 'removed' ? undefined : drift.declaration, { formattingOptions }));
    }
  }
  if (renamed && path.length > 0) next = withToolNames(next, path, renamed, formattingOptions);
  return next;
}

/**
 * `toolNames` for the tools the file declares: its own entries, and the import's changes over
 * them (removed when none are left); unchanged when already so.
 */
function withToolNames(text: string, path: JsonPath, renamed: readonly NameChange[], formattingOptions: FormattingOptions | undefined): string {
  const tree = parseJsonTree(text.replace(/^\uFEFF/, ''));
  const declared = new Set((tree && findNodeAtLocation(tree, path)?.children || []).map((e) => findNodeAtLocation(e, ['function', 'name'])?.value));
  const current = tree && findNodeAtLocation(tree, ['toolNames']);
  const own = current?.type === 'object' ? Object.entries(getNodeValue(current) as Record<string, unknown>) : [];
  const mapping = Object.fromEntries([...own, ...renamed.map((c) => [c.to, c.from] as const)].filter(([to]) => declared.has(to)));
  const wanted = Object.keys(mapping).length > 0 ? mapping : undefined;
  if (JSON.stringify(current ? getNodeValue(current) : undefined) === JSON.stringify(wanted)) return text;
  return applyEdits(text, modify(text, ['toolNames'], wanted, { formattingOptions }));
}

/** One edit covering exactly what differs between `before` and `after` (none when equal). */
export function singleEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
