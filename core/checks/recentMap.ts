/**
 * A map of at most `limit` entries that evicts the least recently used one, approximately: an
 * entry is moved to the young end when it is read while in the older half, so a hit costs a
 * lookup, not a delete and an insert (which made up most of the tool-set cache's time).
 */
export class RecentMap<V> {
  private readonly map = new Map<string, { key: string; value: V; stamp: number }>();
  private clock = 0;

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (this.clock - entry.stamp > this.limit >> 1) {
      this.map.delete(key);
      entry.stamp = this.clock++;
      // Under the key it was stored with: the one looked up may be a slice holding on to a whole read chunk.
      this.map.set(entry.key, entry);
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value!);
    this.map.set(key, { key, value, stamp: this.clock++ });
  }
}
