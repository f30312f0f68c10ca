// What the fuzzer feeds the server: lines built from real seed lines, then broken in the ways
// untrusted datasets break (bytes, structure, schemas, arguments, sizes, encodings).
import type { Rng } from './prng.ts';

type Json = unknown;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Patterns that backtrack, use unsupported syntax, or are not regexes at all. */
export const NASTY_PATTERNS = [
  '^(a+)+$', '(a|a)*b', '((a*)*)*$', '^(a|aa)+$', '(x+x+)+y', '(?=a)', '(?!a)b', '(?<=a)b', '(?<!a)b',
  '(a)\\1', '(?<n>a)\\k<n>', '[', '(?', ')', '*', 'a{2,1}', 'a{1000}{1000}', 'x{2147483647}', '[^]',
  '\\p{L}+', '\\u{1F600}', '(?i)abc', '\\cA', '[\\d-z]', '\\', '^$', '.*'.repeat(200), '(a?){30}a{30}',
  '[\\uD800-\\uDFFF]', '\uD800', '\\x', '\\u12', '(?<a>x)(?<a>y)', '^[a-zA-Z0-9_-]{1,64}$', '\\Q.*\\E',
];

/** `type` values: standard, BFCL/Java/Python spellings, prototype names, garbage, non-strings. */
export const ODD_TYPES: Json[] = [
  'dict', 'float', 'tuple', 'any', 'HashMap', 'String', 'Object', 'long', 'Boolean', 'integer', 'null', 'object',
  'array', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', 'strïng', '\uD800', 'OBJECT', 42, null,
  true, [], ['string', 'dict'], ['x', 5], ['object', 'object'], {}, { type: 'string' },
];

export const ODD_REFS = [
  'https://example.invalid/s.json', 'http://127.0.0.1:9/s.json', 'file:///etc/passwd', '../other.json', 'urn:x:y',
  '#/definitions/missing', '#', '#/properties', '#/$defs/a', 'http://json-schema.org/draft-07/schema#', '#/%', '#/~2',
  '#foo', '',
];

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];

/** Characters that matter to JSON, JSONL line splitting, UTF-16 and the editor's line model. */
const INTERESTING_CHARS = [
  '{', '}', '[', ']', '"', ',', ':', '\\', '\\u', '\\"', '0', '-', 'e', 'null', 'true', ' ', '\t', '\n', '\r', '\r\n',
  '\uFEFF', '\u0000', '\u2028', '\u2029', '\uD800', '\uDC00', '\uD83D\uDE00', '\u0301', 'é', '\uFFFF', '\u{10FFFF}',
];

export class Mutator {
  constructor(
    private readonly rng: Rng,
    readonly seeds: readonly string[],
  ) {}

  seedLine(): string {
    return this.rng.pick(this.seeds);
  }

  /** A random code point string: BMP, astral, lone surrogates, controls. */
  unicode(length: number): string {
    const r = this.rng;
    let s = '';
    for (let i = 0; i < length; i++) {
      const kind = r.int(0, 9);
      if (kind === 0) s += String.fromCharCode(r.int(0xd800, 0xdfff)); // lone surrogate
      else if (kind === 1) s += String.fromCodePoint(r.int(0x10000, 0x10ffff));
      else if (kind === 2) s += String.fromCharCode(r.int(0, 31));
      else if (kind === 3) s += r.pick(INTERESTING_CHARS);
      else s += String.fromCharCode(r.int(32, 0xfffd));
    }
    return s;
  }

  /** A short fragment to splice into a line. */
  fragment(): string {
    const r = this.rng;
    return r.weighted<() => string>([
      [6, () => r.pick(INTERESTING_CHARS)],
      [4, () => this.unicode(r.int(1, 40))],
      [2, () => '\n' + this.seedLine() + (r.bool() ? '\n' : '')],
      [1, () => '['.repeat(r.int(200, 6000))],
      [1, () => '{"a":'.repeat(r.int(200, 3000))],
      [1, () => '"' + 'x'.repeat(r.int(1000, 200_000)) + '"'],
      [1, () => '\r\n'.repeat(r.int(1, 50))],
      [1, () => r.pick(NASTY_PATTERNS)],
    ])();
  }

