import { parseLine, withoutMember } from '../dataset/parseLine.ts';
import { rootMemberSpan } from '../dataset/rootMember.ts';
import { memberFindings, type MemberLine } from './memberFindings.ts';
import { MAX_DEPTH } from '../dataset/depth.ts';
import { checkCalls } from './callChecks.ts';
import { duplicateKeyFindings } from './duplicateKeys.ts';
import { checkConversation, turnOf, type Turn } from './conversationChecks.ts';
import { Findings, isObject, tick, typeName, type Finding } from './findings.ts';
import { checkEmptyAssistantTurns, checkMessage } from './messageChecks.ts';
import type { MemberAnalysis, ToolSet, ToolSetCache } from './toolSet.ts';
import type { TextSpan } from '../dataset/rootMember.ts';
import { lineFacts, type LineFacts, type MemberKey } from './lineFacts.ts';
import type { ArgumentMemo } from './argumentMemo.ts';

/** What the line rules need besides the line. */
export interface LineContext {
  toolSets: ToolSetCache;
  /** Declarations of the shared tools file, for lines without their own `tools`. */
  sharedTools?: ToolSet;
  /** Arguments texts that passed their schema before (a file's validator keeps one). */
  argumentMemo?: ArgumentMemo;
}

export interface LineCheckResult {
  findings: Finding[];
  facts: LineFacts;
  /** The line had a byte-order mark (positions of findings account for it). */
  bom: boolean;
}

const TOP_LEVEL_KEYS = ['messages', 'tools', 'parallel_tool_calls', 'functions'];

/** What an unknown top-level key usually is, said in TC204. */
const TOP_LEVEL_KEY_HINTS: Record<string, string> = {
  conversations: ' (ShareGPT format: convert it to "messages" with role/content)',
  // An eval set's acceptable alternatives (core/eval/acceptable.ts): right in an eval set, not in training data.
  acceptable: ' (acceptable answers for evaluation: keep them in eval sets, not in files uploaded for training)',
};

/** Runs every per-line rule on one line of a dataset. Never throws. */
export function checkLine(text: string, isFirstLine: boolean, context: LineContext): LineCheckResult {
  const out = new Findings();
  const parsed = parseLine(text, context.toolSets);
  if (parsed.bom) {
    const where = isFirstLine ? 'the file' : 'this line';
    out.add('TC103', `A byte-order mark starts ${where}; save the file as UTF-8 without BOM.`, { path: [], span: { start: 0, end: 1 } });
  }
  switch (parsed.kind) {
    case 'blank':
      out.add('TC104', 'Blank line; JSONL expects one example per line, with no empty lines.', { path: [] });
      return { findings: out.items, facts: { isExample: false }, bom: parsed.bom };
    case 'too-deep':
      out.add('TC106', `The line nests deeper than ${parsed.limit} levels; no training example needs that.`, { path: [], span: { start: parsed.offset, end: parsed.offset + 1 } });
      return { findings: out.items, facts: { isExample: false }, bom: parsed.bom };
    case 'syntax-error': {
      const { problem } = parsed;
      const code = problem.trailingText ? 'TC105' : 'TC101';
      const message = problem.trailingText
        ? 'Unexpected text after the end of the JSON object; each line must hold exactly one JSON object.'
        : `Line is not valid JSON: ${problem.message}.`;
      out.add(code, message, { path: [], span: { start: problem.offset, end: problem.offset + problem.length } });
      return { findings: out.items, facts: { isExample: false }, bom: parsed.bom };
    }
  }
  const value = parsed.value;
  if (parsed.duplicateKeys) out.items.push(...duplicateKeyFindings(parsed.bom ? text.slice(1) : text, parsed.bom ? 1 : 0));
  if (!isObject(value)) {
    out.add('TC102', `Line is ${typeName(value)}; each line must be a JSON object with a "messages" array.`, { path: [] });
    return { findings: out.items, facts: { isExample: false }, bom: parsed.bom };
  }
  try {
    const line: LineSource | undefined = parsed.rootKeys && { text, jsonStart: parsed.bom ? 1 : 0, depth: parsed.depth, rootKeys: parsed.rootKeys, member: parsed.member };
    const tools = checkExample(value, context, out, line);
    return { findings: out.items, facts: lineFacts(text, tools, value, line?.keyedBy), bom: parsed.bom };
  } catch (error) {
    // A bug or an input no rule foresaw must cost one line, never the whole file.
    out.items.push(couldNotCheck(error));
    return { findings: out.items, facts: { isExample: true }, bom: parsed.bom };
  }
}

