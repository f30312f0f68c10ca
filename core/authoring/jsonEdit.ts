// Edits of JSON text that keep every character outside the changed value as it was: the
// rest of a training example stays byte-for-byte what its author wrote.
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { parseJsonTree } from './jsonTree.ts';

/** Separators a text already uses, so inserted JSON looks like its neighbours. */
export interface JsonStyle {
  colon: string;
  comma: string;
}

export const COMPACT: JsonStyle = { colon: ':', comma: ',' };

/** The separators of the first object (or array) with two members found in the text; compact when none. */
export function styleOf(text: string): JsonStyle {
  const tree = parseJsonTree(text);
  if (!tree) return COMPACT;
  let colon: string | undefined;
  let comma: string | undefined;
  const visit = (node: Node) => {
    if (colon !== undefined && comma !== undefined) return;
    if (node.type === 'property' && colon === undefined && node.children?.length === 2) {
      const [key, value] = node.children;
      colon = text.slice(key.offset + key.length, value.offset);
    }
    if ((node.type === 'object' || node.type === 'array') && comma === undefined && node.children && node.children.length >= 2) {
      const [a, b] = node.children;
      comma = text.slice(a.offset + a.length, b.offset);
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  return { colon: colon ?? (comma?.includes(' ') ? ': ' : ':'), comma: comma ?? (colon?.includes(' ') ? ', ' : ',') };
}

/** Serialises a value with the given separators (one line, like JSON.stringify without indent). */
export function toJsonText(value: unknown, style: JsonStyle = COMPACT): string {
  if (Array.isArray(value)) return '[' + value.map((v) => toJsonText(v, style)).join(style.comma) + ']';
  if (typeof value === 'object' && value !== null) {
    return '{' + Object.entries(value).map(([k, v]) => JSON.stringify(k) + style.colon + toJsonText(v, style)).join(style.comma) + '}';
  }
  return JSON.stringify(value) ?? 'null';
}

export function nodeAt(text: string, path: JsonPath): Node | undefined {
  const tree = parseJsonTree(text);
  return tree && (path.length === 0 ? tree : findNodeAtLocation(tree, path));
}

const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

/** Replaces the value at `path` with `valueText`. */
export function replaceValue(text: string, path: JsonPath, valueText: string): string | undefined {
  const node = nodeAt(text, path);
  return node && splice(text, node.offset, node.offset + node.length, valueText);
}

/** Renames the key of the property at `path`. */
export function renameKey(text: string, path: JsonPath, newKey: string): string | undefined {
  const key = nodeAt(text, path)?.parent?.children?.[0];
  return key && splice(text, key.offset, key.offset + key.length, JSON.stringify(newKey));
}

/** Removes the property at `path` with one of its neighbouring commas. */
export function removeProperty(text: string, path: JsonPath): string | undefined {
  const property = nodeAt(text, path)?.parent;
  const siblings = property?.parent?.children;
  if (!property || property.type !== 'property' || !siblings) return undefined;
  const i = siblings.indexOf(property);
  const end = property.offset + property.length;
  if (i + 1 < siblings.length) return splice(text, property.offset, siblings[i + 1].offset, '');
  if (i > 0) return splice(text, siblings[i - 1].offset + siblings[i - 1].length, end, '');
  return splice(text, property.offset, end, '');
}

/** Where a new property goes: first, last, or right after an existing key (last when that key is absent). */
export type PropertyPosition = 'first' | 'last' | { after: string };

/** Inserts `"key": valueText` into the object at `objectPath`. */
export function insertProperty(text: string, objectPath: JsonPath, key: string, valueText: string, position: PropertyPosition = 'last', style = styleOf(text)): string | undefined {
  const object = nodeAt(text, objectPath);
  if (!object || object.type !== 'object') return undefined;
  const property = JSON.stringify(key) + style.colon + valueText;
  const members = object.children ?? [];
  if (members.length === 0) return splice(text, object.offset + 1, object.offset + 1, property);
  let after = -1;
  if (position === 'last') after = members.length - 1;
  else if (typeof position === 'object') {
    const found = members.findIndex((m) => m.children?.[0]?.value === position.after);
    after = found === -1 ? members.length - 1 : found;
  }
  if (after === -1) return splice(text, members[0].offset, members[0].offset, property + style.comma);
  const end = members[after].offset + members[after].length;
  return splice(text, end, end, style.comma + property);
}

/** Inserts `itemText` into the array at `arrayPath` so that it becomes element `index` (or the last). */
export function insertArrayItem(text: string, arrayPath: JsonPath, index: number, itemText: string, style = styleOf(text)): string | undefined {
  const array = nodeAt(text, arrayPath);
  if (!array || array.type !== 'array') return undefined;
  const items = array.children ?? [];
  if (items.length === 0) return splice(text, array.offset + 1, array.offset + 1, itemText);
  if (index < items.length) return splice(text, items[index].offset, items[index].offset, itemText + style.comma);
  const end = items[items.length - 1].offset + items[items.length - 1].length;
  return splice(text, end, end, style.comma + itemText);
}

/** Removes element `index` of the array at `arrayPath` with one of its neighbouring commas. */
export function removeArrayItem(text: string, arrayPath: JsonPath, index: number): string | undefined {
  const items = nodeAt(text, arrayPath)?.children;
  const item = items?.[index];
  if (!items || !item || item.parent?.type !== 'array') return undefined;
  const end = item.offset + item.length;
  if (index + 1 < items.length) return splice(text, item.offset, items[index + 1].offset, '');
  if (index > 0) return splice(text, items[index - 1].offset + items[index - 1].length, end, '');
  return splice(text, item.offset, end, '');
}
