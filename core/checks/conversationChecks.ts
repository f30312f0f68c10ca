import type { JsonPath } from '../dataset/jsonPath.ts';
import type { CallInfo } from './callChecks.ts';
import { distance } from 'fastest-levenshtein';
import { Findings, isObject, show } from './findings.ts';

/** The turn structure the conversation rules need, one entry per message. */
export interface Turn {
  role: string | undefined;
  path: JsonPath;
  /** For assistant messages: the calls it makes. */
  calls?: CallInfo[];
  /** For tool messages: the id it answers (undefined when missing). */
  toolCallId?: unknown;
  /** For legacy function messages: the function they answer. */
  name?: unknown;
}

/** The assistant turn whose calls are waiting for replies, and the replies seen so far. */
interface OpenTurn {
  calls: CallInfo[];
  answered: Set<string>;
  /** Replies whose id matches no call of the turn. */
  orphans: { id: unknown; idPath: JsonPath }[];
}

/**
 * Tool replies must answer calls of the assistant turn before them, once each. A conversation
 * may end right after a call (the model learns to emit it); once it goes on, every call needs
 * its reply before the next assistant or user turn. A reply whose id is one or two characters
 * off an unanswered call's id is one mistake, said once on the reply (TC601), not also as a
 * call without a reply (TC602).
 */
export function checkConversation(turns: Turn[], out: Findings): void {
  let open: OpenTurn | undefined;
  for (const turn of turns) {
    if (turn.role === 'tool') {
      checkReply(turn, open, out);
      continue;
    }
    if (turn.role === 'function') {
      // Legacy replies carry a name, not an id: fine after a function_call, not after tool_calls.
      if (open) checkFunctionReply(turn, open, out);
      continue;
    }
    if (open) closeTurn(open, false, out);
    open = turn.role === 'assistant' && turn.calls?.some((c) => c.id !== undefined) ? { calls: turn.calls, answered: new Set(), orphans: [] } : undefined;
  }
  if (open) closeTurn(open, true, out);
}

/** The findings of a turn whose replies are over (`final`: the example ends with it). A function, not a closure made per line. */
function closeTurn(open: OpenTurn, final: boolean, out: Findings): void {
  const unanswered = open.calls.filter((c) => c.id !== undefined && !open.answered.has(c.id));
  const paired = reportOrphans(open, unanswered, out);
  // At the end of the example, calls may stay unanswered unless the tool turn has begun.
  if (final && open.answered.size === 0 && open.orphans.length === 0) return;
  for (const call of unanswered) {
    if (paired.has(call)) continue;
    out.add('TC602', `Tool call ${show(call.id)} gets no tool reply, but the conversation continues; add a tool message with this tool_call_id.`, { path: [...call.path, 'id'] }, { callId: call.id, callPath: call.path, orphanReplies: open.orphans.length });
  }
}

/** TC601 for each reply that answers no call; a near-miss of an unanswered id is paired with that call. Returns the paired calls. */
function reportOrphans(open: OpenTurn, unanswered: CallInfo[], out: Findings): ReadonlySet<CallInfo> {
  if (open.orphans.length === 0) return NOTHING_PAIRED;
  const paired = new Set<CallInfo>();
  const ids = open.calls.map((c) => c.id).filter((c): c is string => c !== undefined);
  for (const orphan of open.orphans) {
    const near = typeof orphan.id === 'string' ? nearestCall(orphan.id, unanswered.filter((c) => !paired.has(c))) : undefined;
    // One wrong id and one call without a reply in the same turn are one mistake too.
    const only = !near && typeof orphan.id === 'string' && open.orphans.length === 1 && unanswered.length === 1 ? { call: unanswered[0], distance: 0 } : undefined;
    const match = near ?? only;
    if (match) {
      paired.add(match.call);
      const why = match.distance === 1 ? 'is one character off' : match.distance === 2 ? 'is two characters off' : 'matches no call of the turn; the one call without a reply is';
      const near = match;
      out.add(
        'TC601',
        `"tool_call_id" ${show(orphan.id)} ${why} call ${show(near.call.id)}${match.distance ? ', which has no reply' : ''}; change it to ${show(near.call.id)}.`,
        { path: orphan.idPath },
        { unanswered: [near.call.id] },
        [{ target: { path: [...near.call.path, 'id'] }, message: `The call ${show(near.call.id)} this reply most likely answers.` }],
      );
      continue;
    }
    const open_ = unanswered.filter((c) => !paired.has(c)).map((c) => c.id as string);
    out.add('TC601', `"tool_call_id" ${show(orphan.id)} matches no call of the preceding assistant turn; expected ${(open_.length ? open_ : ids).map((c) => show(c)).join(' or ')}.`, { path: orphan.idPath }, { unanswered: open_ });
  }
  return paired;
}

