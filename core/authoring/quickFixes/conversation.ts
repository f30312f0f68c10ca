// The conversation's bookkeeping: ids that tie tool replies to calls, and a reply that is missing.
import { randomInt } from 'node:crypto';
import { isObject } from '../../checks/findings.ts';
import { insertArrayItem, insertProperty, replaceValue, styleOf, toJsonText } from '../jsonEdit.ts';
import { callPathOf, type LineAnalysis } from '../lineAnalysis.ts';
import { dataOf, tick, type Fix, type FixEnv, type FixProvider } from './types.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `call_` and 24 random letters and digits, the shape of OpenAI's call ids. */
export function randomCallId(): string {
  let id = 'call_';
  for (let i = 0; i < 24; i++) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

/** Every call id and tool_call_id used in the example. */
function idsOf(line: LineAnalysis): Set<string> {
  const ids = new Set<string>();
  const messages = line.example?.messages;
  if (!Array.isArray(messages)) return ids;
  for (const message of messages) {
    if (!isObject(message)) continue;
    if (typeof message.tool_call_id === 'string') ids.add(message.tool_call_id);
    if (Array.isArray(message.tool_calls)) for (const call of message.tool_calls) if (isObject(call) && typeof call.id === 'string') ids.add(call.id);
  }
  return ids;
}

/** A call id not used anywhere in the example. */
export function freshId(line: LineAnalysis, env: FixEnv): string {
  const used = idsOf(line);
  const make = env.randomId ?? randomCallId;
  for (let i = 0; i < 100; i++) {
    const id = make();
    if (!used.has(id)) return id;
  }
  let n = used.size;
  while (used.has(`call_${n}`)) n++;
  return `call_${n}`;
}

const useUnansweredId: FixProvider = (finding, line) => {
  const unanswered = dataOf<string[]>(finding, 'unanswered') ?? [];
  return unanswered.flatMap((id) => {
    const next = replaceValue(line.body, finding.target.path, JSON.stringify(id));
    const single = unanswered.length === 1;
    return next === undefined ? [] : [{ title: `Change "tool_call_id" to ${JSON.stringify(id)}`, newText: line.withBody(next), auto: single, preferred: single }];
  });
};

const addReplyId: FixProvider = (finding, line) => {
  const unanswered = dataOf<string[]>(finding, 'unanswered') ?? [];
  return unanswered.flatMap((id) => {
    const next = insertProperty(line.body, finding.target.path, 'tool_call_id', JSON.stringify(id), { after: 'role' });
    const single = unanswered.length === 1;
    return next === undefined ? [] : [{ title: `Add "tool_call_id" ${JSON.stringify(id)}`, newText: line.withBody(next), auto: single, preferred: single }];
  });
};

const addCallId: FixProvider = (finding, line, env) => {
  const callPath = callPathOf(finding.target.path);
  if (!callPath || callPath[callPath.length - 1] === 'function_call') return [];
  const fixes: Fix[] = [];
  const setId = (id: string) => {
    const body = line.node([...callPath, 'id']) ? replaceValue(line.body, [...callPath, 'id'], JSON.stringify(id)) : insertProperty(line.body, callPath, 'id', JSON.stringify(id), 'first');
    return body === undefined ? undefined : line.withBody(body);
  };
  // A reply right after the turn that answers an id no call of the turn has: this call's id.
  for (const id of orphanReplyIds(line, Number(callPath[1]))) {
    const newText = setId(id);
    if (newText !== undefined) fixes.push({ title: `Use id ${JSON.stringify(id)} of the unmatched tool reply`, newText, preferred: fixes.length === 0 });
  }
  const id = freshId(line, env);
  const newText = setId(id);
  if (newText !== undefined) fixes.push({ title: `Add a fresh call id ${JSON.stringify(id)}`, newText, preferred: fixes.length === 0 });
  return fixes;
};

function orphanReplyIds(line: LineAnalysis, turn: number): string[] {
  const messages = line.example?.messages;
  if (!Array.isArray(messages) || !isObject(messages[turn])) return [];
  const calls = messages[turn].tool_calls;
  const callIds = new Set(Array.isArray(calls) ? calls.map((c) => (isObject(c) ? c.id : undefined)) : []);
  const orphans: string[] = [];
  for (let k = turn + 1; k < messages.length; k++) {
    const m = messages[k];
    if (!isObject(m) || m.role !== 'tool') break;
    if (typeof m.tool_call_id === 'string' && !callIds.has(m.tool_call_id) && !orphans.includes(m.tool_call_id)) orphans.push(m.tool_call_id);
  }
  return orphans;
}

/** An empty tool reply for the call, right after the turn's last tool reply (or the turn itself). */
const addStubReply: FixProvider = (finding, line) => {
  const callId = dataOf<string>(finding, 'callId');
  const callPath = dataOf<(string | number)[]>(finding, 'callPath');
  const messages = line.example?.messages;
  // A reply with a wrong id exists: fixing that id is the answer, a second reply would be wrong.
  if (typeof callId !== 'string' || !Array.isArray(callPath) || !Array.isArray(messages) || dataOf<number>(finding, 'orphanReplies')) return [];
  let at = Number(callPath[1]) + 1;
  while (at < messages.length && isObject(messages[at]) && messages[at].role === 'tool') at++;
  const style = styleOf(line.body);
  const reply = toJsonText({ role: 'tool', tool_call_id: callId, content: '' }, style);
  const next = insertArrayItem(line.body, ['messages'], at, reply, style);
  return next === undefined ? [] : [{ title: `Insert a tool reply for ${tick(callId)} (content to fill in)`, newText: line.withBody(next), preferred: true }];
};

export const conversationFixes = { TC601: useUnansweredId, TC605: addReplyId, TC502: addCallId, TC602: addStubReply };
