// The one-pass case extraction (core/eval/cases.ts) against the extraction it replaced
// (casesReference.ts) on every fixture line, the bench generator's lines and seeded random
// examples built to reach every rule: each line must give the same cases (fields, values and
// key order) or the same error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineCases, type ExtractOptions } from '../../../core/eval/cases.ts';
import { mulberry32 } from '../../../core/random.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';
import { plainOutcome, referenceLineCases } from './casesReference.ts';

type Outcome = ReturnType<typeof lineCases>;

/** What a line gives, as text: JSON keeps key order, and `undefined` entries of `acceptable` show as null. */
function shown(outcome: Outcome): string {
  return JSON.stringify(outcome);
}

/** Lines whose outcome differs between the two extractions, and a tally of what the lines gave. */
function compare(lines: string[], options: ExtractOptions): { differing: string[]; tally: Map<string, number> } {
  const differing: string[] = [];
  const tally = new Map<string, number>();
  lines.forEach((text, index) => {
    const got = plainOutcome(lineCases(text, index + 1, options));
    const want = referenceLineCases(text, index + 1, options);
    assert.deepEqual(got, want, text);
    if (shown(got) !== shown(want)) differing.push(text);
    const kinds = got === null ? ['blank'] : 'error' in got ? [`error: ${got.error.message.replace(/\d+/g, 'N').replace(/\(.*\)/, '(...)')}`] : got.cases.map((c) => `${c.category}${c.acceptable ? ' +acceptable' : ''}`);
    for (const k of kinds.length > 0 ? kinds : ['no cases']) tally.set(k, (tally.get(k) ?? 0) + 1);
  });
  return { differing, tally };
}

/** Seeded random examples: roles, calls, replies, ids, weights, tools and alternatives, valid or not. */
function randomLines(count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const names = ['get_weather', 'get_time', 'search', 'book'];
  const call = (name: string, id: unknown): unknown =>
    pick([
      { id, type: 'function', function: { name, arguments: `{"q": ${Math.floor(random() * 3)}}` } },
      { id, type: 'function', function: { name, arguments: `{"q": ${Math.floor(random() * 3)}}` } },
      { id, function: { name, arguments: '{}' } },
      { function: { name, arguments: '{"a": 1}' } },
      ...(random() < 0.15 ? [null, { id }, { id, function: { name: 7, arguments: '{}' } }, { id, function: { name, arguments: { a: 1 } } }] : []),
    ]);
  const replyContent = (): unknown =>
    pick(['{"error": "timeout"}', '{"Error" :1}', 'Request failed.', 'An exception occurred', 'errors happen', 'ok', '{"result": 3}', ['error', 1], [{ type: 'text', text: 'failed' }], { error: true }, null, 42]);
  const lines: string[] = [];
  for (let n = 0; n < count; n++) {
    const messages: unknown[] = [];
    if (random() < 0.5) messages.push({ role: 'system', content: 'You help.' });
    messages.push({ role: 'user', content: 'Do it.' });
    const turns = 1 + Math.floor(random() * 4);
    for (let t = 0; t < turns; t++) {
      const message: Record<string, unknown> = { role: 'assistant' };
      const calls = pick([0, 1, 1, 2, 3]);
      const ids = Array.from({ length: calls }, (_, c) => pick([`call_${t}_${c}`, `call_${t}_0`, 5, null, undefined]));
      if (calls > 0 || random() < 0.3) message.tool_calls = calls > 0 ? ids.map((id) => call(pick(names), id)) : pick([[], null]);
      if (random() < 0.5) message.content = pick(['Sure.', null, '']);
      if (random() < 0.2) message.weight = pick([0, 1, '0', 0.0, false]);
      messages.push(message);
      const replies = calls > 0 ? pick([0, 1, calls, calls + 1]) : 0;
      for (let r = 0; r < replies; r++) {
        const reply: Record<string, unknown> = { role: 'tool', content: replyContent() };
        if (random() < 0.85) reply.tool_call_id = pick([...ids, 'call_other', 5]);
        messages.push(reply);
      }
      if (random() < 0.3) messages.push({ role: 'user', content: 'And then?' });
    }
    if (random() < 0.05) messages.splice(Math.floor(random() * messages.length), 0, pick([null, 'text', { content: 'no role' }, { role: 3 }, ['role']]));
    const example: Record<string, unknown> = { messages: random() < 0.03 ? pick([[], {}, 'm', null]) : messages };
    const tools = names.map((name) => ({ type: 'function', function: { name, description: name, parameters: { type: 'object', properties: { q: { type: 'integer' } } } } }));
    if (random() < 0.75) example.tools = random() < 0.05 ? pick([{}, 'tools', null, [{ function: { name: 1 } }], [null], [{}]]) : tools.slice(0, 1 + Math.floor(random() * 4));
    if (random() < 0.25) example.acceptable = alternativesOf(messages, random, pick);
    const text = JSON.stringify(example);
    lines.push(random() < 0.02 ? text.slice(0, -1) : random() < 0.02 ? pick(['[]', '3', '"x"', 'null', '  ']) : text);
  }
  return lines;
}

