// Conversations met before, for the near-duplicate index (duplicates.ts). Real files repeat one
// conversation on many lines with other fields changed (the real bench file: 63,481 lines, 13,709
// distinct conversations; call ids, tools and system prompts differ). An example's shingles depend
// only on its conversation's parts joined by spaces (shingles.ts), so a repeat takes the shingles
// of the first example with that text (from the index's pool) and the band buckets that example
// found or made, instead of reading its words, computing its MinHash and finding its 16 buckets
// again. On a file whose conversations do not repeat, a gate (repeatGate.ts) keeps all but a
// sample from looking up. What is held only decides where shingles and buckets come from, never
// what they are. Held as numbers (typed columns), not an object and typed arrays per
// conversation: 8,000 small typed arrays held on the generated bench file cost more than the
// lookups (+2.8% of the run's instructions).
import { TextCache } from '../textCache.ts';
import { Int32List } from './int32List.ts';
import { RepeatGate } from './repeatGate.ts';

/** Characters of conversation texts held (per generation; see TextCache): the real bench file's distinct conversations are 4.9 million. */
const HELD_CHARS = 8_000_000;

export class RepeatedConversations {
  /** Conversation text -> its number. */
  private readonly known = new TextCache<number>(HELD_CHARS, { keyByText: true, chargeTextLength: true });
  private readonly gate = new RepeatGate(1);
  /** Per conversation number: the first example with it, its text's partsTextHash, and (`bands` per conversation) its buckets. */
  private readonly firsts = new Int32List();
  private readonly textHashes = new Int32List();
  private readonly buckets = new Int32List();
  /** The text of the last `find` that looked up and missed (remember numbers it), else undefined. */
  private missed: string | undefined;
  /** Conversations found (a work counter for tests). */
  hits = 0;

  constructor(private readonly bands: number) {}

  /** The number of the conversation of these parts (conversationParts) when an earlier example had the same text and it is still held, else -1. */
  find(parts: readonly string[]): number {
    this.missed = undefined;
    // The gate's sample is chosen by the first part: a repeat has the same one, so it is sampled or not as its first occurrence was.
    if (parts.length === 0 || !this.gate.shouldLookUp(0, parts[0])) return -1;
    const text = parts.join(' ');
    const known = this.known.lookup(text);
    this.gate.record(0, parts[0], known !== undefined);
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    this.missed = text;
    return -1;
  }

  /** The first example (the index's id) with the conversation. */
  firstExample(conversation: number): number {
    return this.firsts.get(conversation);
  }

  /** partsTextHash of the conversation's parts (the same for every example with its text). */
  textHash(conversation: number): number {
    return this.textHashes.get(conversation);
  }

  /** The bucket of `band` that the conversation's first example found or made. */
  bucket(conversation: number, band: number): number {
    return this.buckets.get(conversation * this.bands + band);
  }

  /** After a `find` that missed: numbers the conversation of example `id`, whose buckets are `buckets` (one per band) and whose text hashes to `textHash`. Otherwise nothing. */
  remember(id: number, buckets: Int32Array, textHash: number): void {
    if (this.missed === undefined) return;
    const conversation = this.firsts.length;
    this.firsts.push(id);
    this.textHashes.push(textHash);
    for (let band = 0; band < this.bands; band++) this.buckets.push(buckets[band]);
    this.known.set(this.missed, conversation);
    this.missed = undefined;
  }
}
