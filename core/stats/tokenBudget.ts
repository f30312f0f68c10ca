// Bounds the tokenizer's work on one example. gpt-tokenizer costs about 5 us per character of
// text it has not seen (random identifiers, base64, DNA): a 2 MB line took 28 s, a 50 MB line
// 17 s, blocking whatever thread checks it. An example with more text than EXACT_CHARS is
// sampled: the first SAMPLE_CHARS are counted, the rest estimated at the sample's rate. When the
// estimate is near the limit (within a factor of NEAR), the count is exact after all; that costs
// about NEAR * limit / rate characters, bounded by the limit rather than by the line.
import { countExampleTokens, type TokenCounter } from './tokens.ts';
import type { Example } from './example.ts';

/** Examples with at most this much text to tokenize are always counted exactly. */
export const EXACT_CHARS = 300_000;
/** Characters counted exactly before the rest of a longer example is estimated. */
export const SAMPLE_CHARS = 100_000;
/** An estimate within this factor of the limit (either way) is replaced by the exact count. */
const NEAR = 1.5;

/** Tokens of an example: exact, or estimated from a sample of `sampledChars` of its `totalChars`. */
export interface ExampleTokens {
  tokens: number;
  estimated: boolean;
  totalChars: number;
  /** Characters the tokenizer was given (the work done). */
  countedChars: number;
}

/** Counts like `inner`, remembering how many characters it was given. */
class MeteredCounter implements TokenCounter {
  countedChars = 0;
  constructor(private readonly inner: TokenCounter) {}
  get encoding() {
    return this.inner.encoding;
  }
  count(text: string): number {
    this.countedChars += text.length;
    return this.inner.count(text);
  }
}

/** Counts `budget` characters exactly, then estimates each further text at the rate so far. */
class SamplingCounter extends MeteredCounter {
  private tokens = 0;
  constructor(
    inner: TokenCounter,
    private budget: number,
  ) {
    super(inner);
  }
  override count(text: string): number {
    if (this.budget <= 0) return Math.ceil(text.length * this.rate());
    // Cut on a code-point boundary: never count half a surrogate pair.
    let cut = Math.min(text.length, this.budget);
    if (cut < text.length && (text.charCodeAt(cut - 1) & 0xfc00) === 0xd800) cut--;
    const counted = super.count(text.slice(0, cut));
    this.budget -= cut;
    this.tokens += counted;
    return counted + Math.ceil((text.length - cut) * this.rate());
  }
  private rate(): number {
    return this.countedChars > 0 ? this.tokens / this.countedChars : 0.25;
  }
}

/** The example's tokens against `limit`, with bounded work (see the top of the file). */
export function countExampleTokensBounded(example: Example, counter: TokenCounter, limit: number, budget = { exactChars: EXACT_CHARS, sampleChars: SAMPLE_CHARS }): ExampleTokens {
  let totalChars = 0;
  countExampleTokens(example, { encoding: counter.encoding, count: (text) => ((totalChars += text.length), 0) });
  if (totalChars > budget.exactChars) {
    const sampling = new SamplingCounter(counter, budget.sampleChars);
    const estimate = countExampleTokens(example, sampling);
    if (estimate > limit * NEAR || estimate * NEAR < limit) return { tokens: estimate, estimated: true, totalChars, countedChars: sampling.countedChars };
  }
  const metered = new MeteredCounter(counter);
  return { tokens: countExampleTokens(example, metered), estimated: false, totalChars, countedChars: metered.countedChars };
}
