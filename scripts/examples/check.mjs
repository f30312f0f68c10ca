#!/usr/bin/env node
// Verifies the example datasets in examples/:
//   - agent-train.jsonl and agent-eval.jsonl follow every format rule (exit 1 otherwise);
//   - agent-train-with-mistakes.jsonl has exactly the defects listed in its .md file.
//   node scripts/examples/check.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { evaluate } from './lib.mjs';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EX = join(ROOT, 'examples');
const TOOLS = JSON.parse(readFileSync(join(EX, 'agent.tools.json'), 'utf8'));

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validators = {};
for (const t of TOOLS) {
  if (t.type !== 'function' || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.function.name)) throw new Error('bad tool ' + t.function.name);
  if (t.function.parameters.type !== 'object' || t.function.parameters.additionalProperties !== false) throw new Error('schema');
  validators[t.function.name] = ajv.compile(t.function.parameters);
}
const ID_RE = /^call_[A-Za-z0-9]{24}$/;
const AJV_CODE = { required: 'missing_required', additionalProperties: 'unknown_argument', enum: 'enum_violation', type: 'wrong_type', format: 'bad_format', minimum: 'out_of_range', maximum: 'out_of_range' };

/** Parse one line; returns { obj } or { issue }. */
function parseLine(line) {
  if (line.trim() === '') return { issue: 'blank_line' };
  try {
    return { obj: JSON.parse(line) };
  } catch {
    // Is there a complete JSON value followed by junk?
    for (let end = line.length - 1; end > 0; end--) {
      if (line[end - 1] !== '}') continue;
      try {
        JSON.parse(line.slice(0, end));
        return { issue: 'trailing_text' };
      } catch { /* keep looking */ }
    }
    return { issue: 'invalid_json' };
  }
}

/**
 * Checks one example. Returns a list of issue codes (empty = valid).
 * opts.allowEndAtCall: the last assistant turn may be tool calls without replies (eval).
 */
function checkExample(ex, opts = {}) {
  const issues = [];
  const add = (code, detail) => issues.push(detail ? `${code}: ${detail}` : code);
  if (typeof ex !== 'object' || ex === null || Array.isArray(ex)) return ['not_object'];
  for (const k of Object.keys(ex)) if (!['messages', 'tools'].includes(k)) add('unknown_top_key', k);
  if (!isDeepStrictEqual(ex.tools, TOOLS)) add('tools_differ');
  const msgs = ex.messages;
  if (!Array.isArray(msgs) || msgs.length === 0) return [...issues, 'no_messages'];
  if (msgs[0].role !== 'system') add('no_system_first');

  let pending = null; // ids of the last assistant turn's calls still waiting for a reply
  let inToolBlock = false;
  msgs.forEach((m, i) => {
    const where = `message ${i}`;
    if (!['system', 'user', 'assistant', 'tool'].includes(m.role)) { add('invalid_role', `${where} ${m.role}`); return; }
    if ('weight' in m) {
      if (m.role !== 'assistant') add('weight_not_on_assistant', where);
      else if (m.weight !== 0 && m.weight !== 1) add('invalid_weight', `${where} ${m.weight}`);
    }
    if (m.role === 'tool') {
      if (!inToolBlock || !pending) { add('tool_without_call', where); return; }
      if (typeof m.content !== 'string') add('tool_content_not_string', where);
      else { try { JSON.parse(m.content); } catch { add('tool_content_not_json', where); } }
      if (!pending.has(m.tool_call_id)) {
        add('tool_call_id_mismatch', `${where} ${m.tool_call_id}`);
        // count it as the reply to one unanswered call, so the same slip is not reported twice
        const [first] = pending;
        if (first !== undefined) pending.delete(first);
      } else pending.delete(m.tool_call_id);
      return;
    }
    // any non-tool message closes the previous tool block
    if (pending && pending.size) add('missing_tool_reply', `before ${where}: ${[...pending]}`);
    pending = null;
    inToolBlock = false;
    if (m.role !== 'assistant' || !m.tool_calls) {
      if (typeof m.content !== 'string' || !m.content.trim()) add('missing_content', where);
      for (const k of Object.keys(m)) if (!['role', 'content', 'weight'].includes(k)) add('unexpected_key', `${where} ${k}`);
      return;
    }
    // assistant with tool calls
    if (m.content !== null && m.content !== undefined) add('content_with_tool_calls', where);
    if (!Array.isArray(m.tool_calls) || !m.tool_calls.length) { add('empty_tool_calls', where); return; }
    const ids = new Set();
    for (const c of m.tool_calls) {
      if (!ID_RE.test(c.id ?? '')) add('bad_call_id', `${where} ${c.id}`);
      if (ids.has(c.id)) add('duplicate_call_id', c.id);
      ids.add(c.id);
      if (c.type !== 'function') add('bad_call_type', where);
      const fn = c.function ?? {};
      if (!validators[fn.name]) { add('unknown_function', `${where} ${fn.name}`); continue; }
      if (typeof fn.arguments !== 'string') { add('arguments_not_string', where); continue; }
      let args;
      try { args = JSON.parse(fn.arguments); } catch { add('arguments_python_repr_or_invalid', where); continue; }
      if (typeof args === 'string') { add('arguments_double_encoded', where); continue; }
      if (typeof args !== 'object' || args === null || Array.isArray(args)) { add('arguments_not_object', where); continue; }
      if (!validators[fn.name](args)) {
        for (const err of validators[fn.name].errors) add(AJV_CODE[err.keyword] ?? `schema_${err.keyword}`, `${where} ${fn.name} ${err.instancePath} ${err.message}`);
      }
    }
    pending = ids;
    inToolBlock = true;
  });
  const last = msgs[msgs.length - 1];
  if (pending && pending.size) {
    const endsAtCall = last.role === 'assistant' && last.tool_calls && pending.size === last.tool_calls.length;
    if (!(opts.allowEndAtCall && endsAtCall)) add('missing_tool_reply', `at end: ${[...pending]}`);
  }
  if (last.role !== 'assistant') add('does_not_end_with_assistant');
  // all call ids unique within the example
  const all = msgs.flatMap((m) => (m.tool_calls ?? []).map((c) => c.id));
  if (new Set(all).size !== all.length) add('duplicate_call_id_in_example');
  return issues;
}