/**
 * TC199, the one place it is worded: a rule threw on this line (a bug, or an input no rule
 * foresaw). Whoever catches the error (the line rules, the validator, the server's cache or
 * its worker thread) reports this, underlining the line.
 */
export function couldNotCheck(error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'TC199', message: `This line could not be fully checked (${reason}); please report it.`, target: { path: [] } };
}

/** A parsed line's text and the offsets of its root keys, for reading a root member's raw text. */
interface LineSource extends MemberLine {
  rootKeys: number[];
  /** The member whose analysis parseLine found (and whose value it did not parse again). */
  member?: { name: string; span: TextSpan; known: MemberAnalysis; rest: string };
  /** Set when the declarations came from a member analysed by its text: the line's content key is made from it (lineFacts). */
  keyedBy?: MemberKey;
}

function checkExample(example: Record<string, unknown>, context: LineContext, out: Findings, line: LineSource | undefined): ToolSet | undefined {
  for (const key in example) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      const hint = Object.hasOwn(TOP_LEVEL_KEY_HINTS, key) ? TOP_LEVEL_KEY_HINTS[key] : ''; // never Object.prototype's __proto__
      out.add('TC204', `Unknown top-level key ${tick(key)}${hint}; the fine-tuning format defines only messages, tools, parallel_tool_calls and functions, so it is not trained on (and the upload may be refused); remove it.`, { path: [key], part: 'key' });
    }
  }
  if ('parallel_tool_calls' in example && typeof example.parallel_tool_calls !== 'boolean') {
    out.add('TC205', `"parallel_tool_calls" is ${typeName(example.parallel_tool_calls)}; expected true or false.`, { path: ['parallel_tool_calls'] });
  }
  const tools = declaredTools(example, context, out, line);
  const messages = example.messages;
  if (messages === undefined) {
    out.add('TC201', 'The example has no "messages" array.', { path: [], part: 'first-char' });
    return tools;
  }
  if (!Array.isArray(messages)) {
    out.add('TC202', `"messages" is ${typeName(messages)}; expected an array of messages.`, { path: ['messages'] });
    return tools;
  }
  if (messages.length === 0) {
    out.add('TC203', '"messages" is empty; an example needs at least one user and one assistant message.', { path: ['messages'] });
    return tools;
  }
  const seenIds = new Set<string>();
  const turns: Turn[] = [];
  let learnable = false;
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    const path = ['messages', i];
    checkMessage(message, path, out);
    const turn = turnOf(message, path);
    if (turn.role === 'assistant' && isObject(message)) turn.calls = checkCalls(message, path, tools, seenIds, out, context.argumentMemo);
    turns.push(turn);
    if (isObject(message) && message.role === 'assistant' && message.weight !== 0) learnable = true;
  }
  checkConversation(turns, out);
  checkEmptyAssistantTurns(messages, out);
  if (!learnable) {
    out.add('TC208', 'No assistant message to learn from: add an assistant message (with weight 1 or no weight).', { path: ['messages'], part: 'key' });
  }
  return tools;
}

function declaredTools(example: Record<string, unknown>, context: LineContext, out: Findings, line: LineSource | undefined): ToolSet | undefined {
  const hasTools = 'tools' in example;
  const hasFunctions = 'functions' in example;
  if (hasTools && hasFunctions) {
    out.add('TC207', 'The example has both "tools" and legacy "functions"; keep only "tools".', { path: ['functions'], part: 'key' });
  }
  if (!hasTools && hasFunctions) {
    out.add('TC206', 'Legacy "functions" format: it still trains, but "tools" with "tool_calls" is the current format.', { path: ['functions'], part: 'key' });
  }
  const root = hasTools ? 'tools' : hasFunctions ? 'functions' : undefined;
  if (!root) return context.sharedTools;
  // By the member's raw text when the line has it: lines repeating a tools JSON cost a lookup,
  // already made by parseLine when it knew the text.
  if (line) {
    const known = line.member?.name === root ? line.member : undefined;
    const member = known ? known.span : rootMemberSpan(line.text, line.jsonStart, line.rootKeys, root);
    const analysis = known ? known.known : member && context.toolSets.analyzeMember(example[root], root, line.text.slice(member.start, member.end));
    if (analysis && member) {
      line.keyedBy = { digest: analysis.digest, rest: known ? known.rest : withoutMember(line.text.slice(line.jsonStart), { start: member.start - line.jsonStart, end: member.end - line.jsonStart }) };
      out.items.push(...memberFindings(analysis, line, member, root));
      return analysis.set;
    }
  }
  const set = context.toolSets.analyze(example[root], root);
  out.items.push(...set.findings);
  return set;
}
