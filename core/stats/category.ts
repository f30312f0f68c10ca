// Which of the four kinds of tool-calling example a line is. The categories are the ones
// the snippets teach: one call, recovery from a failed call, several steps, no call.
import { callsOf, contentText, isObject, type Call, type Example } from './example.ts';

export const CATEGORIES = ['single-call', 'error-recovery', 'multi-step', 'no-call'] as const;
export type Category = (typeof CATEGORIES)[number];

/** A call together with the index of the assistant message that makes it. */
export interface PlacedCall extends Call {
  messageIndex: number;
}

/** What `classify` finds in one example. */
export interface Classification {
  category: Category;
  calls: PlacedCall[];
  /**
   * Messages (0-based indexes into `messages`) holding a call that failed and was retried
   * while the turn still has `weight` 1 (absent counts as 1): the model learns the wrong call.
   */
  failedTurnsWithWeight: number[];
}

/**
 * Classifies an example:
 * - `error-recovery`: a call whose tool reply is an error (see `isErrorReply`) followed, in a
 *   later assistant turn, by a call of the same tool; or an assistant turn with `weight` 0
 *   that makes calls (the usual way to keep a deliberately wrong call out of training);
 * - otherwise `single-call` (exactly one call), `multi-step` (two or more calls: in several
 *   turns or in parallel) or `no-call`.
 */
export function classify(example: Example): Classification {
  const calls: PlacedCall[] = [];
  const replies = new Map<string, unknown>();
  // Legacy `function` messages answer the latest `function_call` of the same name.
  const legacyReplies = new Map<PlacedCall, unknown>();
  let zeroWeightCallTurn = false;
  example.messages.forEach((message, messageIndex) => {
    if (message.role === 'assistant') {
      const turnCalls = callsOf(message);
      for (const call of turnCalls) calls.push({ id: call.id, name: call.name, arguments: call.arguments, messageIndex });
      if (turnCalls.length > 0 && message.weight === 0) zeroWeightCallTurn = true;
    } else if (message.role === 'tool' && typeof message.tool_call_id === 'string') {
      if (!replies.has(message.tool_call_id)) replies.set(message.tool_call_id, message.content);
    } else if (message.role === 'function' && typeof message.name === 'string') {
      const call = [...calls].reverse().find((c) => c.id === undefined && c.name === message.name);
      if (call && !legacyReplies.has(call)) legacyReplies.set(call, message.content);
    }
  });

  const failedTurnsWithWeight = new Set<number>();
  let retried = false;
  for (const call of calls) {
    // Retried first: it is cheaper than reading the reply (which may parse it as JSON), and most calls are not.
    if (!calls.some((later) => later.messageIndex > call.messageIndex && later.name === call.name)) continue;
    const reply = call.id !== undefined ? replies.get(call.id) : legacyReplies.get(call);
    if (reply === undefined || !isErrorReply(reply)) continue;
    retried = true;
    if (example.messages[call.messageIndex].weight !== 0) failedTurnsWithWeight.add(call.messageIndex);
  }

  let category: Category;
  if (retried || zeroWeightCallTurn) category = 'error-recovery';
  else if (calls.length === 0) category = 'no-call';
  else if (calls.length === 1) category = 'single-call';
  else category = 'multi-step';
  return { category, calls, failedTurnsWithWeight: [...failedTurnsWithWeight].sort((a, b) => a - b) };
}

/**
 * Whether a tool's reply reports a failure. JSON object content: an `error` key whose value
 * is not null, false or "", or `status` "error"/"failed". Other content: a word starting
 * with "error" in any case ("Error: timeout", "request errored"). JSON content is judged by
 * its keys only, so `{"note": "no error"}` is not a failure.
 */
export function isErrorReply(content: unknown): boolean {
  const text = contentText(content).trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (isObject(parsed)) {
      const error = parsed.error;
      if (error !== undefined && error !== null && error !== false && error !== '') return true;
      return typeof parsed.status === 'string' && /^(error|failed)$/i.test(parsed.status);
    }
  }
  return /\berror/i.test(text);
}
