import type { EvalCase } from '../../core/eval/cases.ts';
import { lastUserText, type ChatRequest } from '../openai-server/index.ts';

/**
 * The eval case a chat request asks: recognised by its last user text and the length of its
 * history (the runner sends a case's history as is). Throws for a request no case sends.
 */
export function caseOfRequest(cases: readonly EvalCase[], request: ChatRequest): EvalCase {
  const key = `${lastUserText(request)}|${request.messages.length}`;
  const found = cases.find((c) => `${lastUserText({ messages: c.history } as ChatRequest)}|${c.history.length}` === key);
  if (!found) throw new Error(`no case sends ${key}`);
  return found;
}
