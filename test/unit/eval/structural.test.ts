import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { structuralMatch } from '../../../core/eval/structural.ts';
import { standardizeString } from '../../../core/eval/standardizeString.ts';

const schema = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'], default: 'celsius' },
    days: { type: 'integer' },
    threshold: { type: 'number' },
    hourly: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    filter: {
      type: 'object',
      properties: { min: { type: 'number' }, label: { type: 'string' } },
      required: ['min'],
    },
  },
  required: ['city'],
};
const call = (args: object | string) => ({ name: 'get_weather', arguments: typeof args === 'string' ? args : JSON.stringify(args) });
const check = (expected: object | string, predicted: object | string, params: unknown = schema) =>
  structuralMatch(call(expected), call(predicted), params);

describe('structuralMatch', () => {
  it('passes equal calls, strings compared after BFCL normalisation', () => {
    assert.deepEqual(check({ city: 'San Francisco, CA' }, { city: 'san francisco ca' }), { pass: true });
  });

  it('fails on another function name', () => {
    assert.deepEqual(structuralMatch(call({ city: 'Paris' }), { name: 'get_time', arguments: '{"city": "Paris"}' }, schema), {
      pass: false, reason: "Function name 'get_time' does not match the expected 'get_weather'.",
    });
  });

  it('fails on a missing required parameter', () => {
    assert.deepEqual(check({ city: 'Paris' }, {}), { pass: false, reason: "Missing required parameter 'city'." });
  });

  it('fails on a parameter outside the schema', () => {
    assert.deepEqual(check({ city: 'Paris' }, { city: 'Paris', country: 'FR' }), {
      pass: false, reason: "Unexpected parameter 'country', which the schema does not declare.",
    });
  });

  it('accepts an int for a number, not a float for an integer, not a bool for an integer', () => {
    assert.deepEqual(check('{"city": "a", "threshold": 2.0}', '{"city": "a", "threshold": 2}'), { pass: true });
    assert.deepEqual(check('{"city": "a", "days": 2}', '{"city": "a", "days": 2.0}'), {
      pass: false, reason: "Parameter 'days' should be of type integer, got number (float).",
    });
    assert.deepEqual(check('{"city": "a", "days": 1}', '{"city": "a", "days": true}'), {
      pass: false, reason: "Parameter 'days' should be of type integer, got boolean.",
    });
  });

  it('reports a value outside the enum without failing on it, unless enums are strict', () => {
    assert.deepEqual(check({ city: 'a', unit: 'fahrenheit' }, { city: 'a', unit: 'kelvin' }), {
      pass: false, reason: "Parameter 'unit' is \"kelvin\", expected \"fahrenheit\".",
    });
    assert.deepEqual(check({ city: 'a', unit: 'kelvin' }, { city: 'a', unit: 'Kelvin' }), {
      pass: true, reason: "'unit' is \"Kelvin\", which is not one of the schema's enum values (a schema-validity problem, not scored here).",
    });
    assert.deepEqual(structuralMatch(call({ city: 'a', unit: 'kelvin' }), call({ city: 'a', unit: 'kelvin' }), schema, undefined, { strictEnums: true }), {
      pass: false, reason: "Parameter 'unit' is \"kelvin\", which is not one of the schema's enum values.",
    });
  });

  it('compares arrays in order', () => {
    assert.deepEqual(check({ city: 'a', tags: ['x', 'y'] }, { city: 'a', tags: ['y', 'x'] }), {
      pass: false, reason: "Parameter 'tags[0]' is \"y\", expected \"x\".",
    });
  });

  it('checks nested objects with their own schema', () => {
    assert.deepEqual(check({ city: 'a', filter: { min: 1 } }, { city: 'a', filter: { min: 1.0 } }), { pass: true });
    assert.deepEqual(check({ city: 'a', filter: { min: 1 } }, { city: 'a', filter: { label: 'x' } }), {
      pass: false, reason: "Missing required parameter 'filter.min'.",
    });
    assert.deepEqual(check({ city: 'a', filter: { min: 1 } }, { city: 'a', filter: { min: 2 } }), {
      pass: false, reason: "Parameter 'filter.min' is 2, expected 1.",
    });
  });

  it('lets an optional parameter be left out (saying so), and an unexpected one pass only as its default', () => {
    assert.deepEqual(check({ city: 'a', unit: 'celsius' }, { city: 'a' }), {
      pass: true, reason: "'unit' left out: optional in the schema (the expected call gives \"celsius\").",
    });
    assert.deepEqual(check({ city: 'a', days: 3 }, { city: 'a' }), {
      pass: true, reason: "'days' left out: optional in the schema (the expected call gives 3).",
    });
    assert.deepEqual(check({ city: 'a' }, { city: 'a', unit: 'celsius' }), {
      pass: true, reason: "'unit' given as its schema default \"celsius\", which the expected call leaves out.",
    });
    assert.deepEqual(check({ city: 'a' }, { city: 'a', hourly: true }), {
      pass: false, reason: "Parameter 'hourly' is not in the expected call and true is not its default.",
    });
  });

  it('fails on arguments that are not a JSON object', () => {
    assert.deepEqual(check({ city: 'a' }, "{'city': 'a'}"), { pass: false, reason: 'The predicted arguments are not valid JSON.' });
    assert.deepEqual(check({ city: 'a' }, '[1]'), { pass: false, reason: 'The predicted arguments are not a JSON object.' });
  });

  it('without a schema, needs exactly the expected parameters', () => {
    assert.deepEqual(check({ city: 'a' }, { city: 'A' }, null), { pass: true });
    assert.deepEqual(check({ city: 'a' }, { city: 'a', x: 1 }, null), { pass: false, reason: "Unexpected parameter 'x'." });
  });
});

