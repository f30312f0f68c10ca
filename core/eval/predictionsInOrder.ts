// Predictions read alongside the eval set, for a predictions file that lists its cases in the eval
// set's order (scripts that answer the set line by line write them so): each case's prediction is
// then the next one read, and no table is held. The table of a whole file (PredictionTable)
// outlived the young generation, so every prediction was copied twice by the scavenger and the old
// generation grew to a full collection: on the generated eval bench set ~200 M of ~2,830 M
// instructions (-7%), real ~240 M (-6%). A file out of that order is found out at its first key
// that does not rise, and scored again from the start with the table (core/eval/offline.ts): a
// shuffled file costs almost nothing more (read a batch ahead, below), one that goes back only
// at its end (fix-ups appended) a second pass over the eval set.
import type { LineReader } from '../dataset/lines.ts';
import type { LineError } from './cases.ts';
import { readPredictionLine, type Prediction } from './predictions.ts';

/**
 * Thrown when the file's keys (line, turn) do not rise strictly from one prediction to the next,
 * or the cases are asked out of order: scoring then starts again with the whole table, which also
 * reports a repeated key as the error it is.
 */
export class PredictionsOutOfOrder extends Error {
  constructor() {
    super('The predictions are not in the order of the eval set.');
  }
}

/**
 * Predictions read ahead of the cases asked, in batches of this many: a file out of order is
 * then found at the first case of a batch that holds its first step back. One at a time, a file
 * whose first line is a late case was read no further until the eval set got there: a shuffled
 * generated bench file was found out half-way on average (3,843 M instructions against the
 * table's 2,851 M); in batches of 64 it is found at the first case.
 */
const READ_AHEAD = 64;

/** A predictions file read as far as the cases asked for so far (and a batch ahead), with PredictionTable's errors. */
export class PredictionsInOrder {
  /** The file's bad lines so far, as PredictionTable reports them. */
  readonly errors: LineError[] = [];
  /** Read, not yet given, from `next` on: their cases come later (or never). */
  private readonly ahead: Prediction[] = [];
  private next = 0;
  private lastLine = 0;
  private lastTurn = -1;
  private askedLine = 0;
  private askedTurn = -1;

  constructor(private readonly reader: LineReader) {}

  /** The prediction for the case at (line, turn); each case asked must come after the one before. */
  get(line: number, turn: number): Prediction | undefined {
    if (!isAfter(line, turn, this.askedLine, this.askedTurn)) throw new PredictionsOutOfOrder();
    this.askedLine = line;
    this.askedTurn = turn;
    while (this.next < this.ahead.length || this.readAhead()) {
      const p = this.ahead[this.next]!;
      if (isAfter(p.line, p.turn, line, turn)) return undefined;
      this.next++;
      // A prediction for a case the eval set does not have is passed over, as the table ignores it.
      if (p.line === line && p.turn === turn) return p;
    }
    return undefined;
  }

  /** Reads the rest of the file, for its errors and its order. */
  finish(): void {
    while (this.readAhead());
  }

  /** Reads the next batch in place of the one given; false at the end of the file. */
  private readAhead(): boolean {
    this.ahead.length = 0;
    this.next = 0;
    while (this.ahead.length < READ_AHEAD && this.reader.nextLine()) {
      const p = readPredictionLine(this.reader.text(), this.reader.index + 1, this.errors);
      if (p === undefined) continue;
      if (!isAfter(p.line, p.turn, this.lastLine, this.lastTurn)) throw new PredictionsOutOfOrder();
      this.lastLine = p.line;
      this.lastTurn = p.turn;
      this.ahead.push(p);
    }
    return this.ahead.length > 0;
  }
}

function isAfter(line: number, turn: number, lastLine: number, lastTurn: number): boolean {
  return line > lastLine || (line === lastLine && turn > lastTurn);
}
