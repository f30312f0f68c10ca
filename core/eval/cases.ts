// Turns an eval JSONL file into the cases a model is asked to reproduce: each
// assistant turn is a prompt (the messages before it) and an expected answer.
import { ACCEPTABLE_KEY, readAcceptable, type AcceptableArguments } from './acceptable.ts';
import { parseExampleLine, ToolsMemo } from './exampleLine.ts';
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

/**
 * A case as a line gives it: its prompt is cut from the line's messages when asked for, so
 * offline scoring, which never asks, copies no turn's history (the generated eval bench set:
 * 43,280 arrays; 3,043 -> 3,036 M instructions, whole process; real 4,295 -> 4,288 M).
 */
class LineCase implements EvalCase {
  declare acceptable?: (AcceptableArguments | undefined)[];
  readonly #messages: unknown[];

  constructor(
    readonly line: number,
    readonly turn: number,
    messages: unknown[],
    readonly tools: ToolDeclaration[],
    readonly expected: ToolCall[],
    readonly category: Category,
  ) {
    this.#messages = messages;
  }

  /** The messages before the turn, as a new array. */
  get history(): unknown[] {
    return this.#messages.slice(0, this.turn);
  }
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
  const tools = new ToolsMemo();
  text.split('\n').forEach((raw, index) => {
    const read = lineCases(raw.endsWith('\r') ? raw.slice(0, -1) : raw, index + 1, options, tools);
    if (read === null) return;
    if ('error' in read) errors.push(read.error);
    else cases.push(...read.cases);
  });
  return { cases, errors };
}

/**
 * The cases of one line (its text without the line break), why it cannot be used, or null when it
 * is blank. Lines read through one `tools` memo share the parse of equal tools lists.
 */
export function lineCases(source: string, line: number, options: ExtractOptions = {}, tools = new ToolsMemo()): { cases: EvalCase[] } | { error: LineError } | null {
  if (source.trim() === '') return null;
  try {
    return { cases: casesOfLine(source, line, options, tools) };
  } catch (error) {
    return { error: { line, message: error instanceof Error ? error.message : String(error) } };
  }
}

// One pass over the messages with plain loops, no intermediate arrays or closures: `toolcall
// eval --predictions` runs this once per line, so most of its cost was compiling it and
// recompiling it as messages of new shapes came by (the first pass is the only pass).
function casesOfLine(source: string, line: number, options: ExtractOptions, tools: ToolsMemo): EvalCase[] {
  const example = parseExampleLine(source, tools);
  const messages = example.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw new Error('"messages" must be a non-empty array.');
  for (let k = 0; k < messages.length; k++) {
    const m: unknown = messages[k];
    if (m === null || typeof m !== 'object' || typeof (m as ExampleMessage).role !== 'string') {
      throw new Error(`Message ${k} must be an object with a string "role".`);
    }
  }
  const declared = readTools(example.tools, tools);
  const callsPerMessage = readCallsPerMessage(messages as ExampleMessage[]);
  const category = categorize(messages as ExampleMessage[], callsPerMessage);
  const acceptable = readAlternatives(example[ACCEPTABLE_KEY], callsPerMessage);
  const out: EvalCase[] = [];
  let callingTurn = -1;
  for (let k = 0; k < messages.length; k++) {
    const calls = callsPerMessage[k];
    if (calls === undefined) continue;
    if (calls.length > 0) callingTurn++;
    if ((messages[k] as ExampleMessage).weight === 0 && !options.includeWeightZero) continue;
    // A turn without calls is a case only where the model could have called a tool.
    if (calls.length === 0 && declared.length === 0) continue;
    const c = new LineCase(line, k, messages, declared, calls, category);
    const alternatives = calls.length > 0 && acceptable !== undefined ? acceptable[callingTurn] : undefined;
    if (alternatives !== undefined && alternatives.some((a) => a !== undefined)) c.acceptable = alternatives;
    out.push(c);
  }
  return out;
}

/**
 * The declared tools, checked: the parsed array itself (or a new empty one), shared by the line's
 * cases. An array the memo shares between lines is checked on the first of them only.
 */
