import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { structuralMatch, structuralMatchParsed } from '../../../core/eval/structural.ts';
import { parseArguments, ParsedArguments } from '../../../core/eval/metrics.ts';
import { parsePythonJson } from '../../../core/eval/pythonJson.ts';
import { sameStandardized, standardizeString } from '../../../core/eval/standardizeString.ts';
import { isAcceptable } from '../../../core/eval/acceptable.ts';

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

  it('sameStandardized equals comparing the two standardized strings on 20,000 seeded pairs, ASCII or not', () => {
    let seed = 99;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    // Letters of both cases, the dropped characters, both quotes, and characters whose lower case
    // is longer or ASCII (İ, the Kelvin sign), a final sigma, accents, an astral one, a lone surrogate.
    const CHARS = ['a', 'B', 'c', 'D', 'z', 'Z', '0', '9', ' ', ',', '.', '/', '-', '_', '*', '^', "'", '"', '@', '\u0130', '\u212a', '\u03a3', '\u00e9', '\u00c9', '\u00df', '\ud83d\ude00', '\ud800'];
    const ascii = CHARS.slice(0, 19);
    const text = (): string => {
      const from = random() < 0.7 ? ascii : CHARS;
      return Array.from({ length: Math.floor(random() * 9) }, () => pick(from)).join('');
    };
    // The text edited so that it often standardizes the same: case flipped, dropped characters
    // added, quotes swapped; sometimes a real change.
    const edited = (s: string): string =>
      Array.from(s, (c) => {
        const r = random();
        if (r < 0.15) return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
        if (r < 0.25) return c + pick([' ', '_', '.', '-']);
        if (r < 0.3) return c === "'" ? '"' : c === '"' ? "'" : c;
        if (r < 0.35) return pick(CHARS);
        return c;
      }).join('');
    const tally = { same: 0, different: 0 };
    for (let n = 0; n < 20000; n++) {
      const a = text();
      const b = random() < 0.8 ? edited(a) : text();
      const expected = standardizeString(a) === standardizeString(b);
      assert.equal(sameStandardized(a, b), expected, JSON.stringify([a, b]));
      assert.equal(sameStandardized(b, a), expected, JSON.stringify([b, a]));
      tally[expected ? 'same' : 'different']++;
    }
    assert.deepEqual(tally, { same: 13708, different: 6292 });
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
      const quiet = structuralMatch(expected, predicted, params, acceptable, options, false);
      assert.equal(quiet.pass, full.pass, `${expected.arguments} / ${predicted.arguments}`);
      // The summary's entry, parses handed over as arguments, gives both the same, quiet checks
      // before it having left no note behind (they share one notes array they never write).
      const [want, got] = [parseArguments(expected.arguments), parseArguments(predicted.arguments)];
      assert.deepEqual(structuralMatchParsed(expected, predicted, params, acceptable, options, want, got, false), quiet);
      assert.deepEqual(structuralMatchParsed(expected, predicted, params, acceptable, options, want, got, true), full);
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

describe('structuralMatch on plain values (JSON.parse\'s, argumentValue.ts) against the Python model', () => {
  // The reference: the same calls with both sides in the Python model, parsed by the
  // json.loads of pythonJson.ts (Maps, bigints), as every call was checked before plain values were read.
  const pythonParsed = (text: string): ParsedArguments | undefined => {
    try {
      return new ParsedArguments(text, undefined, parsePythonJson(text));
    } catch {
      return undefined;
    }
  };
  const numbersSchema = {
    type: 'object',
    properties: {
      n: { type: 'integer', enum: [1, 2, 3], default: 2 },
      x: { type: ['number', 'null'], enum: [0.5, 1, 2.5, null], default: 2.5 },
      flag: { type: 'boolean', default: true },
      list: { type: 'array', items: { type: 'integer' }, default: [1, 2] },
      obj: { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'number' } }, default: { a: 1, b: 0.5 } },
      free: { type: 'object' },
      s: { type: 'string', enum: ['Up', 'down'] },
    },
    required: ['n'],
  };

  it('gives the same pass and reason on 8,000 seeded pairs (ints, floats, bools, nesting, defaults, enums, alternatives), plain or not', () => {
    let seed = 77;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    // Number texts: ints, floats, integral floats (not plain), big ints (not plain), exponents, inf.
    const number = (): string => pick(['0', '1', '2', '3', '-1', '2.5', '0.5', '1.0', '2.0', '1e2', '1.5e1', '1e400', '9007199254740993', '-0', '-0.0']);
    const scalar = (): string => pick([number(), number(), 'true', 'false', 'null', '"Up"', '"up"', '"down"', '"x"']);
    const value = (depth: number): string => {
      const r = random();
      if (depth > 1 || r < 0.6) return scalar();
      if (r < 0.8) return `[${Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1)).join(', ')}]`;
      const keys = ['a', 'b', 'c', '1k'].filter(() => random() < 0.5);
      return `{${keys.map((k) => `"${k}": ${value(depth + 1)}`).join(', ')}}`;
    };
    const KEYS = ['n', 'x', 'flag', 'list', 'obj', 'free', 's', 'other'];
    const text = (entries: (readonly [string, string])[]): string => `{${entries.map(([k, v]) => `"${k}": ${v}`).join(', ')}}`;
    // A value of the key's type most of the time (near the enums and defaults), anything else sometimes.
    const TYPED: Record<string, readonly string[]> = {
      n: ['1', '2', '3', '0', '2.0', 'true'],
      x: ['0.5', '1', '2.5', 'null', '1.0', '1e400'],
      flag: ['true', 'false', '1'],
      list: ['[1, 2]', '[1]', '[2.0]', '[]', '[true]'],
      obj: ['{"a": 1, "b": 0.5}', '{"a": 2}', '{"b": 1}', '{"a": 1.5}'],
      free: ['{"k": 1}', '{"a": [1, 2.5]}', '{"1k": 1}', '{}'],
      s: ['"Up"', '"up"', '"down"', '"side"'],
      other: ['1', '0.5'],
    };
    const entries = (): (readonly [string, string])[] =>
      KEYS.filter((k) => (k === 'n' ? random() < 0.9 : random() < 0.3)).map((k) => [k, random() < 0.8 ? pick(TYPED[k]!) : value(0)] as const);
    // Values the schema takes as defaults, written as a model might (1.0 for 1, keys reordered).
    const DEFAULTS = [['n', '2'], ['n', '2.0'], ['x', '2.5'], ['flag', 'true'], ['flag', '1'], ['list', '[1, 2]'], ['list', '[1.0, 2]'], ['obj', '{"b": 0.5, "a": 1}']] as const;
    const NOT_JSON = ['[1]', '{"n": 1', '"x"', '{"n": NaN}'];
    const tally = { pairs: 0, bothPlain: 0, pass: 0, passWithReason: 0 };
    for (let n = 0; n < 8000; n++) {
      const want = entries();
      // The expected call, or it edited: a key dropped, a default added, numbers and words changed
      // (1 for 1.0, true for 1, "up" for "Up"); or another call.
      const r = random();
      const have = r < 0.15 ? want : r < 0.8 ? want.filter(() => random() < 0.85).map(([k, v]) => [k, v.replace(/-?\d[\d.e]*|true|false|"[Uu]p"/g, (token) => (random() < 0.2 ? scalar() : token))] as const) : entries();
      if (r >= 0.15 && random() < 0.3) {
        const [key, dflt] = pick(DEFAULTS);
        if (!have.some(([k]) => k === key)) have.push([key, dflt]);
      }
      const expectedText = random() < 0.02 ? pick(NOT_JSON) : text(want);
      const predictedText = random() < 0.02 ? pick(NOT_JSON) : text(have);
      const expected = { name: 'f', arguments: expectedText };
      const predicted = { name: 'f', arguments: predictedText };
      // Alternatives as JSON.parse gives them: numbers, bools, lists, dicts, "".
      const acceptable =
        random() < 0.3
          ? new Map(KEYS.filter(() => random() < 0.5).map((k) => [k, Array.from({ length: 1 + Math.floor(random() * 2) }, () => JSON.parse(pick([number(), 'true', '[1, 2.5]', '{"a": [1, 2], "b": 0.5}', '{"a": 1}', '""', '"up"'])))] as const))
          : undefined;
      const options = { strictEnums: random() < 0.3 };
      const params = random() < 0.85 ? numbersSchema : undefined;
      const plainSide = { expected: parseArguments(expectedText), predicted: parseArguments(predictedText) };
      const pythonSide = { expected: pythonParsed(expectedText), predicted: pythonParsed(predictedText) };
      for (const explain of [true, false]) {
        const result = structuralMatchParsed(expected, predicted, params, acceptable, options, plainSide.expected, plainSide.predicted, explain);
        const reference = structuralMatchParsed(expected, predicted, params, acceptable, options, pythonSide.expected, pythonSide.predicted, explain);
        assert.deepEqual(result, reference, `${expectedText} / ${predictedText}`);
        if (explain) {
          tally.pairs++;
          if (plainSide.expected?.plain !== undefined && plainSide.predicted?.plain !== undefined) tally.bothPlain++;
          if (result.pass) tally.pass++;
          if (result.pass && result.reason !== undefined) tally.passWithReason++;
        }
      }
    }
    assert.deepEqual(tally, { pairs: 8000, bothPlain: 4640, pass: 722, passWithReason: 130 });
  });
});

describe('isAcceptable against a dict alternative (BFCL dict_checker), in both models', () => {
  it('takes each key\'s listed values, any one of them, or its one value when not a list; "" lets the key be left out', () => {
    const alternative = { owner: ['alice', 'bob'], region: ['eu', ''], size: 2 };
    const cases: [string, boolean][] = [
      ['{"owner": "alice", "region": "eu", "size": 2}', true],
      ['{"owner": "Bob", "size": 2}', true],
      ['{"owner": "carol", "size": 2}', false],
      ['{"owner": "alice", "size": 3}', false],
      ['{"owner": "alice", "region": "us", "size": 2}', false],
      ['{"region": "eu", "size": 2}', false],
      ['{"owner": "alice", "size": 2, "extra": 1}', false],
    ];
    for (const [text, expected] of cases) {
      const parsed = parseArguments(text)!;
      assert.equal(isAcceptable(parsed.plain, [alternative], true), expected, text);
      assert.equal(isAcceptable(parsePythonJson(text), [alternative], false), expected, text);
    }
  });
});