  /** One whole line (no line break). */
  line(): string {
    const r = this.rng;
    return r.weighted<() => string>([
      [8, () => this.seedLine()],
      [14, () => this.structuralLine()],
      [2, () => this.deepLine()],
      [0.3, () => this.hugeStringLine()], // 1-5 MB: rare, or the run spends its time copying bytes
      [2, () => this.unicode(r.int(1, 200))],
      [1, () => '\uFEFF' + this.seedLine()],
      [1, () => ''],
      [1, () => this.byteFlip(this.seedLine(), r.int(1, 20))],
    ])();
  }

  byteFlip(text: string, flips: number): string {
    let s = text;
    for (let i = 0; i < flips && s.length > 0; i++) {
      const at = this.rng.int(0, s.length - 1);
      s = s.slice(0, at) + this.rng.pick(INTERESTING_CHARS) + s.slice(at + 1);
    }
    return s;
  }

  deepLine(): string {
    const r = this.rng;
    const n = r.pick([300, 1000, 3000, 6000, 20_000]);
    return r.pick<() => string>([
      () => '['.repeat(n),
      () => '{"a":'.repeat(Math.floor(n / 2)),
      () => '['.repeat(n) + ']'.repeat(n),
      () => '{"a":'.repeat(Math.floor(n / 2)) + '1' + '}'.repeat(Math.floor(n / 2)),
      () => `{"messages":[{"role":"user","content":${'['.repeat(n)}${']'.repeat(n)}}]}`,
      () => `{"messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":${JSON.stringify('['.repeat(n) + ']'.repeat(n))}}}]}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}`,
      () => `{"messages":[],"tools":[{"type":"function","function":{"name":"f","parameters":${'{"type":"object","properties":{"a":'.repeat(Math.floor(n / 4))}{}${'}}'.repeat(Math.floor(n / 4))}}}]}`,
    ])();
  }

  hugeStringLine(): string {
    const r = this.rng;
    const size = r.int(1_000_000, 5_000_000);
    const unit = r.pick(['a', 'é', '\uD83D\uDE00', '\\n', '\\u0041', 'ab"c'.replace('"', '\\"')]);
    const big = unit.repeat(Math.ceil(size / unit.length));
    return r.pick<() => string>([
      () => `{"messages":[{"role":"user","content":"${big}"},{"role":"assistant","content":"ok"}]}`,
      () => `{"messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{\\"x\\":\\"${big}\\"}"}}]}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"x":{"type":"string","pattern":"^(a+)+$"}}}}}]}`,
      () => `{"messages":[{"role":"user","content":"${big}`, // unterminated
    ])();
  }

  /** A seed line parsed, mutated structurally (schemas, arguments, messages), serialised again. */
  structuralLine(): string {
    const r = this.rng;
    const value = JSON.parse(this.seedLine()) as Obj;
    const rounds = r.int(1, 3);
    for (let i = 0; i < rounds; i++) {
      r.weighted<() => void>([
        [5, () => this.mutateSchema(value)],
        [4, () => this.mutateArguments(value)],
        [2, () => this.mutateMessages(value)],
        [1, () => this.mutateTop(value)],
      ])();
    }
    try {
      return JSON.stringify(value) ?? 'undefined';
    } catch {
      return '{"messages":';
    }
  }

  private toolsOf(value: Obj): Obj[] {
    const tools = Array.isArray(value.tools) ? value.tools : Array.isArray(value.functions) ? value.functions : [];
    return tools.filter(isObj);
  }

  private parametersOf(value: Obj): Obj | undefined {
    const tools = this.toolsOf(value);
    if (tools.length === 0) {
      const params: Obj = { type: 'object', properties: {} };
      value.tools = [{ type: 'function', function: { name: 'f', parameters: params } }];
      return params;
    }
    const tool = this.rng.pick(tools);
    const fn = isObj(tool.function) ? tool.function : tool;
    if (!isObj(fn.parameters)) fn.parameters = { type: 'object', properties: {} };
    return fn.parameters as Obj;
  }

