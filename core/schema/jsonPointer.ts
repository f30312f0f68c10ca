// JSON Pointer (RFC 6901) to JsonPath. ajv reports locations as pointers; the rest of the project
// wants paths whose array indexes are numbers, which only the pointed-into value can tell.
import type { JsonPath } from './types.ts';

function unescapeSegment(segment: string): string {
  return segment.indexOf('~') < 0 ? segment : segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** Decodes a JSON pointer ("/a/0/b~1c") into a path, using `root` to know which segments are array indexes. */
export function pointerToPath(pointer: string, root: unknown): JsonPath {
  if (pointer === '') return [];
  const path: JsonPath = [];
  let current: unknown = root;
  const segments = pointer.split('/');
  for (let i = 1; i < segments.length; i++) {
    const segment = unescapeSegment(segments[i]);
    if (Array.isArray(current) && ARRAY_INDEX.test(segment)) {
      const index = Number(segment);
      path.push(index);
      current = current[index];
    } else {
      path.push(segment);
      current = current !== null && typeof current === 'object' && Object.hasOwn(current, segment)
        ? (current as Record<string, unknown>)[segment]
        : undefined;
    }
  }
  return path;
}

/** Decodes a URI fragment pointer as ajv writes schema paths ("#/properties/a%20b") into a path. */
export function fragmentToPath(fragment: string, root: unknown): JsonPath {
  let pointer = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  try {
    pointer = decodeURIComponent(pointer);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  return pointerToPath(pointer, root);
}
