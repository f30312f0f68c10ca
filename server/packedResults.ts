// The check worker's answers in a compact form. Posting one object per diagnostic and per
// line's facts cost the main thread more than the worker saved it: the real 50 MB file's
// 40,590 diagnostics and 24,000 lines of facts were structured clones to decode, then garbage
// for both heaps. A batch is now a few strings and typed arrays: each line's diagnostics as
// JSON, parsed only when they are read (a capped publish reads the head of the list), its
// counts by severity, its content key, and an id for its declarations (one list per tool set,
// sent once).
import type { Diagnostic } from '../core/checks/findings.ts';
import type { LineFacts } from '../core/checks/lineFacts.ts';
import type { Declaration } from '../core/checks/toolSet.ts';

/** One line's diagnostics as the worker wrote them, and how many there are of each severity. */
export interface PackedDiagnostics {
  /** `JSON.stringify` of the line's diagnostics (never empty: a line without any has none of these). */
  json: string;
  error: number;
  warning: number;
  info: number;
  hint: number;
}

/** What checking one line gives: as `DatasetValidator.checkLine` (diagnostics maybe still packed), or the message of what it threw. */
export type LineResult = { diagnostics: Diagnostic[] | PackedDiagnostics; facts: LineFacts } | { error: string };

/** A batch of consecutive lines' results, as posted from the worker (typed arrays transferred, not copied). */
export interface PackedBatch {
  first: number;
  count: number;
  /** The diagnostics of each line that has any, as a JSON array: one string a line (one for the batch would be two bytes a character as soon as one message is). */
  json: string[];
  /** Four numbers a line: its errors, warnings, infos and hints (all 0: no diagnostics, no JSON). */
  numbers: Int32Array;
  /** Per line: EXAMPLE, HAS_KEY, THREW bits. */
  flags: Uint8Array;
  /** The content keys of the lines with HAS_KEY, in order, each followed by a line feed (base64 has none). */
  keys: string;
  /** Per line: the id of its declaration list, or -1. */
  declarations: Int32Array;
  /** Declaration lists first used in this batch; their ids continue from the previous batch's. */
  newDeclarations: Declaration[][];
  /** The messages of the lines with THREW, in order. */
  errors: string[];
}

const EXAMPLE = 1;
const HAS_KEY = 2;
const THREW = 4;
const NUMBERS_PER_LINE = 4;

/** The worker's side: packs batches of results, each declaration list (shared per tool set) sent once. */
export class BatchPacker {
  private readonly ids = new Map<readonly Declaration[], number>();

  pack(first: number, results: readonly ({ diagnostics: Diagnostic[]; facts: LineFacts } | { error: string })[]): PackedBatch {
    const count = results.length;
    const numbers = new Int32Array(count * NUMBERS_PER_LINE);
    const flags = new Uint8Array(count);
    const declarations = new Int32Array(count).fill(-1);
    const newDeclarations: Declaration[][] = [];
    const errors: string[] = [];
    const json: string[] = [];
    let keys = '';
    for (let k = 0; k < count; k++) {
      const result = results[k]!;
      const at = k * NUMBERS_PER_LINE;
      if ('error' in result) {
        flags[k] = THREW;
        errors.push(result.error);
        continue;
      }
      const { diagnostics, facts } = result;
      if (diagnostics.length !== 0) {
        json.push(JSON.stringify(diagnostics));
        for (const d of diagnostics) numbers[at + SEVERITY_SLOT[d.severity]]++;
      }
      let flag = facts.isExample ? EXAMPLE : 0;
      if (facts.contentKey !== undefined) {
        flag |= HAS_KEY;
        keys += facts.contentKey + '\n';
      }
      flags[k] = flag;
      if (facts.declarations !== undefined) {
        let id = this.ids.get(facts.declarations);
        if (id === undefined) {
          id = this.ids.size;
          this.ids.set(facts.declarations, id);
          newDeclarations.push([...facts.declarations]);
        }
        declarations[k] = id;
      }
    }
    return { first, count, json, numbers, flags, keys, declarations, newDeclarations, errors };
  }
}

