// Renames: a call to a misspelled tool, an unknown role, a tool name the API rejects.
import { isObject } from '../../checks/findings.ts';
import { ROLE_ALIASES, ROLE_KEYS } from '../../checks/messageChecks.ts';
import type { JsonPath } from '../../dataset/jsonPath.ts';
import { renameKey, replaceValue } from '../jsonEdit.ts';
import type { LineAnalysis } from '../lineAnalysis.ts';
import { dataOf, tick, type FixProvider } from './types.ts';

const renameCall: FixProvider = (finding, line) => {
  const candidates = dataOf<string[]>(finding, 'candidates') ?? [];
  return candidates.flatMap((name) => {
    const next = replaceValue(line.body, finding.target.path, JSON.stringify(name));
    if (next === undefined) return [];
    const single = candidates.length === 1;
    return [{ title: `Change to ${tick(name)}`, newText: line.withBody(next), auto: single, preferred: single }];
  });
};

const fixRole: FixProvider = (finding, line) => {
  const meant = dataOf<string>(finding, 'meant');
  const role = line.valueAt(finding.target.path);
  if (typeof meant !== 'string' || typeof role !== 'string') return [];
  const next = replaceValue(line.body, finding.target.path, JSON.stringify(meant));
  // Another format's name (human, gpt, ...) or a case slip is certain; a spelling guess is not.
  const lower = role.toLowerCase();
  const certain = Object.hasOwn(ROLE_KEYS, lower) || (Object.hasOwn(ROLE_ALIASES, lower) && ROLE_ALIASES[lower] === meant);
  return next === undefined ? [] : [{ title: `Change role to ${tick(meant)}`, newText: line.withBody(next), auto: certain, preferred: true }];
};

/** Renames a declared tool to the suggested valid name, with every call to it on the line. */
const renameDeclaration: FixProvider = (finding, line) => {
  const suggestion = dataOf<string>(finding, 'suggestion');
  const old = line.valueAt(finding.target.path);
  if (typeof suggestion !== 'string' || suggestion === '' || typeof old !== 'string' || line.tools?.byName.has(suggestion)) return [];
  let body: string | undefined = line.body;
  for (const path of [finding.target.path, ...callNamePaths(line, old)]) {
    body = body && replaceValue(body, path, JSON.stringify(suggestion));
  }
  return body === undefined ? [] : [{ title: `Rename tool to ${tick(suggestion)} (declaration and calls on this line)`, newText: line.withBody(body) }];
};

/** Paths of the `name` of every call to `name` on the line. */
export function callNamePaths(line: LineAnalysis, name: string): JsonPath[] {
  const messages = line.example?.messages;
  if (!Array.isArray(messages)) return [];
  const paths: JsonPath[] = [];
  messages.forEach((message, i) => {
    if (!isObject(message)) return;
    if (Array.isArray(message.tool_calls)) {
      message.tool_calls.forEach((call, j) => {
        if (isObject(call) && isObject(call.function) && call.function.name === name) paths.push(['messages', i, 'tool_calls', j, 'function', 'name']);
      });
    }
    if (isObject(message.function_call) && message.function_call.name === name) paths.push(['messages', i, 'function_call', 'name']);
  });
  return paths;
}

/** A legacy "function" reply to a tool call becomes a "tool" reply: the role, and "name" turned into the call's id. */
const functionToTool: FixProvider = (finding, line) => {
  const callId = dataOf<string>(finding, 'callId');
  const messagePath = finding.target.path.slice(0, -1);
  const message = line.valueAt(messagePath);
  if (typeof callId !== 'string' || !isObject(message)) return [];
  let body = replaceValue(line.body, finding.target.path, JSON.stringify('tool'));
  if (body !== undefined && 'name' in message) {
    body = replaceValue(body, [...messagePath, 'name'], JSON.stringify(callId));
    body = body && renameKey(body, [...messagePath, 'name'], 'tool_call_id');
  }
  return body === undefined ? [] : [{ title: `Make it a "tool" reply to ${JSON.stringify(callId)}`, newText: line.withBody(body), auto: true, preferred: true }];
};

export const nameFixes = { TC505: renameCall, TC303: fixRole, TC404: renameDeclaration, TC606: functionToTool };