/** Extra content checks: calculate results are right and get used later in the conversation. */
function checkContent(ex) {
  const issues = [];
  const msgs = ex.messages;
  msgs.forEach((m, i) => {
    for (const c of m.tool_calls ?? []) {
      if (c.function.name !== 'calculate') continue;
      const args = JSON.parse(c.function.arguments);
      const reply = msgs.slice(i + 1).find((t) => t.role === 'tool' && t.tool_call_id === c.id);
      if (!reply) continue;
      const res = JSON.parse(reply.content);
      if ('error' in res) {
        let ok = true;
        try { evaluate(args.expression, args.precision ?? 2); } catch { ok = false; }
        if (ok) issues.push(`calculate error for a valid expression: ${args.expression}`);
        if (m.weight !== 0) issues.push(`failing call without weight 0: ${args.expression}`);
        continue;
      }
      const want = evaluate(args.expression, args.precision ?? 2);
      if (res.result !== want) issues.push(`calculate ${args.expression} -> ${res.result}, expected ${want}`);
      // the number should show up later (final answer, email body, next expression)
      const later = msgs.slice(i + 1).filter((t) => t.role !== 'tool')
        .map((t) => (t.content ?? '') + ' ' + (t.tool_calls ?? []).map((x) => x.function.arguments).join(' ')).join(' ')
        .replace(/(\d),(\d{3})/g, '$1$2');
      const nums = (later.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);
      if (!nums.some((n) => Math.abs(n - want) < 1e-9)) issues.push(`result ${want} of ${args.expression} not used later`);
    }
  });
  return issues;
}

function category(ex) {
  const turns = ex.messages.filter((m) => m.role === 'assistant' && m.tool_calls);
  if (!turns.length) return 'no_call';
  if (turns.some((m) => m.weight === 0)) return 'error_recovery';
  if (turns.length > 1 || turns.some((m) => m.tool_calls.length > 1)) return 'multi_step';
  return 'single_call';
}

