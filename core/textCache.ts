// A memo keyed by text, bounded by the characters it holds rather than by entries: real files
// repeat a few long texts (system prompts, tools JSON) on every line among many short ones, and
// an entry-count bound either thrashes on the long ones or lets memory grow with the short ones.
import { hash } from 'node:crypto';

/** Texts longer than this are keyed by their sha1 (28 characters) instead of being held. */
const HASHED_FROM = 256;
const HASH_CHARS = 28;

/**
 * Two generations: new keys go into the young one; when it holds `maxChars` characters of keys,
 * it becomes the old one (the previous old one is dropped). A hit in the old generation moves the
 * entry back, so a text seen on every line stays. Long texts are keyed by sha1, so holding one
 * costs 28 characters, not its length.
 */
export class TextCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  // Short texts and hashes of long ones in separate maps: a short text may look like a hash.
  private youngLong = new Map<string, V>();
  private oldLong = new Map<string, V>();
  private youngChars = 0;
  /** Cache misses: how many times `compute` ran (a work counter for tests). */
  misses = 0;

  constructor(private readonly maxChars: number) {}

  get(text: string, compute: (text: string) => V): V {
    const long = text.length > HASHED_FROM;
    const key = long ? hash('sha1', text, 'base64') : text;
    const young = long ? this.youngLong : this.young;
    let value = young.get(key);
    if (value !== undefined) return value;
    const old = long ? this.oldLong : this.old;
    value = old.get(key);
    if (value === undefined) {
      this.misses++;
      value = compute(text);
    } else old.delete(key);
    this.set(long, key, value);
    return value;
  }

  private set(long: boolean, key: string, value: V): void {
    const chars = long ? HASH_CHARS : key.length;
    if (this.youngChars + chars > this.maxChars) {
      this.old = this.young;
      this.oldLong = this.youngLong;
      this.young = new Map();
      this.youngLong = new Map();
      this.youngChars = 0;
    }
    (long ? this.youngLong : this.young).set(key, value);
    this.youngChars += chars;
  }
}
