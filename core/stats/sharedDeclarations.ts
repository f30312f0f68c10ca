// Reads examples for the report so that a `tools` or `functions` array whose text was seen on an
// earlier line is not parsed again: the line is parsed with that array's text replaced by 0 (the
// array is often most of a real line) and the earlier array object is put in its place, together
// with what was derived from it already (its tokens, its keys: see SharedArray). The result is
// the same as readExample's.
import { BOM } from '../dataset/lines.ts';
import { TextCache } from '../textCache.ts';
import { lastDeclarationsSpan } from './declarationSpans.ts';
import { readExample, toExample, type Example, type SharedArray, type StatsLine } from './example.ts';

/** Characters of array text whose parsed arrays are held (per generation; see TextCache). */
const HELD_CHARS = 4_000_000;
/**
 * After this many candidates in a row that were not the line's array (a file that puts `tools`
 * first and a declaration with a `tools` property, say), only one line in this many is tried:
 * each failed try costs a parse of the candidate.
 */
const FAILURES_BEFORE_SAMPLING = 64;

export class SharedDeclarationsReader {
  // Keyed by the array texts themselves: sha1 of each line's array text was ~2% of a run on the generated bench file.
  private readonly arrays = new TextCache<SharedArray>(HELD_CHARS, { chargeTextLength: true, keyByText: true });
  private failuresInRow = 0;
  private sampled = 0;
  /** Lines tried, lines parsed with their array cut out, and how many of those arrays were read before (work counters for tests). */
  tried = 0;
  cut = 0;
  reused = 0;

  read(line: StatsLine): Example | 'blank' | 'invalid' {
    if (this.failuresInRow >= FAILURES_BEFORE_SAMPLING && ++this.sampled % FAILURES_BEFORE_SAMPLING !== 0) return readExample(line);
    const text = line.text.startsWith(BOM) ? line.text.slice(1) : line.text;
    const span = lastDeclarationsSpan(text);
    if (span === undefined) return readExample(line);
    this.tried++;
    const arrayText = text.slice(span.start, span.end);
    let array = this.arrays.lookup(arrayText);
    if (array === undefined) {
      const value = parseArray(arrayText);
      if (value === undefined) {
        this.failuresInRow++;
        return readExample(line);
      }
      this.arrays.set(arrayText, (array = { value }));
    } else this.reused++;
    this.failuresInRow = 0;
    // The span parses alone, so the line is JSON exactly when it is with the span replaced by a
    // value (the span ends where the line's last value ends), and then that value is the array.
    const example = toExample(line.index, text.slice(0, span.start) + '0' + text.slice(span.end));
    if (typeof example === 'string') return example;
    this.cut++;
    example.value[span.key] = array.value;
    example.shared = span.key === 'tools' ? { tools: array } : { functions: array };
    return example;
  }
}

function parseArray(text: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
