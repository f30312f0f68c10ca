/**
 * One pass over a JSON text that JSON.parse accepted: its nesting depth (stopping at the
 * bracket that crosses `limit`) and its number of object members (one per ':' outside strings).
 * A parsed value with fewer members than the text had duplicate keys: JSON.parse keeps the last.
 */
export function scanStructure(text: string, limit: number): { offset: number; members: number } {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 58 /* : */) {
      members++;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return { offset: i, members };
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return { offset: -1, members };
}

/** Own keys of every object in a parsed value, counted without recursion. */
export function countMembers(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
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
  return count;
}