const NOTHING_PAIRED: ReadonlySet<CallInfo> = new Set();

/** The unanswered call whose id is one or two edits from `id` (the closest; none on a tie). */
function nearestCall(id: string, calls: CallInfo[]): { call: CallInfo; distance: number } | undefined {
  let best: { call: CallInfo; distance: number } | undefined;
  let tie = false;
  for (const call of calls) {
    const d = distance(id, call.id as string);
    if (d > 2 || d >= Math.max(id.length, (call.id as string).length)) continue;
    if (!best || d < best.distance) {
      best = { call, distance: d };
      tie = false;
    } else if (d === best.distance) tie = true;
  }
  return tie ? undefined : best;
}

function checkReply(turn: Turn, open: OpenTurn | undefined, out: Findings): void {
  const id = turn.toolCallId;
  if (id === undefined) {
    out.add('TC605', 'Tool message has no "tool_call_id"; it must name the call it answers.', { path: turn.path, part: 'first-char' }, expectedIds(open));
    return;
  }
  if (!open) {
    out.add('TC604', 'Tool reply has no tool call before it; a tool message must follow an assistant message with "tool_calls".', { path: idPathOf(turn) });
    return;
  }
  if (typeof id !== 'string' || !open.calls.some((c) => c.id === id)) {
    open.orphans.push({ id, idPath: idPathOf(turn) }); // said when the turn closes, once its unanswered calls are known
    return;
  }
  if (open.answered.has(id)) out.add('TC603', `Call ${show(id)} is answered more than once; each call gets exactly one tool reply.`, { path: idPathOf(turn) });
  open.answered.add(id);
}

/** A reply's tool_call_id path, made only for a finding: most replies answer their call. */
const idPathOf = (turn: Turn): JsonPath => [...turn.path, 'tool_call_id'];

function expectedIds(open: OpenTurn | undefined) {
  return { unanswered: open ? open.calls.map((c) => c.id).filter((id) => id !== undefined && !open.answered.has(id)) : [] };
}

/**
 * A "function" message after an assistant turn with tool_calls: the reply of another format
 * (ShareGPT's function_response, legacy function calling). The call it answers is the one
 * unanswered call to that function, when there is exactly one: then the fix is certain.
 */
function checkFunctionReply(turn: Turn, open: OpenTurn, out: Findings): void {
  const ids = open.calls.filter((c) => c.id !== undefined && !open.answered.has(c.id) && c.name === turn.name);
  const callId = ids.length === 1 ? ids[0].id! : undefined;
  if (callId !== undefined) open.answered.add(callId);
  const use = callId !== undefined ? `role "tool" with "tool_call_id" ${show(callId)}` : 'role "tool" with the "tool_call_id" of the call it answers';
  out.add('TC606', `A "function" message answers a legacy function_call, but the assistant turn before it made tool_calls; use ${use}.`, { path: [...turn.path, 'role'] }, { callId });
}

/** The turn summary of one message (its calls are filled in by the call checks). */
export function turnOf(message: unknown, path: JsonPath): Turn {
  if (!isObject(message)) return { role: undefined, path };
  const role = typeof message.role === 'string' ? message.role : undefined;
  if (role === 'tool') return { role, path, toolCallId: message.tool_call_id };
  return role === 'function' ? { role, path, name: message.name } : { role, path };
}
