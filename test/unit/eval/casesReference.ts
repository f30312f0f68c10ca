// The eval case extraction as it was before the one-pass rewrite of core/eval/cases.ts (commit
// e292c9a), kept as the reference the rewrite must equal line for line: same cases (fields and
// key order), same category, same first error. Not used outside tests.
import { ACCEPTABLE_KEY, readAcceptable } from '../../../core/eval/acceptable.ts';
import { parseObjectLine } from '../../../core/eval/jsonObjectLine.ts';
import type { EvalCase, ExampleMessage, ExtractOptions, LineError, ToolDeclaration } from '../../../core/eval/cases.ts';
import type { ToolCall } from '../../../core/eval/metrics.ts';
import type { Category } from '../../../core/stats/category.ts';

/**
 * An outcome of lineCases as plain data, as this reference gives it: each case's fields in the
 * reference's order, its history (which lineCases' cases cut from the line when asked) included.
 */
export function plainOutcome(outcome: { cases: EvalCase[] } | { error: LineError } | null): { cases: EvalCase[] } | { error: LineError } | null {
  if (outcome === null || 'error' in outcome) return outcome;
  return {
    cases: outcome.cases.map((c) => {
      const plain: EvalCase = { line: c.line, turn: c.turn, history: c.history, tools: c.tools, expected: c.expected, category: c.category };
      if (c.acceptable !== undefined) plain.acceptable = c.acceptable;
      return plain;
    }),
  };
}

/** The cases of one line (its text without the line break), why it cannot be used, or null when it is blank. */
export function referenceLineCases(source: string, line: number, options: ExtractOptions = {}): { cases: EvalCase[] } | { error: LineError } | null {
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
function categorize(messages: ExampleMessage[], callsPerMessage: (ToolCall[] | undefined)[]): Category {
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
