// Reads examples for the report so that a `tools` or `functions` array whose text was seen on an
// earlier line is not parsed again: the line is parsed with that array's text replaced by 0 (the
// array is often most of a real line) and the earlier array object is put in its place, together
// with what was derived from it already (its tokens, its keys: see SharedArray). The result is
// the same as readExample's.
import { BOM } from '../dataset/lines.ts';
import { TextCache } from '../textCache.ts';
import { detachedCopy } from '../text/detachedCopy.ts';
import { declarationsEnd, isKeyedSpan, lastDeclarationsSpanTo, QUOTED_FUNCTIONS, QUOTED_TOOLS, type DeclarationSpan, type DeclarationsKey } from './declarationSpans.ts';
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
  private readonly endings = new KnownEndings();
  private failuresInRow = 0;
  private sampled = 0;
  /** Lines tried, lines parsed with their array cut out, and how many of those arrays were read before (work counters for tests). */
  tried = 0;
  cut = 0;
  reused = 0;
  /** Lines whose array was found by its ending (KnownEndings), not searched for (a work counter for tests). */
  byEnding = 0;

  read(line: StatsLine): Example | 'blank' | 'invalid' {
    if (this.failuresInRow >= FAILURES_BEFORE_SAMPLING && ++this.sampled % FAILURES_BEFORE_SAMPLING !== 0) return readExample(line);
    const text = line.text.startsWith(BOM) ? line.text.slice(1) : line.text;
    const end = declarationsEnd(text);
    if (end === -1) return readExample(line);
    const known = this.endings.find(text, end);
    let span: DeclarationSpan | undefined;
    let array: SharedArray | undefined;
    if (known !== undefined) {
      span = { key: known.key, start: end - known.text.length, end };
      array = known.array;
      this.tried++;
      this.reused++;
      this.byEnding++;
    } else {
      span = lastDeclarationsSpanTo(text, end);
      if (span === undefined) return readExample(line);
      this.tried++;
      const arrayText = text.slice(span.start, span.end);
      array = this.arrays.lookup(arrayText);
      if (array === undefined) {
        const value = parseArray(arrayText);
        if (value === undefined) {
          this.failuresInRow++;
          return readExample(line);
        }
        this.arrays.set(arrayText, (array = { value }));
      } else this.reused++;
      this.endings.remember(arrayText, span.key, array);
    }
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

/** Characters at the end of an array's text by which KnownEndings finds it. */
const ENDING_CHARS = 64;
/** Arrays held per ending (newest first): array texts often end alike (`..."required": ["query"]}}}]`). */
const PER_ENDING = 8;
/** Characters of array texts held before KnownEndings starts over. */
const ENDINGS_CHARS = 2_000_000;

interface KnownArray {
  text: string;
  key: DeclarationsKey;
  array: SharedArray;
}

/**
 * Array texts read before, found at the end of a line by their last characters and compared
 * where they would lie (the text is then neither searched for its key, cut out, nor hashed:
 * those were ~5% of a run on the generated bench file). Only texts without a quoted "tools" or
 * "functions" in them are held, so that a line ending with one, keyed as isKeyedSpan checks, has
 * exactly the span lastDeclarationsSpan would find (the key's last occurrence is then that one).
 */
class KnownEndings {
  private readonly byEnding = new Map<string, KnownArray[]>();
  private chars = 0;

  /** The known array text that `text` ends with at `end` (declarationsEnd), keyed as lastDeclarationsSpan would find it. */
  find(text: string, end: number): KnownArray | undefined {
    if (end < ENDING_CHARS) return undefined;
    const known = this.byEnding.get(text.slice(end - ENDING_CHARS, end));
    if (known === undefined) return undefined;
    for (const candidate of known) {
      const start = end - candidate.text.length;
      // A slice compared with === (memcmp), not startsWith: V8 compares startsWith's texts one character at a time (~5 ns each).
      if (start > 0 && text.slice(start, end) === candidate.text && isKeyedSpan(text, candidate.key, start)) return candidate;
    }
    return undefined;
  }

  remember(arrayText: string, key: DeclarationsKey, array: SharedArray): void {
    if (arrayText.length < ENDING_CHARS || arrayText.includes(QUOTED_TOOLS) || arrayText.includes(QUOTED_FUNCTIONS)) return;
    if (this.chars + arrayText.length > ENDINGS_CHARS) {
      this.byEnding.clear();
      this.chars = 0;
    }
    const text = detachedCopy(arrayText);
    const ending = text.slice(text.length - ENDING_CHARS);
    const known = this.byEnding.get(ending);
    const entry = { text, key, array };
    if (known === undefined) this.byEnding.set(ending, [entry]);
    else {
      known.unshift(entry);
      if (known.length > PER_ENDING) known.pop();
    }
    this.chars += text.length;
  }
}
