// The example every format converts through: OpenAI's training line, `{messages, tools}`.
// Readers build one, writers take one; each reports what its format cannot carry.

/** One function call of an assistant message, `arguments` as the JSON text OpenAI expects. */
export interface ExampleToolCall {
  id?: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A chat message; only the keys the converters use are typed, the rest is kept as is. */
export interface ExampleMessage {
  role: string;
  content?: unknown;
  tool_calls?: ExampleToolCall[];
  tool_call_id?: string;
  weight?: number;
  [key: string]: unknown;
}

/** A training example in OpenAI's format. */
export interface Example {
  messages: ExampleMessage[];
  tools?: unknown[];
  parallel_tool_calls?: boolean;
  [key: string]: unknown;
}

/** What a reader or writer could not carry; `kind` groups losses for the report's totals. */
export interface Loss {
  kind: LossKind;
  message: string;
}

/**
 * The kinds of loss. `ids` is the one a round trip is expected to recover from (replies are
 * matched to calls by order), so a line whose only loss is `ids` must come back equal.
 */
export type LossKind = 'ids' | 'weight' | 'content' | 'turns' | 'type' | 'schema' | 'key' | 'system' | 'arguments' | 'order';

/** A record a reader cannot turn into an example: the sentence says what is wrong and where. */
export class RecordError extends Error {}

/** Collects the losses of one record. */
export class LossLog {
  readonly losses: Loss[] = [];
  add(kind: LossKind, message: string): void {
    this.losses.push({ kind, message });
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a message's content: a string as is, text parts joined by newlines (reported), null/absent as ''. */
export function contentText(message: ExampleMessage, where: string, log: LossLog): string {
  const c = message.content;
  if (c === undefined || c === null) return '';
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) {
    const texts = c.map((p) => (isObject(p) && p['type'] === 'text' && typeof p['text'] === 'string' ? p['text'] : null));
    const dropped = texts.filter((t) => t === null).length;
    log.add('content', `${where}: content parts are joined into one text${dropped ? ` and ${dropped} non-text parts are dropped` : ''}.`);
    return texts.filter((t): t is string => t !== null).join('\n');
  }
  log.add('content', `${where}: content that is not text (${JSON.stringify(c).slice(0, 40)}) is written as JSON text.`);
  return JSON.stringify(c);
}

/** The function definition inside a tool (`{type: "function", function}`); bare definitions are accepted too. */
export function functionOf(tool: unknown): Record<string, unknown> | undefined {
  if (!isObject(tool)) return undefined;
  if (isObject(tool['function'])) return tool['function'];
  return typeof tool['name'] === 'string' ? tool : undefined;
}

/** Wraps function definitions as OpenAI tools. */
export function asTools(definitions: unknown[]): unknown[] {
  return definitions.map((d) => (isObject(d) && d['type'] === 'function' && isObject(d['function']) ? d : { type: 'function', function: d }));
}

/**
 * Parses a call's `arguments` text to an object for formats that store it as an object. Reports
 * text that does not come back the same (beyond whitespace); keeps text that is not a JSON object as a string.
 */
export function argumentsValue(text: string, where: string, log: LossLog): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    log.add('arguments', `${where}: arguments are not valid JSON and are written as a string.`);
    return text;
  }
  if (!isObject(value)) {
    log.add('arguments', `${where}: arguments are not a JSON object and are written as a string.`);
    return text;
  }
  if (JSON.stringify(value) !== withoutWhitespace(text)) {
    log.add('arguments', `${where}: the arguments text is written differently (numbers, escapes or duplicate keys), with the same meaning where JSON allows.`);
  }
  return value;
}

/** The `arguments` text of a call read from a format that stores an object (or, at times, a string). */
export function argumentsText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {});
}

/** JSON text with the whitespace between tokens removed (strings untouched). */
export function withoutWhitespace(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') out += c;
  }
  return out;
}

/** Ids for calls read from formats without them: call_1, call_2, ... in order within the example. */
export class CallIds {
  private n = 0;
  next(): string {
    return `call_${++this.n}`;
  }
}

/**
 * Reports the call ids an example loses in a format that has none, and replies that are not in
 * the order of their calls (read back, they would answer the wrong calls).
 */
export function reportIds(example: Example, log: LossLog): void {
  const count = example.messages.reduce((n, m) => n + (m.tool_calls?.filter((c) => c.id !== undefined).length ?? 0), 0);
  if (count > 0) log.add('ids', `${count === 1 ? '1 tool call id is' : `${count} tool call ids are`} not carried; replies are matched to calls by order.`);
  example.messages.forEach((m, i) => {
    if (!m.tool_calls?.length) return;
    const order = m.tool_calls.map((c) => c.id);
    const replies: (string | undefined)[] = [];
    for (let k = i + 1; k < example.messages.length && example.messages[k].role === 'tool'; k++) replies.push(example.messages[k].tool_call_id);
    if (replies.some((id, k) => id !== order[k])) {
      log.add('order', `message ${i + 1}: the replies that follow are not in the order of its calls, so read back they would answer other calls.`);
    }
  });
}

/** Reports weights a format cannot carry (every assistant turn is trained). */
export function reportWeights(example: Example, log: LossLog): void {
  example.messages.forEach((m, i) => {
    if (m.weight === 0) log.add('weight', `message ${i + 1}: "weight": 0 is not carried, so this assistant turn would be trained.`);
  });
  reportMessageKeys(example, log);
}

// Message keys every format carries (weight is reported on its own).
const MESSAGE_KEYS = new Set(['role', 'content', 'tool_calls', 'tool_call_id', 'weight']);

/** Reports message keys no other format has (a user's "name", say). */
export function reportMessageKeys(example: Example, log: LossLog): void {
  example.messages.forEach((m, i) => {
    for (const key of Object.keys(m)) if (!MESSAGE_KEYS.has(key)) log.add('key', `message ${i + 1}: key "${key}" is not carried.`);
  });
}

/** Reports top-level keys other than the ones a format carries. */
export function reportKeys(record: Record<string, unknown>, carried: readonly string[], log: LossLog): void {
  for (const key of Object.keys(record)) {
    if (!carried.includes(key)) log.add('key', `key "${key}" is not carried.`);
  }
}