let failed = false;
const fail = (msg) => { failed = true; console.log('FAIL ' + msg); };
const readLines = (f) => {
  const text = readFileSync(join(EX, f), 'utf8');
  if (!text.endsWith('\n')) fail(`${f}: no final newline`);
  return text.slice(0, -1).split('\n');
};

function checkFile(file, opts) {
  const lines = readLines(file);
  if (new Set(lines).size !== lines.length) fail(`${file}: duplicate lines`);
  const objs = [];
  const counts = {};
  const perTool = {};
  let parallel = 0;
  lines.forEach((line, i) => {
    const { obj, issue } = parseLine(line);
    if (issue) return fail(`${file}:${i + 1} ${issue}`);
    const issues = [...checkExample(obj, opts), ...checkContent(obj)];
    for (const x of issues) fail(`${file}:${i + 1} ${x}`);
    objs.push(obj);
    const cat = category(obj);
    counts[cat] = (counts[cat] ?? 0) + 1;
    const turns = obj.messages.filter((m) => m.tool_calls);
    if (turns.some((m) => m.tool_calls.length > 1)) parallel++;
    for (const m of turns) for (const c of m.tool_calls) perTool[c.function.name] = (perTool[c.function.name] ?? 0) + 1;
  });
  const endsAtCall = objs.filter((o) => o.messages.at(-1).tool_calls).length;
  console.log(`${file}: ${lines.length} examples`, counts, `parallel-call examples: ${parallel}`, `ending at a call: ${endsAtCall}`, 'calls per tool:', perTool);
  return objs;
}

const train = checkFile('agent-train.jsonl', { allowEndAtCall: false });
if (train.length < 60) fail('fewer than 60 training examples');
const evalSet = checkFile('agent-eval.jsonl', { allowEndAtCall: true });
if (evalSet.length !== 20) fail('eval must have 20 cases');

// no overlap between train and eval requests
const userTexts = (objs) => new Set(objs.flatMap((o) => o.messages.filter((m) => m.role === 'user').map((m) => m.content.trim().toLowerCase())));
const trainUsers = userTexts(train);
for (const u of userTexts(evalSet)) if (trainUsers.has(u)) fail(`eval request also in train: ${u}`);
if (trainUsers.size !== train.length) fail('repeated user request inside train');
// call ids unique across the whole training file too (not required, but nice)
const allIds = train.flatMap((o) => o.messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.id)));
if (new Set(allIds).size !== allIds.length) fail('call ids repeat across training examples');

// ---- the mistakes file ----
const md = readFileSync(join(EX, 'agent-train-with-mistakes.md'), 'utf8');
const expected = new Map([...md.matchAll(/^\| (\d+) \| .* \| `([a-z_]+)` \|/gm)].map((m) => [Number(m[1]), m[2]]));
const CODE_ALIASES = { arguments_python_repr: 'arguments_python_repr_or_invalid' };
const mLines = readLines('agent-train-with-mistakes.jsonl');
const trainLineSet = new Set(readLines('agent-train.jsonl'));
const found = [];
mLines.forEach((line, i) => {
  const n = i + 1;
  const { obj, issue } = parseLine(line);
  const issues = issue ? [issue] : checkExample(obj, { allowEndAtCall: false }).map((x) => x.split(':')[0]);
  const want = expected.get(n);
  if (!want) {
    if (issues.length) fail(`mistakes:${n} should be valid but has ${issues}`);
    else if (!trainLineSet.has(line)) fail(`mistakes:${n} is valid but not a verbatim copy of a training line`);
  } else {
    const code = CODE_ALIASES[want] ?? want;
    if (issues.length !== 1 || issues[0] !== code) fail(`mistakes:${n} expected exactly [${code}], got [${issues}]`);
    else found.push(`${n}: ${want}`);
  }
});
console.log(`agent-train-with-mistakes.jsonl: ${mLines.length} lines, ${found.length}/${expected.size} defects confirmed, ${mLines.length - expected.size} valid lines`);
console.log('  ' + found.join('\n  '));

console.log(failed ? 'CHECK FAILED' : 'ALL CHECKS PASSED');
process.exit(failed ? 1 : 0);
