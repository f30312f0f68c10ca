// Turns an eval JSONL file into the cases a model is asked to reproduce: each
// assistant turn is a prompt (the messages before it) and an expected answer.
import { ACCEPTABLE_KEY, readAcceptable, type AcceptableArguments } from './acceptable.ts';
import { parseObjectLine } from './jsonObjectLine.ts';
import type { ToolCall } from './metrics.ts';
import type { Category } from '../stats/category.ts';

/** The kind of example a case comes from (one per example, shared by its cases); the same names as the dataset report. */
export type { Category } from '../stats/category.ts';

/** A tool as declared on the line (`{type: 'function', function: {name, description?, parameters?}}`). */
export interface ToolDeclaration {
  type: 'function';
  function: { name: string; description?: string; parameters?: unknown };
}

/** One assistant turn to reproduce. */
export interface EvalCase {
  /** 1-based line of the example in the file. */
  line: number;
  /** 0-based index of the assistant message in `messages`. */
  turn: number;
  /** The messages before the turn: the prompt. */
  history: unknown[];
  tools: ToolDeclaration[];
  /** The calls of the turn; empty for a "no call expected" case. */
  expected: ToolCall[];
  /** Acceptable alternatives per expected call (the line's `acceptable` key), for structural match. */
  acceptable?: (AcceptableArguments | undefined)[];
  category: Category;
}

/** A line that could not be used, with why. */
export interface LineError {
  line: number;
  message: string;
}

/** Options of `extractCases`. */
export interface ExtractOptions {
  /**
   * Also make cases of assistant turns with `weight: 0` (default false): such a turn
   * is a deliberately wrong call kept as context (error recovery), so it is history,
   * not an answer to reproduce.
   */
  includeWeightZero?: boolean;
}

/** The fields of a message the extraction reads. */
export interface ExampleMessage {
  role: string;
  content?: unknown;
  tool_calls?: unknown;
  weight?: unknown;
  tool_call_id?: unknown;
}

/** The cases of every valid line; invalid lines are reported in `errors`, never thrown. Blank lines are skipped. */
export function extractCases(text: string, options: ExtractOptions = {}): { cases: EvalCase[]; errors: LineError[] } {
  const cases: EvalCase[] = [];
  const errors: LineError[] = [];
  text.split('\n').forEach((raw, index) => {
    const read = lineCases(raw.endsWith('\r') ? raw.slice(0, -1) : raw, index + 1, options);
    if (read === null) return;
    if ('error' in read) errors.push(read.error);
    else cases.push(...read.cases);
  });
  return { cases, errors };
}

/** The cases of one line (its text without the line break), why it cannot be used, or null when it is blank. */
export function lineCases(source: string, line: number, options: ExtractOptions = {}): { cases: EvalCase[] } | { error: LineError } | null {
  if (source.trim() === '') return null;
  try {
    return { cases: casesOfLine(source, line, options) };
  } catch (error) {
    return { error: { line, message: error instanceof Error ? error.message : String(error) } };
  }
}

function casesOfLine(source: string, line: number, options: ExtractOptions): EvalCase[] {
  const { messages, tools, [ACCEPTABLE_KEY]: acceptableValue } = parseObjectLine(source);
  if (!Array.isArray(messages) || messages.length === 0) throw new Error('"messages" must be a non-empty array.');
  messages.forEach((m, k) => {
    if (m === null || typeof m !== 'object' || typeof (m as ExampleMessage).role !== 'string') {
      throw new Error(`Message ${k} must be an object with a string "role".`);
    }
  });
  const declared = readTools(tools);
  const turns = (messages as ExampleMessage[]).map((m, k) => (m.role === 'assistant' ? { k, calls: readCalls(m, k) } : undefined));
  const category = categorize(messages as ExampleMessage[], turns.map((t) => t?.calls));
  const callingTurns = turns.filter((t) => t !== undefined && t.calls.length > 0) as { k: number; calls: ToolCall[] }[];
  const acceptable = readAcceptable(acceptableValue, callingTurns.map((t) => t.calls));
  const out: EvalCase[] = [];
  for (const t of turns) {
    if (t === undefined) continue;
    const message = messages[t.k] as ExampleMessage;
    if (message.weight === 0 && !options.includeWeightZero) continue;
    // A turn without calls is a case only where the model could have called a tool.
    if (t.calls.length === 0 && declared.length === 0) continue;
    const alternatives = acceptable[callingTurns.indexOf(t)];
    out.push({
      line, turn: t.k, history: messages.slice(0, t.k), tools: declared, expected: t.calls, category,
      ...(alternatives?.some((a) => a !== undefined) ? { acceptable: alternatives } : {}),
    });
  }
  return out;
}

function readTools(tools: unknown): ToolDeclaration[] {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) throw new Error('"tools" must be an array.');
  return tools.map((tool, k) => {
    const fn = (tool as { function?: { name?: unknown } } | null)?.function;
    if (typeof fn?.name !== 'string') throw new Error(`Tool ${k} must have a string "function.name".`);
    return tool as ToolDeclaration;
  });
}

function readCalls(message: ExampleMessage, k: number): ToolCall[] {
  if (message.tool_calls === undefined || message.tool_calls === null) return [];
  if (!Array.isArray(message.tool_calls)) throw new Error(`Message ${k}: "tool_calls" must be an array.`);
  return message.tool_calls.map((call, c) => {
    const fn = (call as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
    if (typeof fn?.name !== 'string') throw new Error(`Message ${k}, tool call ${c}: "function.name" must be a string.`);
    if (typeof fn.arguments !== 'string') throw new Error(`Message ${k}, tool call ${c}: "function.arguments" must be a string holding JSON.`);
    return { name: fn.name, arguments: fn.arguments };
  });
}

/**
 * The example's category, first rule that applies:
 * - error-recovery: a call turn has weight 0, or a tool reply reports an error
 *   (content has `"error"` as a JSON key or the word error/exception/failed) and
 *   a later assistant turn calls the same function again;
 * - multi-step: calls in 2+ assistant turns, or 2+ calls in one turn (parallel);
 * - single-call: exactly one call; no-call: none.
 */
export function categorize(messages: ExampleMessage[], callsPerMessage: (ToolCall[] | undefined)[]): Category {
  const callTurns = callsPerMessage.flatMap((calls, k) => (calls && calls.length > 0 ? [k] : []));
  if (callTurns.some((k) => messages[k].weight === 0)) return 'error-recovery';
  for (const k of callTurns) {
    const calls = callsPerMessage[k]!;
    const ids = new Map<unknown, string>();
    (messages[k].tool_calls as { id?: unknown }[]).forEach((call, c) => ids.set(call?.id, calls[c].name));
    for (let r = k + 1; r < messages.length && messages[r].role === 'tool'; r++) {
      const name = ids.get(messages[r].tool_call_id) ?? (calls.length === 1 ? calls[0].name : undefined);
      if (name === undefined || !reportsError(messages[r].content)) continue;
      const retried = callsPerMessage.slice(r + 1).some((later) => later?.some((call) => call.name === name));
      if (retried) return 'error-recovery';
    }
  }
  const total = callTurns.reduce((n, k) => n + callsPerMessage[k]!.length, 0);
  if (callTurns.length >= 2 || total >= 2) return 'multi-step';
  return total === 1 ? 'single-call' : 'no-call';
}

function reportsError(content: unknown): boolean {
  const text = typeof content === 'string' ? content : Array.isArray(content) ? JSON.stringify(content) : '';
  if (/"error"\s*:/i.test(text)) return true;
  return /\b(error|exception|failed)\b/i.test(text);
}
