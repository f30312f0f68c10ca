// Offline predictions: one JSONL line per case, `{"line", "turn", "tool_calls"?, "content"?}`,
// tool_calls in the OpenAI format, so a model's answers can be scored without a network.
import type { LineError } from './cases.ts';
import { parseObjectLine } from './jsonObjectLine.ts';
import type { ToolCall } from './metrics.ts';

/** What the model answered for the case at (line, turn). */
export interface Prediction {
  line: number;
  turn: number;
  calls: ToolCall[];
  content: string | null;
}

/** The key of a case or prediction in maps. */
export function caseKey(line: number, turn: number): string {
  return `${line}:${turn}`;
}

/** Predictions keyed by `caseKey`, in file order; bad lines (and repeats of a key) go to `errors`, never thrown. */
export function parsePredictions(text: string): { predictions: Map<string, Prediction>; errors: LineError[] } {
  const table = new PredictionTable();
  const predictions = new Map<string, Prediction>();
  text.split('\n').forEach((raw, index) => {
    const p = table.add(raw, index + 1);
    if (p) predictions.set(caseKey(p.line, p.turn), p);
  });
  return { predictions, errors: table.errors };
}

/**
 * A prediction as the table holds it: its content, then each call's name and arguments. One
 * array instead of a Prediction, its calls array and an object per call: the bench's predictions
 * tables went from 7.4 / 9.6 MB of heap to 4.3 / 5.6 MB (generated / real).
 */
type Packed = (string | null)[];

/**
 * Keys of (line, turn) as one small integer (a Smi, below 2^30), exact while line < 2^24 and
 * turn < 64; the rest go to `wide`. A key past 2^30 is a heap number, which Map hashes and
 * allocates on every lookup: with turns spanning 2^16, every line past 16,383 was one (the bench
 * sets' lines go to 21,700; the lookups were 2-5% of a run's profile).
 */
const TURN_SPAN = 64;
const MAX_PACKED_LINE = 2 ** 24;

/** Predictions read one line at a time (a file streamed), with the same checks as parsePredictions, held packed. */
export class PredictionTable {
  private readonly packed = new Map<number, Packed>();
  /** Keys past the numeric ones (a turn of 65,536 or more), by caseKey. */
  private readonly wide = new Map<string, Packed>();
  /** One copy of each function name: models call the same few tools on every line. */
  private readonly names = new Map<string, string>();
  readonly errors: LineError[] = [];

  /** How many predictions are held. */
  get size(): number {
    return this.packed.size + this.wide.size;
  }

  /** Reads line `line` (1-based) of the predictions file and gives the prediction it added; blank lines are skipped. */
  add(raw: string, line: number): Prediction | undefined {
    const p = readPredictionLine(raw, line, this.errors);
    if (p === undefined) return undefined;
    if (this.packedOf(p.line, p.turn) !== undefined) {
      this.errors.push({ line, message: `A prediction for line ${p.line}, turn ${p.turn} was already given.` });
      return undefined;
    }
    // Sized once: an array grown by push keeps room for 16 more.
    const packed: Packed = new Array<string | null>(1 + 2 * p.calls.length);
    packed[0] = p.content;
    for (let c = 0; c < p.calls.length; c++) {
      packed[1 + 2 * c] = this.name(p.calls[c]!.name);
      packed[2 + 2 * c] = p.calls[c]!.arguments;
    }
    if (isNarrow(p.line, p.turn)) this.packed.set(p.line * TURN_SPAN + p.turn, packed);
    else this.wide.set(caseKey(p.line, p.turn), packed);
    return p;
  }

  /** The prediction for the case at (line, turn), if one was read. */
  get(line: number, turn: number): Prediction | undefined {
    const packed = this.packedOf(line, turn);
    if (packed === undefined) return undefined;
    // Sized once, as readCalls sizes the expected calls: a push onto [] makes room for 17.
    const calls = new Array<ToolCall>((packed.length - 1) / 2);
    for (let c = 0; c < calls.length; c++) calls[c] = { name: packed[1 + 2 * c]!, arguments: packed[2 + 2 * c]! };
    return { line, turn, calls, content: packed[0] as string | null };
  }

  private packedOf(line: number, turn: number): Packed | undefined {
    return isNarrow(line, turn) ? this.packed.get(line * TURN_SPAN + turn) : this.wide.get(caseKey(line, turn));
  }

  private name(name: string): string {
    const known = this.names.get(name);
    if (known !== undefined) return known;
    this.names.set(name, name);
    return name;
  }
}

function isNarrow(line: number, turn: number): boolean {
  return turn < TURN_SPAN && line < MAX_PACKED_LINE;
}

/**
 * Line `line` (1-based) of a predictions file: its prediction, or undefined for a blank line and
 * for a line that is not a prediction (then its error is added to `errors`).
 */
export function readPredictionLine(raw: string, line: number, errors: LineError[]): Prediction | undefined {
  if (raw.trim() === '') return undefined;
  try {
    return readPrediction(raw);
  } catch (error) {
    errors.push({ line, message: (error as Error).message });
    return undefined;
  }
}

function readPrediction(raw: string): Prediction {
  const { line, turn, tool_calls: toolCalls, content } = parseObjectLine(raw);
  if (!Number.isInteger(line) || (line as number) < 1) throw new Error('"line" must be an integer >= 1 (the 1-based line of the example).');
  if (!Number.isInteger(turn) || (turn as number) < 0) throw new Error('"turn" must be an integer >= 0 (the index of the assistant message).');
  if (content !== undefined && content !== null && typeof content !== 'string') throw new Error('"content" must be a string or null.');
  let calls: ToolCall[] = [];
  if (toolCalls !== undefined && toolCalls !== null) {
    if (!Array.isArray(toolCalls)) throw new Error('"tool_calls" must be an array.');
    // A loop, not map: no closure per line (every function of this one pass gets compiled).
    calls = new Array<ToolCall>(toolCalls.length);
    for (let c = 0; c < toolCalls.length; c++) {
      const fn = (toolCalls[c] as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
      if (typeof fn?.name !== 'string') throw new Error(`tool_calls[${c}].function.name must be a string.`);
      if (typeof fn.arguments !== 'string') throw new Error(`tool_calls[${c}].function.arguments must be a string holding JSON, as the API returns it.`);
      calls[c] = { name: fn.name, arguments: fn.arguments };
    }
  }
  return { line: line as number, turn: turn as number, calls, content: (content as string | null | undefined) ?? null };
}
