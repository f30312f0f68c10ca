import { distance } from 'fastest-levenshtein';

/** The candidates close enough to `word` to be what was meant, closest first. */
export function closest(word: string, candidates: Iterable<string>): string[] {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  const scored: { name: string; d: number }[] = [];
  for (const name of candidates) {
    const d = distance(lower, name.toLowerCase());
    if (d <= limit) scored.push({ name, d });
  }
  return scored.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name)).map((s) => s.name);
}

/**
 * The declared names a called name most likely meant: close spellings first, then names the
 * call is a truncated part of (or that are part of it) at a word boundary, e.g. "Proxies" for
 * "Tier1_Proxies" or "weather" for "get_weather".
 */
export function meantNames(word: string, candidates: Iterable<string>): string[] {
  const list = [...candidates];
  const found = closest(word, list);
  if (word.length < 3) return found;
  for (const name of list) {
    if (!found.includes(name) && (affixAtBoundary(name, word) || affixAtBoundary(word, name))) found.push(name);
  }
  return found;
}

/** `part` is a prefix or suffix of `whole` (case-insensitively) that ends or starts at a word boundary. */
function affixAtBoundary(whole: string, part: string): boolean {
  if (part.length < 3 || part.length >= whole.length) return false;
  const w = whole.toLowerCase();
  const p = part.toLowerCase();
  if (w.endsWith(p) && isBoundary(whole, whole.length - part.length)) return true;
  return w.startsWith(p) && isBoundary(whole, part.length);
}

/** A word boundary between whole[i - 1] and whole[i]: a separator on either side, or a lower-to-upper case change. */
function isBoundary(whole: string, i: number): boolean {
  const before = whole[i - 1];
  const after = whole[i];
  if (/[_\-.\s/:]/.test(before) || /[_\-.\s/:]/.test(after)) return true;
  return /[a-z0-9]/.test(before) && /[A-Z]/.test(after);
}
