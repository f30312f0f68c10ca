/**
 * BFCL's standardize_string, which its checker applies to every string it compares: drop spaces
 * and `,./-_*^`, lower-case, and read `'` as `"`.
 */
export function standardizeString(s: string): string {
  return s.replace(/[ ,./\-_*^]/g, '').toLowerCase().replaceAll("'", '"');
}
