// Replacing values inside one JSON line while every other character stays as written.
import { findNodeAtLocation } from 'jsonc-parser';
import { parseJsonTree } from '../authoring/jsonTree.ts';
import { styleOf, toJsonText } from '../authoring/jsonEdit.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';

/** Replaces the values at `paths` (right to left, so offsets stay valid); undefined when one is missing. */
export function replaceValues(text: string, replacements: { path: JsonPath; value: unknown }[]): string | undefined {
  const jsonStart = text.startsWith('\uFEFF') ? 1 : 0;
  const body = text.slice(jsonStart);
  const tree = parseJsonTree(body);
  if (!tree) return undefined;
  const style = styleOf(body);
  const spans: { start: number; end: number; text: string }[] = [];
  for (const { path, value } of replacements) {
    const node = path.length === 0 ? tree : findNodeAtLocation(tree, path);
    if (!node) return undefined;
    spans.push({ start: node.offset, end: node.offset + node.length, text: toJsonText(value, style) });
  }
  spans.sort((a, b) => b.start - a.start);
  let out = body;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return text.slice(0, jsonStart) + out;
}

/** Offsets (in `text`, after a BOM if any) of the string values at `paths` that exist. */
export function stringSpans(text: string, paths: JsonPath[]): { path: JsonPath; start: number; end: number }[] {
  const jsonStart = text.startsWith('\uFEFF') ? 1 : 0;
  const tree = parseJsonTree(text.slice(jsonStart));
  if (!tree) return [];
  const spans: { path: JsonPath; start: number; end: number }[] = [];
  for (const path of paths) {
    const node = findNodeAtLocation(tree, path);
    if (node && node.type === 'string') spans.push({ path, start: jsonStart + node.offset, end: jsonStart + node.offset + node.length });
  }
  return spans;
}
