import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const load = (name: string) => JSON.parse(readFileSync(path.resolve('syntaxes', name), 'utf8'));

/** Every regex of a grammar (Oniguruma syntax; these use only what JS RegExp also reads). */
function regexes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => regexes(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') out.push(v);
      else regexes(v, out);
    }
  }
  return out;
}

test('grammars: scopes, injection target, and every pattern compiles', () => {
  const jsonl = load('jsonl.tmLanguage.json');
  const injection = load('jsonl-arguments.injection.json');
  assert.equal(jsonl.scopeName, 'source.jsonl');
  assert.equal(injection.scopeName, 'source.jsonl.arguments-injection');
  assert.match(injection.injectionSelector, /^L:source\.jsonl /);
  for (const source of [...regexes(jsonl), ...regexes(injection)]) assert.doesNotThrow(() => new RegExp(source), source);
});

test('the injection finds the inner keys, strings and numbers of an arguments string', () => {
  const { repository } = load('jsonl-arguments.injection.json');
  const line = String.raw`{"messages":[{"role":"assistant","tool_calls":[{"function":{"name":"f","arguments":"{\"city\": \"Z\\\"rich\", \"days\": 5, \"ok\": true}"}}]}]}`;
  const begin = new RegExp(repository.argumentsPair.begin).exec(line)!;
  assert.equal(begin[2], 'arguments');
  const body = line.slice(begin.index + begin[0].length);
  const key = new RegExp(repository.innerKey.match, 'g');
  assert.deepEqual([...body.matchAll(key)].map((m) => m[2]), ['city', 'days', 'ok']);
  const string = new RegExp(repository.innerString.match, 'g');
  assert.deepEqual([...body.matchAll(string)].map((m) => m[2]).slice(0, 2), ['city', String.raw`Z\\\"rich`]);
  const end = new RegExp(repository.argumentsPair.end).exec(body.replace(new RegExp(repository.innerString.match, 'g'), (m) => ' '.repeat(m.length)))!;
  assert.equal(body.slice(end.index + (end[1]?.length ?? 0)), '"}}]}]}');
  assert.deepEqual(body.match(new RegExp(repository.innerNumber.match, 'g')), ['5']);
});
