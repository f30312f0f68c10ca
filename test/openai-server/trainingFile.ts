// The checks the simulated service runs while a job is `validating_files`. A small,
// documented set modelled on the real service's messages; the first problem wins.
// "Line N" and "Example N" both use the 1-based line number (blank lines are skipped
// but still counted), so a client can map a message back to the editor line.
//
//  1. not JSON                    -> "Line N is not a valid JSON object."
//  2. JSON but not an object      -> "Line N is not a dictionary."
//  3. unknown top-level key       -> "Example N has an unrecognized key 'k'."
//  4. no non-empty `messages`     -> "Example N is missing the 'messages' list."
//  5. message without a role      -> "Example N, message M Discriminator 'role' is missing"
//  6. unknown role                -> "Example N, message M has an unrecognized role 'r'."
//  7. arguments not a string      -> "Example N, message M, tool call K: 'function.arguments' must be a string."
//  8. orphan tool_call_id         -> "Example N, message M has a tool_call_id 'x' that matches no tool call in the preceding assistant message."
//  9. weight other than 0 or 1    -> "Example N, message M has an invalid weight; expected 0 or 1."
// 10. no assistant message        -> "Example N has no assistant message."
// 11. too few examples (training) -> "Training file has 3 example(s), but must have at least 10 examples"

const TOP_LEVEL_KEYS = new Set(['messages', 'tools', 'parallel_tool_calls', 'functions']);
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

export type FileCheckResult =
  | { ok: true; examples: number; tokens: number }
  | { ok: false; message: string };

/** A rough token count (4 characters a token), good enough for `trained_tokens`. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function checkTrainingFile(content: string, options: { minExamples: number; label: 'Training' | 'Validation' }): FileCheckResult {
  const lines = content.split(/\r?\n/);
  let examples = 0;
  let tokens = 0;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const n = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { ok: false, message: `Line ${n} is not a valid JSON object.` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, message: `Line ${n} is not a dictionary.` };
    }
    const problem = checkExample(value as Record<string, unknown>, n);
    if (problem) return { ok: false, message: problem };
    examples += 1;
    tokens += exampleTokens(value as { messages: unknown[] });
  }
  if (examples < options.minExamples) {
    return { ok: false, message: `${options.label} file has ${examples} example(s), but must have at least ${options.minExamples} examples` };
  }
  return { ok: true, examples, tokens };
}

function checkExample(example: Record<string, unknown>, n: number): string | undefined {
  for (const key of Object.keys(example)) {
    if (!TOP_LEVEL_KEYS.has(key)) return `Example ${n} has an unrecognized key '${key}'.`;
  }
  const messages = example['messages'];
  if (!Array.isArray(messages) || messages.length === 0) return `Example ${n} is missing the 'messages' list.`;
  let sawAssistant = false;
  let openCallIds = new Set<string>();
  for (const [i, message] of messages.entries()) {
    const m = i + 1;
    const where = `Example ${n}, message ${m}`;
    if (typeof message !== 'object' || message === null || !('role' in message)) return `${where} Discriminator 'role' is missing`;
    const msg = message as Record<string, unknown>;
    const role = msg['role'];
    if (typeof role !== 'string' || !ROLES.has(role)) return `${where} has an unrecognized role '${String(role)}'.`;
    if (role === 'assistant') {
      sawAssistant = true;
      if ('weight' in msg && msg['weight'] !== 0 && msg['weight'] !== 1) return `${where} has an invalid weight; expected 0 or 1.`;
      openCallIds = new Set();
      const calls = Array.isArray(msg['tool_calls']) ? msg['tool_calls'] : [];
      for (const [k, call] of calls.entries()) {
        const fn = (call as { function?: { arguments?: unknown } } | null)?.function;
        if (typeof fn?.arguments !== 'string') return `${where}, tool call ${k + 1}: 'function.arguments' must be a string.`;
        const id = (call as { id?: unknown }).id;
        if (typeof id === 'string') openCallIds.add(id);
      }
    } else if (role === 'tool') {
      const id = msg['tool_call_id'];
      if (typeof id !== 'string' || !openCallIds.has(id)) {
        return `${where} has a tool_call_id '${String(id)}' that matches no tool call in the preceding assistant message.`;
      }
    } else {
      openCallIds = new Set();
    }
  }
  if (!sawAssistant) return `Example ${n} has no assistant message.`;
  return undefined;
}

/** 3 per example plus, per message, 3 and the estimate of its content and calls (the cookbook's overheads). */
function exampleTokens(example: { messages: unknown[] }): number {
  let total = 3;
  for (const message of example.messages) {
    const msg = message as Record<string, unknown>;
    const content = typeof msg['content'] === 'string' ? msg['content'] : JSON.stringify(msg['content'] ?? '');
    total += 3 + estimateTokens(content) + (msg['tool_calls'] ? estimateTokens(JSON.stringify(msg['tool_calls'])) : 0);
  }
  return total;
}