const SEVERITY_SLOT = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Declaration lists whose strings an unpacker already shared (a line cache need not share them again). */
const sharedLists = new WeakSet<readonly Declaration[]>();

/** Whether `list` came from a `BatchUnpacker`, its names and keys already shared. */
export function isUnpackedList(list: readonly Declaration[]): boolean {
  return sharedLists.has(list);
}

/** A received batch, read line by line. */
export interface UnpackedBatch {
  readonly first: number;
  readonly count: number;
  /** The result of the batch's `k`-th line. */
  line(k: number): LineResult;
}

/**
 * The main thread's side of one worker: batches must be unpacked in the order they were
 * packed (declaration ids continue from batch to batch). Tool names and keys are shared with
 * `strings` so that equal ones from the worker are one string here.
 */
export class BatchUnpacker {
  private readonly declarations: (readonly Declaration[])[] = [];

  constructor(private readonly strings: Map<string, string> = new Map()) {}

  unpack(batch: PackedBatch): UnpackedBatch {
    for (const list of batch.newDeclarations) {
      shareDeclarationStrings(list, this.strings);
      this.declarations.push(list);
      sharedLists.add(list);
    }
    const keys = batch.keys.length === 0 ? [] : batch.keys.split('\n');
    const { numbers, flags, json, declarations } = batch;
    // Where each line's JSON, key and error sit in `json`, `keys` and `errors`: counted once, read in any order.
    const jsonAt = new Int32Array(batch.count);
    const keyAt = new Int32Array(batch.count);
    const errorAt = new Int32Array(batch.count);
    let nextJson = 0;
    let nextKey = 0;
    let nextError = 0;
    for (let k = 0; k < batch.count; k++) {
      const at = k * NUMBERS_PER_LINE;
      jsonAt[k] = numbers[at]! + numbers[at + 1]! + numbers[at + 2]! + numbers[at + 3]! > 0 ? nextJson++ : -1;
      keyAt[k] = flags[k]! & HAS_KEY ? nextKey++ : -1;
      errorAt[k] = flags[k]! & THREW ? nextError++ : -1;
    }
    return {
      first: batch.first,
      count: batch.count,
      line: (k) => {
        if (flags[k]! & THREW) return { error: batch.errors[errorAt[k]!]! };
        const facts: LineFacts = { isExample: (flags[k]! & EXAMPLE) !== 0 };
        if (keyAt[k] !== -1) facts.contentKey = keys[keyAt[k]!];
        if (declarations[k] !== -1) facts.declarations = this.declarations[declarations[k]!];
        if (jsonAt[k] === -1) return { diagnostics: [], facts };
        const at = k * NUMBERS_PER_LINE;
        return { diagnostics: { json: json[jsonAt[k]!]!, error: numbers[at]!, warning: numbers[at + 1]!, info: numbers[at + 2]!, hint: numbers[at + 3]! }, facts };
      },
    };
  }
}

/**
 * Declarations copied from another thread carry their own copy of every tool name and key (this
 * thread's validator shares them through its tool-set cache): makes equal ones one string, the
 * first met in `strings`.
 */
export function shareDeclarationStrings(list: readonly Declaration[], strings: Map<string, string>): void {
  for (const d of list) {
    d.name = sharedString(d.name, strings);
    d.key = sharedString(d.key, strings);
  }
}

function sharedString(text: string, strings: Map<string, string>): string {
  const known = strings.get(text);
  if (known !== undefined) return known;
  strings.set(text, text);
  return text;
}

/** The typed arrays of a batch, to transfer rather than copy. */
export function transferablesOf(batch: PackedBatch): ArrayBuffer[] {
  return [batch.numbers.buffer as ArrayBuffer, batch.flags.buffer as ArrayBuffer, batch.declarations.buffer as ArrayBuffer];
}
