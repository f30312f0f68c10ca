// The arguments text read against a subset schema without JSON.parse: its "valid" must be exactly
// JSON.parse's object passing fastValid, on random schemas and random texts (valid and broken
// JSON, escapes, unicode, numbers of every JSON form, nesting, repeated and escaped keys).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastValid, inFastSubset } from '../../../core/schema/fastSubset.ts';
import { fastValidText, textPlanOf } from '../../../core/schema/fastValidText.ts';
import { SchemaCache } from '../../../core/schema/index.ts';

/** A small seeded generator (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['a', 'b', 'city', 'unit_1', 'constructor', '__proto__', 'é', '😀', 'long_name_of_a_key'];
const STRINGS = ['', 'x', 'ab', 'celsius', 'fahrenheit', '😀😀', 'é', 'a"b', 'back\\slash', 'line\nbreak', '\u0000', '\u001f', '\u2028', '\ud800', 'tab\t'];
const NUMBERS = ['0', '-0', '1', '-1', '2.5', '3.0', '10', '1e2', '1E-2', '-0.0', '12345678901234567890', '1e400', '-1e400', '0.1', '7'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!;
}

function randomSchema(next: () => number, depth: number): unknown {
  if (next() < 0.08) return next() < 0.7;
  const schema: Record<string, unknown> = {};
  const roll = next();
  const types = roll < 0.15 ? [] : roll < 0.3 ? [pick(next, TYPES), pick(next, TYPES)] : [depth === 0 ? 'object' : pick(next, TYPES)];
  const distinct = [...new Set(types)];
  if (distinct.length === 1) schema.type = distinct[0];
  else if (distinct.length > 1) schema.type = distinct;
  const has = (t: string) => distinct.includes(t) || (t === 'number' && distinct.includes('integer'));
  if (next() < 0.2) schema.enum = [...new Set([pick(next, STRINGS), Number(pick(next, NUMBERS)), true, null].filter(() => next() < 0.6))];
  if ((schema.enum as unknown[] | undefined)?.length === 0 || (schema.enum as unknown[] | undefined)?.some((v) => typeof v === 'number' && !Number.isFinite(v))) delete schema.enum;
  if (next() < 0.08) schema.const = pick(next, [pick(next, STRINGS), 3, 0, true, null]);
  if (has('string') && next() < 0.3) schema.minLength = Math.floor(next() * 3);
  if (has('string') && next() < 0.3) schema.maxLength = Math.floor(next() * 4);
  if (has('number') && next() < 0.3) schema.minimum = pick(next, [-1, 0, 2.5]);
  if (has('number') && next() < 0.3) schema.maximum = pick(next, [0, 3, 10]);
  if (has('number') && next() < 0.15) schema.exclusiveMinimum = 0;
  if (has('number') && next() < 0.15) schema.exclusiveMaximum = 10;
  if (has('array') && next() < 0.7) schema.items = randomSchema(next, depth + 1);
  if (has('array') && next() < 0.2) schema.minItems = 1;
  if (has('array') && next() < 0.2) schema.maxItems = 2;
  if (has('object')) {
    if (next() < 0.85 && depth < 3) {
      const properties: Record<string, unknown> = {};
      for (const name of NAMES) if (name !== '__proto__' && next() < 0.4) properties[name] = randomSchema(next, depth + 1);
      schema.properties = properties;
      const declared = Object.keys(properties).filter(() => next() < 0.5);
      if (declared.length > 0) schema.required = declared;
    }
    if (next() < 0.5) schema.additionalProperties = next() < 0.6 ? next() < 0.5 : randomSchema(next, depth + 1);
    if (next() < 0.1) schema.minProperties = 1;
    if (next() < 0.1) schema.maxProperties = 2;
  }
  if (next() < 0.2) schema.description = 'd';
  return schema;
}

/** A JSON text for `schema`, mostly fitting it; `facts` says whether it repeats or escapes a key. */
function randomText(next: () => number, schema: unknown, depth: number, facts: { odd: boolean }): string {
  const s = (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>;
  const space = () => (next() < 0.1 ? pick(next, [' ', '\n', '\t', '\r', '  ']) : '');
  if (Array.isArray(s.enum) && next() < 0.6) return JSON.stringify(pick(next, s.enum as unknown[]));
  const type = typeof s.type === 'string' ? s.type : Array.isArray(s.type) ? pick(next, s.type as string[]) : pick(next, TYPES);
  const kind = next() < 0.85 ? type : pick(next, TYPES);
  switch (depth > 4 ? 'null' : kind) {
    case 'string': {
      const value = pick(next, STRINGS);
      if (next() < 0.2) return `"${[...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`;
      return next() < 0.1 ? `"${value}"` : JSON.stringify(value); // raw control characters and quotes: broken JSON
    }
    case 'number':
    case 'integer':
      return pick(next, NUMBERS);
    case 'boolean':
      return next() < 0.5 ? 'true' : 'false';
    case 'null':
      return next() < 0.95 ? 'null' : 'nul';
    case 'array': {
      const items = Array.from({ length: Math.floor(next() * 4) }, () => space() + randomText(next, s.items, depth + 1, facts) + space());
      return `[${items.join(',')}${next() < 0.03 ? ',' : ''}]`;
    }
    default: {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const names = NAMES.filter(() => next() < 0.35);
      for (const name of Object.keys(properties)) if (next() < 0.6 && !names.includes(name)) names.push(name);
      if (next() < 0.08 && names.length > 0) {
        names.push(names[0]!);
        facts.odd = true;
      }
      const members = names.map((name) => {
        let key = JSON.stringify(name);
        if (next() < 0.05) {
          key = `"\\u${name.charCodeAt(0).toString(16).padStart(4, '0')}${name.slice(1)}"`;
          facts.odd = true;
        }
        const value = properties[name] ?? s.additionalProperties;
        return `${space()}${key}${space()}:${space()}${randomText(next, value, depth + 1, facts)}${space()}`;
      });
      return `{${members.join(',')}${next() < 0.03 ? ',' : ''}}`;
    }
  }
}

function breakText(next: () => number, text: string, facts: { odd: boolean }): string {
  const at = Math.floor(next() * text.length);
  switch (Math.floor(next() * 5)) {
    case 0: return text.slice(0, at);
    case 1: return text + pick(next, [' ', 'x', '}', ' 1']);
    case 2: {
      const inserted = pick(next, ['"', '\\', ',', ':', '\u0001', '.', 'e', '-']);
      facts.odd ||= inserted === '\\'; // it may escape a key's character
      return text.slice(0, at) + inserted + text.slice(at);
    }
    case 3: return ` ${text} `;
    default: return pick(next, ['', '[]', '"{}"', '1', 'null', '{', '{}}', '{"a":01}', '{"a":1.}', '{"a":-}', '{"a":.5}', '{"a":1e}', '{"a":"\\x"}', '{"a":"\\u12"}']);
  }
}

/** JSON.parse's object passing fastValid: the answer the reader must give (or a safe false). */
function expected(schema: unknown, text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) && fastValid(schema as Record<string, unknown>, value);
}

