// Real datasets repeat the same call on many lines (a corpus line replicated with new ids and
// wording): on the real-data bench file 97% of calls repeat an earlier (tool, arguments) pair.
// Parsing those arguments and checking them against the schema again gave the same answer.

/** What checks a call's arguments: a tool's compiled schema, or NO_SCHEMA. */
export type ArgumentChecker = object;

/** The key of calls to a tool without a compiled schema (undeclared, no parameters). */
export const NO_SCHEMA: ArgumentChecker = Object.freeze({});

/** Lookups in a checker's trial: after it, a checker whose calls rarely repeat stops remembering. */
export const TRIAL_LOOKUPS = 16;
/** Most texts remembered per checker. */
export const MAX_REMEMBERED = 4096;
/** Longest arguments text remembered (the text is held). */
export const MAX_REMEMBERED_LENGTH = 4096;
/** Most characters held, all checkers together (the real bench file needs ~160,000). */
export const MAX_REMEMBERED_CHARS = 4_000_000;

interface Remembered {
  /** Arguments texts that gave no finding. */
  clean: Set<string>;
  /** Characters of the texts in `clean`. */
  chars: number;
  lookups: number;
  hits: number;
  /** Off after a trial with few repeats (the generated bench file: 5%); the set is then dropped. */
  off: boolean;
}

/**
 * Arguments texts that gave no finding with a checker, so that a call repeating one is not
 * parsed and checked again: the answer depends only on the text and the checker (schemas are
 * compiled once per content and their validation is a pure function of the parsed value).
 * Keyed by the checker, so it lives as long as the compiled schema does.
 */
export class ArgumentMemo {
  private readonly byChecker = new WeakMap<ArgumentChecker, Remembered>();
  /** Characters held by checkers still remembering (a checker's texts are released when it stops). */
  private chars = 0;

  /** Whether `text` gave no finding with `checker` before (counts toward the checker's trial). */
  wasClean(checker: ArgumentChecker, text: string): boolean {
    const remembered = this.of(checker);
    if (remembered.off) return false;
    remembered.lookups++;
    if (remembered.clean.has(text)) {
      remembered.hits++;
      return true;
    }
    // Fewer than one repeat in eight: remembering costs more than it saves.
    if (remembered.lookups === TRIAL_LOOKUPS && remembered.hits * 8 < TRIAL_LOOKUPS) {
      remembered.off = true;
      remembered.clean.clear();
      this.chars -= remembered.chars;
      remembered.chars = 0;
    }
    return false;
  }

  /** Remembers that `text` gave no finding with `checker`. */
  rememberClean(checker: ArgumentChecker, text: string): void {
    if (text.length > MAX_REMEMBERED_LENGTH) return;
    const remembered = this.of(checker);
    if (remembered.off || remembered.clean.size >= MAX_REMEMBERED || this.chars + text.length > MAX_REMEMBERED_CHARS || remembered.clean.has(text)) return;
    remembered.clean.add(text);
    remembered.chars += text.length;
    this.chars += text.length;
  }

  private of(checker: ArgumentChecker): Remembered {
    let remembered = this.byChecker.get(checker);
    if (!remembered) this.byChecker.set(checker, (remembered = { clean: new Set(), chars: 0, lookups: 0, hits: 0, off: false }));
    return remembered;
  }

  /** Whether `checker` stopped remembering after its trial. */
  isOff(checker: ArgumentChecker): boolean {
    return this.byChecker.get(checker)?.off ?? false;
  }
}
