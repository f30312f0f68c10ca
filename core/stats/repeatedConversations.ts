// Conversations met before, for the near-duplicate index (duplicates.ts). Real files repeat one
// conversation on many lines with other fields changed (the real bench file: 63,481 lines, 9,224
// distinct user texts; call ids, tools and system prompts differ). An example's shingles depend
// only on its conversation's parts joined by spaces (shingles.ts), so a repeat takes the shingles
// of the first example with that text and the band buckets that example found or made, instead
// of reading its words, computing its MinHash and finding its 16 buckets again. On a file whose
// conversations do not repeat, a gate (repeatGate.ts) keeps all but a sample from looking up.
// What is held only decides where shingles and buckets come from, never what they are.
import { TextCache } from '../textCache.ts';
import { RepeatGate } from './repeatGate.ts';
import { sortedDistinct } from './shingles.ts';

/** Characters of conversation texts held (per generation; see TextCache): the real bench file's 13,709 distinct conversations are 4.9 million. */
const HELD_CHARS = 8_000_000;

export interface KnownConversation {
  /** The shingle hashes, sorted and without repeats. */
  shingles: Uint32Array;
  /** The bucket of each band (duplicates.ts). */
  buckets: Int32Array;
}

export class RepeatedConversations {
  private readonly known = new TextCache<KnownConversation>(HELD_CHARS, { keyByText: true, chargeTextLength: true });
  private readonly gate = new RepeatGate(1);
  /** The text of the last `find` that looked up and missed (remember holds what it is given under it), else undefined. */
  private missed: string | undefined;
  /** Conversations found (a work counter for tests). */
  hits = 0;

  /** The conversation of these parts (conversationParts), when an earlier one had the same text and is still held. */
  find(parts: readonly string[]): KnownConversation | undefined {
    this.missed = undefined;
    // The gate's sample is chosen by the first part: a repeat has the same one, so it is sampled or not as its first occurrence was.
    if (parts.length === 0 || !this.gate.shouldLookUp(0, parts[0])) return undefined;
    const text = parts.join(' ');
    const known = this.known.lookup(text);
    this.gate.record(0, parts[0], known !== undefined);
    if (known === undefined) this.missed = text;
    else this.hits++;
    return known;
  }

  /**
   * After a `find` that missed: holds the conversation's shingle hashes (`sorted`: already sorted
   * and without repeats; else a copy is made so) and its buckets, both copied. Otherwise nothing.
   */
  remember(hashes: Uint32Array, sorted: boolean, buckets: Int32Array): void {
    if (this.missed === undefined) return;
    this.known.set(this.missed, { shingles: sorted ? hashes.slice() : sortedDistinct(hashes.slice()), buckets: buckets.slice() });
    this.missed = undefined;
  }
}
