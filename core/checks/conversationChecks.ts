import type { JsonPath } from '../dataset/jsonPath.ts';
import type { CallInfo } from './callChecks.ts';
import { Findings, isObject, show } from './findings.ts';

/** The turn structure the conversation rules need, one entry per message. */
export interface Turn {
  role: string | undefined;
  path: JsonPath;
  /** For assistant messages: the calls it makes. */
  calls?: CallInfo[];
  /** For tool messages: the id it answers (undefined when missing). */
  toolCallId?: unknown;
}

/**
 * Tool replies must answer calls of the assistant turn before them, once each. A conversation
 * may end right after a call (the model learns to emit it); once it goes on, every call needs
 * its reply before the next assistant or user turn.
 */
export function checkConversation(turns: Turn[], out: Findings): void {
  let open: { calls: CallInfo[]; answered: Set<string> } | undefined;
  const closeTurn = () => {
    if (!open) return;
    for (const call of open.calls) {
      if (call.id !== undefined && !open.answered.has(call.id)) {
        out.add('TC602', `Tool call ${show(call.id)} gets no tool reply, but the conversation continues; add a tool message with this tool_call_id.`, { path: [...call.path, 'id'] }, { callId: call.id, callPath: call.path });
      }
    }
  };
  for (const turn of turns) {
    if (turn.role === 'tool') {
      checkReply(turn, open, out);
      continue;
    }
    if (turn.role === 'function') continue; // legacy replies carry a name, not an id
    closeTurn();
    open = turn.role === 'assistant' && turn.calls?.some((c) => c.id !== undefined) ? { calls: turn.calls, answered: new Set() } : undefined;
  }
  // The example ends here: calls of a final assistant turn may stay unanswered; but when the
  // tool turn has begun, a missing reply is still a mistake.
  if (open && open.answered.size > 0) closeTurn();
}

function checkReply(turn: Turn, open: { calls: CallInfo[]; answered: Set<string> } | undefined, out: Findings): void {
  const id = turn.toolCallId;
  if (id === undefined) {
    out.add('TC605', 'Tool message has no "tool_call_id"; it must name the call it answers.', { path: turn.path, part: 'first-char' }, expectedIds(open));
    return;
  }
  const idPath = [...turn.path, 'tool_call_id'];
  if (!open) {
    out.add('TC604', 'Tool reply has no tool call before it; a tool message must follow an assistant message with "tool_calls".', { path: idPath });
    return;
  }
  const ids = open.calls.map((c) => c.id).filter((c): c is string => c !== undefined);
  if (typeof id !== 'string' || !ids.includes(id)) {
    const unanswered = ids.filter((c) => !open.answered.has(c));
    out.add('TC601', `"tool_call_id" ${show(id)} matches no call of the preceding assistant turn; expected ${(unanswered.length ? unanswered : ids).map((c) => show(c)).join(' or ')}.`, { path: idPath }, { unanswered });
    return;
  }
  if (open.answered.has(id)) out.add('TC603', `Call ${show(id)} is answered more than once; each call gets exactly one tool reply.`, { path: idPath });
  open.answered.add(id);
}

function expectedIds(open: { calls: CallInfo[]; answered: Set<string> } | undefined) {
  return { unanswered: open ? open.calls.map((c) => c.id).filter((id) => id !== undefined && !open.answered.has(id)) : [] };
}

/** The turn summary of one message (its calls are filled in by the call checks). */
export function turnOf(message: unknown, path: JsonPath): Turn {
  if (!isObject(message)) return { role: undefined, path };
  const role = typeof message.role === 'string' ? message.role : undefined;
  return role === 'tool' ? { role, path, toolCallId: message.tool_call_id } : { role, path };
}
