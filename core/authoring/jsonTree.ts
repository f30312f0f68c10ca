import { parseTree, type Node } from 'jsonc-parser';
import { MAX_DEPTH, measureDepth } from '../dataset/depth.ts';

/** A position-aware parse of strict JSON, or undefined when too deep to parse safely. */
export function parseJsonTree(text: string): Node | undefined {
  if (measureDepth(text, MAX_DEPTH).offset !== -1) return undefined;
  try {
    return parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  } catch {
    return undefined;
  }
}
