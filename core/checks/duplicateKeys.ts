import { parseTree, type Node } from 'jsonc-parser';
import type { Finding } from './findings.ts';

/**
 * TC107: a key repeated in one object. JSON.parse (and the service's reader) keeps the last
 * value, so the earlier one is dropped without a word: each dropped key is reported, with the
 * key that wins as related information. Only called for lines known to have duplicates.
 */
export function duplicateKeyFindings(body: string, jsonStart: number): Finding[] {
  const tree = parseTree(body, [], { disallowComments: true, allowTrailingComma: false });
  if (!tree) return [];
  const found: Finding[] = [];
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const last = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key) last.set(String(key.value), key);
      }
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        const kept = key && last.get(String(key.value));
        if (!key || !kept || kept === key) continue;
        const keptAt = { start: kept.offset + jsonStart, end: kept.offset + kept.length + jsonStart };
        found.push({
          code: 'TC107',
          message: `Key ${JSON.stringify(key.value)} appears again later in this object (column ${keptAt.start + 1}); JSON readers keep only the last value, so this one is silently dropped.`,
          target: { path: [], span: { start: key.offset + jsonStart, end: key.offset + key.length + jsonStart } },
          related: [{ target: { path: [], span: keptAt }, message: 'The value kept for this key.' }],
        });
      }
    }
    for (const child of node.children ?? []) if (child.type === 'object' || child.type === 'array' || child.type === 'property') stack.push(child);
  }
  return found.sort((a, b) => a.target.span!.start - b.target.span!.start);
}
