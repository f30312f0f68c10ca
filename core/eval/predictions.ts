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

/** Predictions keyed by `caseKey`; bad lines (and repeats of a key) go to `errors`, never thrown. */
export function parsePredictions(text: string): { predictions: Map<string, Prediction>; errors: LineError[] } {
  const table = new PredictionTable();
  text.split('\n').forEach((raw, index) => table.add(raw, index + 1));
  return { predictions: table.predictions, errors: table.errors };
}

/** Predictions read one line at a time (a file streamed), with the same checks as parsePredictions. */
export class PredictionTable {
  readonly predictions = new Map<string, Prediction>();
  readonly errors: LineError[] = [];

  /** Reads line `line` (1-based) of the predictions file; blank lines are skipped. */
  add(raw: string, line: number): void {
    if (raw.trim() === '') return;
    try {
      const p = readPrediction(raw);
      const key = caseKey(p.line, p.turn);
      if (this.predictions.has(key)) throw new Error(`A prediction for line ${p.line}, turn ${p.turn} was already given.`);
      this.predictions.set(key, p);
    } catch (error) {
      this.errors.push({ line, message: (error as Error).message });
    }
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
    calls = toolCalls.map((call, c) => {
      const fn = (call as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
      if (typeof fn?.name !== 'string') throw new Error(`tool_calls[${c}].function.name must be a string.`);
      if (typeof fn.arguments !== 'string') throw new Error(`tool_calls[${c}].function.arguments must be a string holding JSON, as the API returns it.`);
      return { name: fn.name, arguments: fn.arguments };
    });
  }
  return { line: line as number, turn: turn as number, calls, content: (content as string | null | undefined) ?? null };
}
