// A memo keyed by text, bounded by the characters it holds rather than by entries: real files
// repeat a few long texts (system prompts, tools JSON) on every line among many short ones, and
// an entry-count bound either thrashes on the long ones or lets memory grow with the short ones.
import { hash } from 'node:crypto';
import { detachedCopy } from './text/detachedCopy.ts';

/** Texts longer than this are keyed by their sha1 (28 characters) instead of being held. */
const HASHED_FROM = 256;
const HASH_CHARS = 28;

export interface TextCacheOptions {
  /**
   * Charge each entry its text's full length, not its key's: for values that grow with the text
   * (a parsed JSON value), so the bound is on what the values hold.
   */
  chargeTextLength?: boolean;
  /**
   * Key long texts by a copy of themselves rather than by their sha1: the map then compares and
   * hashes the text natively, cheaper than sha1 for a caller that looks up the same few texts on
   * every line (sharedDeclarations.ts). Each key is held as a copy, so a text cut from a longer
   * string (a line, a chunk of the file) does not keep that string alive.
   */
  keyByText?: boolean;
}

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
  // The key of the last long text looked up: `set` after a failed `lookup` does not hash it again.
  private lastText = '';
  private lastKey = '';
  /** Cache misses: how many times `compute` ran (a work counter for tests). */
  misses = 0;

  constructor(
    private readonly maxChars: number,
    private readonly options: TextCacheOptions = {},
  ) {}

  get(text: string, compute: (text: string) => V): V {
    let value = this.lookup(text);
    if (value === undefined) {
      this.misses++;
      value = compute(text);
      this.set(text, value);
    }
    return value;
  }

  /** The value held for `text`, or undefined (a hit in the old generation moves back to the young one). */
  lookup(text: string): V | undefined {
    const long = text.length > HASHED_FROM && !this.options.keyByText;
    const key = long ? this.longKey(text) : text;
    const value = (long ? this.youngLong : this.young).get(key);
    if (value !== undefined) return value;
    const old = long ? this.oldLong : this.old;
    const older = old.get(key);
    if (older === undefined) return undefined;
    old.delete(key);
    this.insert(text, key, long, older);
    return older;
  }

  /** Holds `value` for `text` (which `lookup` did not find). */
  set(text: string, value: V): void {
    if (this.options.keyByText) {
      this.insert(text, detachedCopy(text), false, value);
      return;
    }
    const long = text.length > HASHED_FROM;
    this.insert(text, long ? this.longKey(text) : text, long, value);
  }

  private longKey(text: string): string {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastKey = hash('sha1', text, 'base64');
    }
    return this.lastKey;
  }

  private insert(text: string, key: string, long: boolean, value: V): void {
    const chars = this.options.chargeTextLength ? text.length : long ? HASH_CHARS : key.length;
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
