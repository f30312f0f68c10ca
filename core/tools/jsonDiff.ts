import { canonicalJson } from '../schema/canonical.ts';
import { isPlainObject } from '../schema/schemaWalk.ts';

/**
 * Dotted paths where two JSON values differ, outermost differing level first reported once:
 * objects are compared key by key (keys of `a` first, then keys only in `b`); any other value
 * (arrays included, so a reordered `enum` is one difference) is compared whole.
 */
export function differingPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
    return keys.flatMap((key) => {
      const path = prefix ? `${prefix}.${key}` : key;
      if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key)) return [path];
      return differingPaths(a[key], b[key], path);
    });
  }
  return canonicalJson(a) === canonicalJson(b) ? [] : [prefix || '(value)'];
}
