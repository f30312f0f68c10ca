import type { JsonPath } from '../dataset/jsonPath.ts';
import { checkArguments } from './argumentChecks.ts';
import { Findings, isObject, show, tick, typeName } from './findings.ts';
import { meantNames } from './suggest.ts';
import type { ToolSet } from './toolSet.ts';
import type { ArgumentMemo } from './argumentMemo.ts';

/** A tool call as found in an assistant message, for the conversation rules. */
export interface CallInfo {
  id: string | undefined;
  name: string | undefined;
  path: JsonPath;
}

const CALL_KEYS = ['id', 'type', 'function'];

/** Checks an assistant message's `tool_calls` (or legacy `function_call`); returns the calls found. */
export function checkCalls(
  message: Record<string, unknown>,
  path: JsonPath,
  tools: ToolSet | undefined,
  seenIds: Set<string>,
  out: Findings,
  memo?: ArgumentMemo,
): CallInfo[] {
  const calls: CallInfo[] = [];
  if ('function_call' in message) {
    const call = message.function_call;
    const callPath = [...path, 'function_call'];
    if (!isObject(call)) out.add('TC501', `"function_call" is ${typeName(call)}; expected {"name", "arguments"}.`, { path: callPath });
    else calls.push(checkFunction(call, callPath, callPath, undefined, tools, out, memo));
  }
  if (!('tool_calls' in message)) return calls;
  const list = message.tool_calls;
  const listPath = [...path, 'tool_calls'];
  if (!Array.isArray(list) || list.length === 0) {
    const what = Array.isArray(list) ? 'an empty array' : typeName(list);
    out.add('TC501', `"tool_calls" is ${what}; expected an array of one or more calls (or leave it out).`, { path: listPath });
    return calls;
  }
  for (let i = 0; i < list.length; i++) {
    const call: unknown = list[i];
    const callPath = [...listPath, i];
    if (!isObject(call)) {
      out.add('TC501', `Tool call is ${typeName(call)}; expected {"id", "type": "function", "function": {...}}.`, { path: callPath });
      continue;
    }
    for (const key in call) {
      if (!CALL_KEYS.includes(key)) out.add('TC501', `Unknown key ${tick(key)} in a tool call; allowed keys are id, type, function.`, { path: [...callPath, key], part: 'key' });
    }
    const id = checkId(call, callPath, seenIds, out);
    if (call.type !== 'function') {
      const target = 'type' in call ? { path: [...callPath, 'type'] } : { path: callPath, part: 'first-char' as const };
      out.add('TC504', `Tool call "type" is ${show(call.type ?? 'missing')}; expected "function".`, target);
    }
    const fn = call.function;
    if (!isObject(fn)) {
      out.add('TC501', 'Tool call needs a "function" object with "name" and "arguments".', fn === undefined ? { path: callPath, part: 'first-char' } : { path: [...callPath, 'function'] });
      calls.push({ id, name: undefined, path: callPath });
      continue;
    }
    calls.push(checkFunction(fn, [...callPath, 'function'], callPath, id, tools, out, memo));
  }
  return calls;
}

function checkId(call: Record<string, unknown>, callPath: JsonPath, seenIds: Set<string>, out: Findings): string | undefined {
  const id = call.id;
  if (typeof id !== 'string' || id === '') {
    const target = id === undefined ? { path: callPath, part: 'first-char' as const } : { path: [...callPath, 'id'] };
    out.add('TC502', 'Tool call has no "id"; every call needs a unique id string that its tool reply refers to.', target);
    return undefined;
  }
  if (seenIds.has(id)) out.add('TC503', `Tool call id ${show(id)} is used more than once in this example; ids must be unique.`, { path: [...callPath, 'id'] });
  seenIds.add(id);
  return id;
}

/** Checks a call's function object; returns the call, with `id` (a legacy function_call has none). */
function checkFunction(fn: Record<string, unknown>, fnPath: JsonPath, callPath: JsonPath, id: string | undefined, tools: ToolSet | undefined, out: Findings, memo: ArgumentMemo | undefined): CallInfo {
  const name = fn.name;
  if (typeof name !== 'string') {
    out.add('TC517', 'Tool call has no function "name" string.', name === undefined ? { path: fnPath, part: 'first-char' } : { path: [...fnPath, 'name'] });
    return { id, name: undefined, path: callPath };
  }
  const tool = tools?.byName.get(name);
  if (!tools || tools.byName.size === 0) {
    out.add('TC516', `Call to ${tick(name)}, but the example declares no tools; add a "tools" array (or set a shared tools file).`, { path: [...fnPath, 'name'] });
  } else if (!tool) {
    const candidates = meantNames(name, tools.byName.keys());
    const hint = candidates.length ? `did you mean ${candidates.map(tick).join(' or ')}?` : `declared tools are ${[...tools.byName.keys()].join(', ')}.`;
    out.add('TC505', `Call to undeclared tool ${tick(name)}; ${hint}`, { path: [...fnPath, 'name'] }, { candidates });
  }
  checkArguments(fn.arguments, fnPath, tool, out, memo);
  return { id, name, path: callPath };
}
