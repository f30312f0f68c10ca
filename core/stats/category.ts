// Which of the four kinds of tool-calling example a line is. The categories are the ones
// the snippets teach: one call, recovery from a failed call, several steps, no call.
import { callsOf, contentText, isObject, type Call, type Example, type Message } from './example.ts';

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
  // Nothing per line but the calls: the replies are looked up only for a call that is retried,
  // which few are (a Map of replies, one of legacy replies and a Set per line were ~1 KB of the
  // ~9 KB `toolcall stats` allocates per line, each allocation bringing the next scavenge closer).
  const calls: PlacedCall[] = [];
  const messages = example.messages;
  // Legacy `function` messages answer the latest `function_call` of the same name.
  let legacyReplies: Map<PlacedCall, unknown> | undefined;
  let zeroWeightCallTurn = false;
  for (let messageIndex = 0; messageIndex < messages.length; messageIndex++) {
    const message = messages[messageIndex];
    if (message.role === 'assistant') {
      const turnCalls = callsOf(message);
      for (const call of turnCalls) calls.push({ id: call.id, name: call.name, arguments: call.arguments, messageIndex });
      if (turnCalls.length > 0 && message.weight === 0) zeroWeightCallTurn = true;
    } else if (message.role === 'function' && typeof message.name === 'string') {
      const call = latestLegacyCall(calls, message.name);
      legacyReplies ??= new Map();
      if (call && !legacyReplies.has(call)) legacyReplies.set(call, message.content);
    }
  }

  let failedTurnsWithWeight: Set<number> | undefined;
  let retried = false;
  for (const call of calls) {
    // Retried first: it is cheaper than reading the reply (which may parse it as JSON), and most calls are not.
    if (!calls.some((later) => later.messageIndex > call.messageIndex && later.name === call.name)) continue;
    const reply = call.id !== undefined ? toolReply(messages, call.id) : legacyReplies?.get(call);
    if (reply === undefined || !isErrorReply(reply)) continue;
    retried = true;
    if (messages[call.messageIndex].weight !== 0) (failedTurnsWithWeight ??= new Set()).add(call.messageIndex);
  }

  let category: Category;
  if (retried || zeroWeightCallTurn) category = 'error-recovery';
  else if (calls.length === 0) category = 'no-call';
  else if (calls.length === 1) category = 'single-call';
  else category = 'multi-step';
  return { category, calls, failedTurnsWithWeight: failedTurnsWithWeight ? [...failedTurnsWithWeight].sort((a, b) => a - b) : [] };
}

/** The content of the first tool message that answers the call `id` (anywhere in the conversation), or undefined. */
function toolReply(messages: Message[], id: string): unknown {
  for (const message of messages) if (message.role === 'tool' && message.tool_call_id === id) return message.content;
  return undefined;
}

/** The latest call so far without an id and with this name (what a legacy `function` message answers). */
function latestLegacyCall(calls: PlacedCall[], name: string): PlacedCall | undefined {
  for (let i = calls.length - 1; i >= 0; i--) if (calls[i].id === undefined && calls[i].name === name) return calls[i];
  return undefined;
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