test('the text reader says valid exactly when JSON.parse gives an object that fastValid passes', () => {
  const next = random(18);
  let schemas = 0;
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < 1500; i++) {
    const schema = randomSchema(next, 0);
    if (!inFastSubset(schema)) continue;
    schemas++;
    const plan = textPlanOf(schema as Record<string, unknown>);
    for (let j = 0; j < 20; j++) {
      const facts = { odd: false };
      let text = randomText(next, schema, 0, facts);
      if (next() < 0.25) text = breakText(next, text, facts);
      const answer = fastValidText(plan, text);
      const truth = expected(schema, text);
      if (answer) assert.equal(truth, true, `${JSON.stringify(schema)} ${text}`);
      // Repeated and escaped keys may be left to JSON.parse; everything else is read here.
      else if (!facts.odd) assert.equal(truth, false, `${JSON.stringify(schema)} ${text}`);
      if (truth) valid++;
      else invalid++;
    }
  }
  assert.ok(schemas > 800, `${schemas} schemas`);
  assert.ok(valid > 1500 && invalid > 5000, `${valid} valid, ${invalid} invalid`);
});

test('a repeated key is never read as valid when JSON.parse keeps a value fastValid refuses', () => {
  const plan = textPlanOf({ type: 'object', properties: { a: { type: 'integer' } }, required: ['a'], maxProperties: 1 });
  assert.equal(fastValidText(plan, '{"a":1,"a":"x"}'), false);
  assert.equal(fastValidText(plan, '{"a":1,"a":2}'), true);
  assert.equal(fastValidText(plan, '{"a":1,"b":2}'), false);
});

test('subset schemas get the text reader from the cache; others do not', () => {
  const cache = new SchemaCache();
  const subset = cache.compile({ type: 'object', properties: { a: { type: 'string', enum: ['x'] } }, required: ['a'] });
  assert.equal(subset.validText?.('{"a":"x"}'), true);
  assert.equal(subset.validText?.('{"a":"y"}'), false);
  assert.equal(cache.compile({ type: 'object', properties: { a: { type: 'string', pattern: '^x' } } }).validText, null);
});