// Alternatives for the calling turns, mostly well formed: null turns, null calls, a parameter's
// values, and now and then a wrong count or a wrong name.
function alternativesOf(messages: unknown[], random: () => number, pick: <T>(items: readonly T[]) => T): unknown {
  const calling = messages.filter((m) => Array.isArray((m as { tool_calls?: unknown } | null)?.tool_calls) && ((m as { tool_calls: unknown[] }).tool_calls.length > 0));
  const turns = calling.map((m) => {
    if (random() < 0.2) return null;
    return (m as { tool_calls: { function?: { name?: unknown } }[] }).tool_calls.map((c) => {
      if (random() < 0.2) return null;
      const name = random() < 0.05 ? 'other' : c?.function?.name;
      return { [String(name)]: { q: pick([[0, 1], [''], [2], 'x']) } };
    });
  });
  return random() < 0.05 ? turns.slice(1) : random() < 0.03 ? 'all' : turns;
}

describe('one-pass case extraction equals the reference', () => {
  for (const includeWeightZero of [false, true]) {
    it(`on fixtures, generated and random lines (includeWeightZero: ${includeWeightZero})`, () => {
      const lines = [...fixtureLines(), ...generatedLines(1500, 7), ...randomLines(6000, 11)];
      const { differing, tally } = compare(lines, { includeWeightZero });
      assert.deepEqual(differing, []);
      // The random lines reach every category and every error the extraction can give.
      const at = (k: string): number => tally.get(k) ?? 0;
      for (const k of ['single-call', 'multi-step', 'no-call', 'error-recovery', 'single-call +acceptable', 'multi-step +acceptable']) assert.ok(at(k) >= 50, `${k}: ${at(k)}`);
      for (const k of [
        'error: Line is not valid JSON (...).',
        'error: Line is not a JSON object.',
        'error: "messages" must be a non-empty array.',
        'error: Message N must be an object with a string "role".',
        'error: "tools" must be an array.',
        'error: Tool N must have a string "function.name".',
        'error: Message N, tool call N: "function.name" must be a string.',
        'error: Message N, tool call N: "function.arguments" must be a string holding JSON.',
        'blank',
      ]) {
        assert.ok(at(k) >= 5, `${k}: ${at(k)}`);
      }
      assert.ok([...tally.keys()].filter((k) => k.startsWith('error: "acceptable"')).length >= 2, [...tally.keys()].join('\n'));
    });
  }

  it('finds an error-recovery example by its retried call only from the tool reply that reports it', () => {
    const line = (reply: string, id: string): string =>
      JSON.stringify({
        messages: [
          { role: 'user', content: 'x' },
          { role: 'assistant', tool_calls: [{ id: 'a', function: { name: 'f', arguments: '{}' } }, { id: 'b', function: { name: 'g', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: id, content: reply },
          { role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'g', arguments: '{}' } }] },
        ],
      });
    const categories = [line('failed', 'b'), line('failed', 'a'), line('fine', 'b'), line('{"error": 1}', 'b'), line('failed', 'z')].map((text) => {
      const got = plainOutcome(lineCases(text, 1));
      assert.deepEqual(got, referenceLineCases(text, 1));
      return got !== null && 'cases' in got ? got.cases[0]!.category : 'error';
    });
    assert.deepEqual(categories, ['error-recovery', 'multi-step', 'multi-step', 'error-recovery', 'multi-step']);
  });
});
