/**
 * One pass over a JSON text, without recursion (recursive parsers and walkers overflow the stack
 * near 5,000 levels): its nesting depth, stopping once `limit` is passed at the offset of the
 * bracket that crossed it, and its number of object members (one per ':' outside strings).
 */
export function scanJsonText(text: string, limit: number): { depth: number; offset: number; members: number } {
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
      if (++depth > limit) return { depth, offset: i, members };
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return { depth: Math.max(depth, 0), offset: -1, members };
}

/** Nesting depth of a JSON text (see scanJsonText), and where it passed `limit` (-1: it did not). */
export function measureDepth(text: string, limit: number): { depth: number; offset: number } {
  const { depth, offset } = scanJsonText(text, limit);
  return { depth, offset };
}

/** Deeper than this, a line is refused: no real training example comes close. */
export const MAX_DEPTH = 256;

/**
 * Deeper than this, a line that IS valid JSON is refused too: the rules' walkers are not built
 * for it. Between MAX_DEPTH and this, the rules run and say something more precise (a schema
 * over the nesting budget, content of the wrong shape).
 */
export const MAX_VALID_DEPTH = 2048;
