import { scanJsonText } from './depth.ts';

/**
 * Over a JSON text that JSON.parse accepted: where its nesting passed `limit` (-1: it did not) and
 * its number of object members. A parsed value with fewer members than the text had duplicate
 * keys: JSON.parse keeps the last.
 */
export function scanStructure(text: string, limit: number): { offset: number; members: number } {
  const { offset, members } = scanJsonText(text, limit);
  return { offset, members };
}

/** countMembers' stack, kept between calls (each walk ends with it empty): a new one grown on every line showed in profiles. */
const pending: unknown[] = [];

/** Own keys of every object in a parsed value, counted without recursion. */
export function countMembers(value: unknown): number {
  let count = 0;
  const stack = pending;
  stack.push(value);
  try {
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null) continue;
      if (Array.isArray(v)) {
        for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
        continue;
      }
      for (const key in v) {
        count++;
        const item = (v as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
    }
  } catch (error) {
    stack.length = 0; // nothing left for the next walk
    throw error;
  }
  return count;
}