describe('standardizeString', () => {
  it('follows BFCL', () => {
    assert.equal(standardizeString("New-York, N.Y. 'Big'_Apple*^/"), 'newyorkny"big"apple');
  });
});

describe('structuralMatch without explaining (explain false, the summary\'s way)', () => {
  it('gives the same pass as with its reasons on 6,000 seeded pairs, with and without alternatives and strict enums, and writes no reason', () => {
    let seed = 4242;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const value = (): unknown =>
      pick<() => unknown>([
        () => pick(['Paris', 'paris', 'Rome', 'celsius', 'kelvin', 'Celsius', '']),
        () => pick([0, 1, 2.5, -3, 1e400]),
        () => pick([true, false, null]),
        () => [pick(['a', 'b']), pick(['a', 1])].slice(0, Math.floor(random() * 3)),
        () => ({ min: pick([1, 1.5, 'x']), label: pick(['a', 'b']) }),
        () => ({ label: 'a' }),
      ])();
    const KEYS = ['city', 'unit', 'days', 'threshold', 'hourly', 'tags', 'filter', 'extra'];
    // A value of the key's type most of the time, anything else sometimes.
    const typed: Record<string, () => unknown> = {
      city: () => pick(['Paris', 'Rome', 'San Francisco, CA']),
      unit: () => pick(['celsius', 'fahrenheit']),
      days: () => pick([0, 3, 7]),
      threshold: () => pick([1, 2.5, -0.5]),
      hourly: () => pick([true, false]),
      tags: () => [pick(['a', 'b'])],
      filter: () => ({ min: pick([1, 1.5]), label: pick(['a', 'b']) }),
      extra: () => 1,
    };
    const valueOf = (key: string): unknown => (random() < 0.85 ? typed[key]!() : value());
    const args = (): string => {
      if (random() < 0.03) return pick(['[1]', '{"city": "Par', '"x"']);
      const out: Record<string, unknown> = {};
      for (const key of KEYS) if (key === 'city' ? random() < 0.9 : random() < (key === 'extra' ? 0.05 : 0.35)) out[key] = valueOf(key);
      return JSON.stringify(out);
    };
    // The expected call edited as models err: an optional key dropped, the default added, an enum
    // value near or off, a value changed.
    const edited = (text: string): string => {
      if (!text.startsWith('{') || !text.endsWith('}')) return text;
      const v = JSON.parse(text) as Record<string, unknown>;
      const edit = pick(['drop', 'default', 'near', 'off', 'change']);
      if (edit === 'drop') delete v[pick(KEYS.filter((k) => k !== 'city'))];
      else if (edit === 'default') v.unit = 'celsius';
      else if (edit === 'near') v.unit = 'Celsius';
      else if (edit === 'off') v.unit = 'kelvin';
      else {
        const key = pick(KEYS);
        v[key] = valueOf(key);
      }
      return JSON.stringify(v);
    };
    const tally = { pass: 0, fail: 0, passWithReason: 0, unexplained: 0 };
    for (let n = 0; n < 6000; n++) {
      const expected = { name: 'get_weather', arguments: args() };
      const predicted = random() < 0.2 ? expected : { name: random() < 0.05 ? 'get_time' : 'get_weather', arguments: random() < 0.3 ? args() : edited(expected.arguments) };
      // Alternatives: each expected key's value and maybe another, maybe "" (may be left out).
      const given = expected.arguments.startsWith('{') && expected.arguments.endsWith('}') ? (JSON.parse(expected.arguments) as Record<string, unknown>) : {};
      const acceptable = random() < 0.3 ? new Map(Object.keys(given).map((k) => [k, [given[k], ...(random() < 0.3 ? [valueOf(k)] : []), ...(random() < 0.3 ? [''] : [])]] as const)) : undefined;
      const options = { strictEnums: random() < 0.3 };
      const params = random() < 0.9 ? schema : undefined;
      const full = structuralMatch(expected, predicted, params, acceptable, options);
      const quiet = structuralMatch(expected, predicted, params, acceptable, options, undefined, false);
      assert.equal(quiet.pass, full.pass, `${expected.arguments} / ${predicted.arguments}`);
      if (full.pass) tally.pass++;
      else tally.fail++;
      if (full.pass && full.reason !== undefined) tally.passWithReason++;
      // No note on a pass; a failure keeps its reason only where writing it shows no value.
      if (quiet.pass || quiet.reason !== undefined) assert.equal(quiet.reason, quiet.pass ? undefined : full.reason);
      if (!quiet.pass && quiet.reason === undefined) tally.unexplained++;
    }
    assert.deepEqual(tally, { pass: 1659, fail: 4341, passWithReason: 447, unexplained: 1427 });
  });
});