  /** All schema objects under `root` (properties, items, combinators), iteratively. */
  private subschemas(root: Obj): Obj[] {
    const out: Obj[] = [];
    const stack: Obj[] = [root];
    while (stack.length > 0 && out.length < 500) {
      const s = stack.pop()!;
      out.push(s);
      if (isObj(s.properties)) for (const v of Object.values(s.properties)) if (isObj(v)) stack.push(v);
      if (isObj(s.items)) stack.push(s.items);
      for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(s[k])) for (const v of s[k] as unknown[]) if (isObj(v)) stack.push(v);
    }
    return out;
  }

  mutateSchema(value: Obj): void {
    const r = this.rng;
    const params = this.parametersOf(value);
    if (!params) return;
    const site = r.pick(this.subschemas(params));
    const props = () => (isObj(site.properties) ? site.properties : (site.properties = {})) as Obj;
    r.weighted<() => void>([
      [4, () => (site.type = r.pick(ODD_TYPES))],
      [4, () => {
        site.type = 'string';
        site.pattern = r.pick(NASTY_PATTERNS);
      }],
      [2, () => {
        site.patternProperties = { [r.pick(NASTY_PATTERNS)]: { type: r.pick(ODD_TYPES) } };
        if (r.bool()) site.additionalProperties = false;
      }],
      [2, () => {
        const n = r.pick([3, 1000, 10_001, 30_000]);
        const kind = r.int(0, 2);
        site.enum = Array.from({ length: n }, (_, i) => (kind === 0 ? `v${i}` : kind === 1 ? i % 997 : { i }));
      }],
      [2, () => {
        const depth = r.pick([20, 40, 70, 500]);
        let leaf: Obj = { type: r.pick(ODD_TYPES) };
        for (let i = 0; i < depth; i++) leaf = { type: r.bool(0.8) ? 'object' : 'dict', properties: { a: leaf }, required: ['a'] };
        props().deep = leaf;
      }],
      [1, () => {
        const n = r.pick([100, 2001, 5000]);
        for (let i = 0; i < n; i++) props()[`p${i}`] = { type: 'string' };
      }],
      [3, () => (site.$ref = r.pick(ODD_REFS))],
      [1, () => {
        site.$defs = { a: { $ref: '#/$defs/a' } };
        site.$ref = '#/$defs/a';
      }],
      [1, () => (site.$id = r.pick(['http://json-schema.org/draft-07/schema', 'https://json-schema.org/draft/2020-12/schema', 'https://example.invalid/x', '#foo', 'x']))],
      [1, () => (site.$schema = r.pick(['https://json-schema.org/draft/2020-12/schema', 'https://json-schema.org/draft/2019-09/schema', 'http://json-schema.org/draft-04/schema#', 'https://example.invalid/meta', 42]))],
      [3, () => (props()[r.pick(PROTO_KEYS)] = { type: r.pick(ODD_TYPES) })],
      [3, () => (site.required = r.pick<Json>([['toString'], ['__proto__', 'constructor'], PROTO_KEYS, 'toString', [1, null], Array.from({ length: 5000 }, (_, i) => `r${i % 4000}`)]))],
      [2, () => {
        site.type = 'array';
        site.uniqueItems = r.pick<Json>([true, false, 'yes']);
        site.items = r.pick<Json>([{ type: 'object' }, [{ type: 'string' }, { type: 'number' }], true, false, {}]);
      }],
      [2, () => {
        const key = r.pick(['minItems', 'maxLength', 'minimum', 'multipleOf', 'maxProperties', 'format', 'const', 'default', 'contains', 'not', 'if', 'dependencies', 'additionalProperties', 'nullable', 'x-unknown', 'discriminator']);
        site[key] = r.pick<Json>([-1, 0, 1e-300, 1e308, 2 ** 53 + 1, 'regex', 'date-time', 'no-such-format', null, true, false, {}, { type: 'string' }, [], ['a']]);
      }],
      [1, () => (site[r.pick(['anyOf', 'oneOf', 'allOf'])] = Array.from({ length: r.pick([2, 50, 600]) }, (_, i) => ({ type: r.pick(ODD_TYPES), minimum: i })))],
      [1, () => {
        const tool = r.pick(this.toolsOf(value));
        const fn = isObj(tool?.function) ? tool.function : tool;
        if (fn) fn.parameters = r.pick<Json>([true, false, null, 'object', [], 42, { type: 'object', properties: [] }, { properties: { a: 1 } }]);
      }],
    ])();
  }

  mutateArguments(value: Obj): void {
    const r = this.rng;
    const calls: Obj[] = [];
    for (const m of Array.isArray(value.messages) ? value.messages : []) {
      if (isObj(m) && Array.isArray(m.tool_calls)) for (const c of m.tool_calls) if (isObj(c) && isObj(c.function)) calls.push(c);
    }
    if (calls.length === 0) {
      this.mutateSchema(value);
      return;
    }
    const call = r.pick(calls);
    const fn = call.function as Obj;
    const args = typeof fn.arguments === 'string' ? fn.arguments : '{}';
    let parsed: unknown;
    try {
      parsed = JSON.parse(args);
    } catch {
      parsed = {};
    }
    r.weighted<() => void>([
      [3, () => (fn.arguments = parsed)], // an object instead of a string
      [3, () => (fn.arguments = JSON.stringify(args))], // double-encoded
      [3, () => (fn.arguments = pythonRepr(parsed))],
      [2, () => (fn.arguments = r.pick(['['.repeat(6000), '{"a":'.repeat(3000), '['.repeat(6000) + ']'.repeat(6000), `{"a":${'['.repeat(300)}${']'.repeat(300)}}`]))],
      [2, () => (fn.arguments = r.pick(['', ' ', 'null', '[]', '"{}"', '0', 'NaN', '{"a":1}{"b":2}', '\uFEFF{}', '{"a":', "{'a': True}", '{"__proto__":{"x":1},"constructor":1}', '{"toString":1}']))],
      [2, () => (fn.arguments = args.slice(0, r.int(0, args.length)))],
      [2, () => (fn.arguments = this.byteFlip(args, r.int(1, 5)))],
      [1, () => (fn.arguments = JSON.stringify({ x: 'a'.repeat(40) + '!', y: 'a'.repeat(r.int(1000, 100_000)) + '!' }))],
      [1, () => (fn.arguments = JSON.stringify({ list: Array.from({ length: 20_000 }, (_, i) => ({ i: i % 19_999 })) }))],
      [1, () => (fn.name = r.pick<Json>(['no_such_tool', '', null, 42, this.unicode(5), '__proto__', 'constructor']))],
      [1, () => (call.id = r.pick<Json>([null, '', 42, 'dup', 'dup']))],
      [1, () => (call.type = r.pick<Json>(['function', 'tool', null]))],
    ])();
  }

  mutateMessages(value: Obj): void {
    const r = this.rng;
    const messages = Array.isArray(value.messages) ? value.messages : (value.messages = []);
    if (messages.length > 0 && r.bool(0.8)) {
      const i = r.int(0, messages.length - 1);
      const m = messages[i];
      if (isObj(m)) {
        r.weighted<() => void>([
          [2, () => (m.role = r.pick<Json>(['system', 'user', 'assistant', 'tool', 'function', 'developer', 'USER', '', null, 1, '__proto__']))],
          [2, () => (m.content = r.pick<Json>([null, 42, true, [], [{ type: 'text', text: 'x' }], { a: 1 }, this.unicode(20), '']))],
          [1, () => (m.weight = r.pick<Json>([0, 1, 2, '1', null, -1]))],
          [1, () => (m.tool_call_id = r.pick<Json>(['nope', null, 42]))],
          [1, () => delete m[r.pick(['role', 'content', 'tool_calls', 'tool_call_id'])]],
          [1, () => (m[r.pick(PROTO_KEYS)] = 1)],
        ])();
      } else {
        messages[i] = { role: 'user', content: 'x' };
      }
    } else {
      r.pick<() => void>([
        () => messages.splice(r.int(0, messages.length), 0, r.pick<Json>([null, 'x', [], { role: 'tool', content: 'orphan' }])),
        () => messages.splice(r.int(0, messages.length), 1),
        () => messages.push(...messages.slice(0, r.int(0, messages.length))),
      ])();
    }
  }

  mutateTop(value: Obj): void {
    const r = this.rng;
    r.pick<() => void>([
      () => (value.messages = r.pick<Json>([{}, 'x', null, []])),
      () => (value.tools = r.pick<Json>([{}, 'x', null, [], [null], [{ type: 'function' }], value.tools]) ),
      () => (value.parallel_tool_calls = r.pick<Json>(['yes', 1, null])),
      () => {
        value.functions = this.toolsOf(value).map((t) => t.function);
        if (r.bool()) delete value.tools;
      },
      () => (value[r.pick([...PROTO_KEYS, 'conversations', ''])] = 1),
      () => delete value.messages,
    ])();
  }
}

/** Python's repr of a JSON value: single quotes, True/False/None (deep values: a deep repr, written iteratively). */
export function pythonRepr(value: unknown): string {
  try {
    return reprOf(value);
  } catch {
    return "{'a': " + '['.repeat(5000) + ']'.repeat(5000) + '}';
  }
}

function reprOf(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(reprOf).join(', ')}]`;
  if (isObj(value)) return `{${Object.entries(value).map(([k, v]) => `${reprOf(k)}: ${reprOf(v)}`).join(', ')}}`;
  return 'None';
}