function readTools(tools: unknown, memo: ToolsMemo): ToolDeclaration[] {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) throw new Error('"tools" must be an array.');
  if (memo.isChecked(tools)) return tools as ToolDeclaration[];
  for (let k = 0; k < tools.length; k++) {
    const fn = (tools[k] as { function?: { name?: unknown } } | null)?.function;
    if (typeof fn?.name !== 'string') throw new Error(`Tool ${k} must have a string "function.name".`);
  }
  memo.markChecked(tools);
  return tools as ToolDeclaration[];
}

/** The calls of each assistant message (undefined for the other roles), checked in message order. */
function readCallsPerMessage(messages: ExampleMessage[]): (ToolCall[] | undefined)[] {
  const out = new Array<ToolCall[] | undefined>(messages.length);
  for (let k = 0; k < messages.length; k++) out[k] = messages[k].role === 'assistant' ? readCalls(messages[k], k) : undefined;
  return out;
}

function readCalls(message: ExampleMessage, k: number): ToolCall[] {
  const toolCalls = message.tool_calls;
  if (toolCalls === undefined || toolCalls === null) return [];
  if (!Array.isArray(toolCalls)) throw new Error(`Message ${k}: "tool_calls" must be an array.`);
  const calls = new Array<ToolCall>(toolCalls.length);
  for (let c = 0; c < toolCalls.length; c++) {
    const fn = (toolCalls[c] as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
    if (typeof fn?.name !== 'string') throw new Error(`Message ${k}, tool call ${c}: "function.name" must be a string.`);
    if (typeof fn.arguments !== 'string') throw new Error(`Message ${k}, tool call ${c}: "function.arguments" must be a string holding JSON.`);
    calls[c] = { name: fn.name, arguments: fn.arguments };
  }
  return calls;
}

/** The line's `acceptable` alternatives per calling turn, or undefined when it gives none (most lines). */
function readAlternatives(value: unknown, callsPerMessage: (ToolCall[] | undefined)[]): (AcceptableArguments | undefined)[][] | undefined {
  if (value === undefined || value === null) return undefined;
  const callsPerTurn: ToolCall[][] = [];
  for (const calls of callsPerMessage) if (calls !== undefined && calls.length > 0) callsPerTurn.push(calls);
  return readAcceptable(value, callsPerTurn);
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
  let callTurns = 0;
  let total = 0;
  for (let k = 0; k < callsPerMessage.length; k++) {
    const calls = callsPerMessage[k];
    if (calls === undefined || calls.length === 0) continue;
    if (messages[k].weight === 0) return 'error-recovery';
    callTurns++;
    total += calls.length;
  }
  for (let k = 0; k < callsPerMessage.length; k++) {
    const calls = callsPerMessage[k];
    if (calls === undefined || calls.length === 0) continue;
    for (let r = k + 1; r < messages.length && messages[r].role === 'tool'; r++) {
      const name = repliedName(messages[k].tool_calls as unknown[], calls, messages[r].tool_call_id);
      // The retried call first: a loop over the later calls' names, where the reply's two
      // regular expressions ran on every tool reply.
      if (name !== undefined && calledFrom(callsPerMessage, r + 1, name) && reportsError(messages[r].content)) return 'error-recovery';
    }
  }
  if (callTurns >= 2 || total >= 2) return 'multi-step';
  return total === 1 ? 'single-call' : 'no-call';
}

// The function a tool reply answers: the last call with the reply's id (ids compared as a Map
// keyed by them would, which JSON values cannot tell apart from ===), else the turn's only call.
function repliedName(toolCalls: unknown[], calls: ToolCall[], id: unknown): string | undefined {
  for (let c = toolCalls.length - 1; c >= 0; c--) if ((toolCalls[c] as { id?: unknown } | null)?.id === id) return calls[c].name;
  return calls.length === 1 ? calls[0].name : undefined;
}

/** Whether a message from index `from` on calls the function `name`. */
function calledFrom(callsPerMessage: (ToolCall[] | undefined)[], from: number, name: string): boolean {
  for (let k = from; k < callsPerMessage.length; k++) {
    const calls = callsPerMessage[k];
    if (calls !== undefined) for (const call of calls) if (call.name === name) return true;
  }
  return false;
}

const ERROR_KEY = /"error"\s*:/i;
const ERROR_WORD = /\b(error|exception|failed)\b/i;

function reportsError(content: unknown): boolean {
  const text = typeof content === 'string' ? content : Array.isArray(content) ? JSON.stringify(content) : '';
  return ERROR_KEY.test(text) || ERROR_WORD.test(text);
}
