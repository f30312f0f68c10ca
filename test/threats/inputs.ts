// The exact inputs of the threat table (../shared/notes/threats.md), as dataset lines. Shared by
// the per-row tests and by row 12, which replays all of them through one server.

/** A tool-calling example: one call to `f` with `args` (a value to encode, or a raw string), `f` declared with `parameters`. */
export function callLine(parameters: unknown, args: unknown, name = 'f'): string {
  return JSON.stringify({
    messages: [
      { role: 'user', content: 'Please call the tool.' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
      { role: 'assistant', content: 'Done.' },
    ],
    tools: [{ type: 'function', function: { name, description: 'A tool.', parameters } }],
  });
}

/** An object schema with one string property `x` constrained by `pattern`. */
export const patternSchema = (pattern: string) => ({ type: 'object', properties: { x: { type: 'string', pattern } }, required: ['x'] });

// Row 1: ReDoS.
export const REDOS_PATTERN = '^(a+)+$';
export const REDOS_SUBJECT = 'a'.repeat(40) + '!';
export const LOOKAHEAD_PATTERN = '(?=a)';
export const BACKREF_PATTERN = '(a)\\1';

// Row 2: compile blow-ups.
export function deepProperties(levels = 500): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { a: schema } };
  return schema;
}
export function manyProperties(count = 5000): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) properties[`p${i}`] = { type: 'string' };
  return { type: 'object', properties };
}
export const hugeEnum = (count = 30_000) => ({ type: 'object', properties: { x: { enum: Array.from({ length: count }, (_, i) => `v${i}`) } } });
export const UNIQUE_ITEMS_SCHEMA = { type: 'object', properties: { list: { type: 'array', uniqueItems: true } } };
/** 20,000 distinct objects, then a copy of the first: the duplicate is found only by comparing with item 0. */
export const uniqueItemsArgs = (count = 20_000) => ({ list: [...Array.from({ length: count }, (_, i) => ({ id: i, name: `n${i}` })), { id: 0, name: 'n0' }] });

// Row 4: remote $ref.
export const REMOTE_REF = 'https://example.invalid/s.json';

// Row 6: deep nesting.
export const DEEP_ARRAY_LINE = '['.repeat(6000);
export const DEEP_OBJECT_LINE = '{"a":'.repeat(3000);

/** A valid example that starts a document, so the server treats it as a dataset. */
export const FIRST_LINE = JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello.' }] });

/** Every input of rows 1-6 as lines (row 12 replays them). */
export function allThreatLines(): { name: string; line: string }[] {
  return [
    { name: 'ReDoS pattern', line: callLine(patternSchema(REDOS_PATTERN), { x: REDOS_SUBJECT }) },
    { name: 'ReDoS patternProperties', line: callLine({ type: 'object', patternProperties: { [REDOS_PATTERN]: { type: 'string' } } }, { [REDOS_SUBJECT]: 1 }) },
    { name: 'look-ahead pattern', line: callLine(patternSchema(LOOKAHEAD_PATTERN), { x: 'a' }) },
    { name: 'back-reference pattern', line: callLine(patternSchema(BACKREF_PATTERN), { x: 'aa' }) },
    { name: '500-deep properties', line: callLine(deepProperties(500), {}) },
    { name: '5,000 properties', line: callLine(manyProperties(5000), {}) },
    { name: '30k enum', line: callLine(hugeEnum(30_000), { x: 'v1' }) },
    { name: 'uniqueItems over 20k objects', line: callLine(UNIQUE_ITEMS_SCHEMA, uniqueItemsArgs()) },
    { name: 'remote $ref', line: callLine({ $ref: REMOTE_REF }, {}) },
    { name: 'required toString', line: callLine({ type: 'object', properties: {}, required: ['toString'] }, {}) },
    { name: '6,000 [', line: DEEP_ARRAY_LINE },
    { name: '3,000 {"a":', line: DEEP_OBJECT_LINE },
  ];
}
