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
