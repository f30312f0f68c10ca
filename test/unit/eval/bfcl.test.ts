// Structural match as BFCL's ast_checker scores it: alternatives, omissions, enums, undeclared
// functions, ints in float arrays, and the import of BFCL's own question + possible-answer files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli } from '../../../cli/main.ts';
import { join } from 'node:path';
import { importBfcl } from '../../../core/eval/bfclImport.ts';
import { extractCases, type EvalCase } from '../../../core/eval/cases.ts';
import type { ToolCall } from '../../../core/eval/metrics.ts';
import { scoreCase, type CaseResult } from '../../../core/eval/score.ts';

const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/eval/bfcl', name), 'utf8');
const imported = importBfcl(fixture('questions.json'), fixture('possible_answer.json'));
const evalSet = imported.records.map((r) => r.line).join('\n');
const { cases } = extractCases(evalSet);
const caseOf = (line: number): EvalCase => cases.find((c) => c.line === line)!;

/** Scores `calls` (name and arguments object each) as the model's answer to the case. */
function score(c: EvalCase, calls: [string, object][], options = {}): CaseResult {
  const toolCalls: ToolCall[] = calls.map(([name, args]) => ({ name, arguments: JSON.stringify(args) }));
  return scoreCase(c, { line: c.line, turn: c.turn, calls: toolCalls, content: null }, options);
}
const verdict = (r: CaseResult) => ({ exact: r.exact, structural: r.structural, reason: r.reason });

describe('BFCL import', () => {
  it('writes one eval line per question: messages, JSON Schema tools, the gold call and the acceptable answers', () => {
    assert.deepEqual(imported.errors, []);
    assert.deepEqual(JSON.parse(imported.records[0].line!), {
      messages: [
        { role: 'user', content: "What's the weather in San Francisco this week, in celsius?" },
        { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather_forecast', arguments: '{"city":"San Francisco","days":7,"unit":"celsius"}' } }] },
      ],
      tools: [{
        type: 'function',
        function: {
          name: 'weather_forecast',
          description: 'Forecast for a city.',
          parameters: {
            type: 'object',
            properties: {
              city: { type: 'string', description: 'City name.' },
              days: { type: 'integer', description: 'Days ahead.', default: 1 },
              unit: { type: 'string', enum: ['celsius', 'fahrenheit'], description: 'Unit.' },
            },
            required: ['city'],
          },
        },
      }],
      acceptable: [[{ weather_forecast: { city: ['San Francisco', 'SF', 'San Francisco, CA'], days: [7, ''], unit: ['celsius', ''] } }]],
    });
    assert.deepEqual(imported.records.map((r) => r.notes), [
      ['Function name "weather.forecast" is written "weather_forecast" (OpenAI accepts ^[a-zA-Z0-9_-]{1,64}$).', 'weather_forecast: BFCL types made JSON Schema (dict -> object).'],
      ['compound_interest: BFCL types made JSON Schema (dict -> object, float -> number).'],
      ['sort_numbers: BFCL types made JSON Schema (dict -> object, float -> number).', 'shuffle: BFCL types made JSON Schema (dict -> object, any -> any).'],
      ['time_in: BFCL types made JSON Schema (dict -> object).'],
    ]);
    // The gold leaves out what its first acceptable value leaves out ("" first).
    assert.equal(JSON.parse(imported.records[2].line!).messages[2].tool_calls[0].function.arguments, '{"numbers":[5,3,9],"tags":["a","b"],"meta":{"owner":"alice","region":"eu"}}');
  });

  it('scores the gold and each listed alternative as structural passes', () => {
    let alternatives = 0;
    for (const c of cases) {
      assert.equal(score(c, c.expected.map((e) => [e.name, JSON.parse(e.arguments)])).structural, true, `gold of line ${c.line}`);
      c.expected.forEach((call, i) => {
        for (const [param, values] of c.acceptable![i]!) {
          for (const value of values.slice(1)) {
            const args = { ...JSON.parse(call.arguments) };
            if (value === '') delete args[param];
            else args[param] = param === 'meta' ? { owner: 'Alice' } : value;
            const calls = c.expected.map((e, j): [string, object] => [e.name, j === i ? args : JSON.parse(e.arguments)]);
            alternatives++;
            assert.equal(score(c, calls).structural, true, `line ${c.line}, ${param} = ${JSON.stringify(value)}`);
          }
        }
      });
    }
    assert.equal(alternatives, 11);
  });

  it('reports lines of either file that are not JSON objects with an id, and questions without an answer', () => {
    const result = importBfcl('{"id": "a", "question": [[]], "function": []}\nnot json\n', '[1]\n');
    assert.deepEqual(result.errors, [
      { file: 'questions', line: 2, message: 'not valid JSON (Unexpected token \'o\', "not json" is not valid JSON)' },
      { file: 'answers', line: 1, message: 'not a JSON object with an "id"' },
    ]);
    assert.deepEqual(result.records, [{ id: 'a', notes: ['No possible answer has this id; skipped.'] }]);
  });
});

describe('structural match with acceptable alternatives (BFCL possible answers)', () => {
  const weather = caseOf(1);
  const interest = caseOf(2);
  const sort = caseOf(3);
  const parallel = caseOf(4);

  it('accepts any listed value; the lesson metrics still compare against the gold (first) value', () => {
    assert.deepEqual(verdict(score(weather, [['weather_forecast', { city: 'SF', days: 7, unit: 'celsius' }]])), { exact: false, structural: true, reason: undefined });
    assert.deepEqual(verdict(score(weather, [['weather_forecast', { city: 'san francisco ca', days: 7, unit: 'celsius' }]])), { exact: false, structural: true, reason: undefined });
    assert.deepEqual(verdict(score(weather, [['weather_forecast', { city: 'Oakland', days: 7, unit: 'celsius' }]])), {
      exact: false, structural: false, reason: `Parameter 'city' is "Oakland", which is not among the acceptable values "San Francisco", "SF", "San Francisco, CA".`,
    });
  });

  it('accepts a list in each listed order, and no other', () => {
    assert.equal(score(sort, [['sort_numbers', { numbers: [3, 5, 9] }]]).structural, true);
    assert.deepEqual(verdict(score(sort, [['sort_numbers', { numbers: [9, 5, 3] }]])), {
      exact: false, structural: false, reason: "Parameter 'numbers' is [9, 5, 3], which is not among the acceptable values [5, 3, 9], [3, 5, 9].",
    });
  });

  it('lets a parameter be left out when its values list "", and says so; otherwise not', () => {
    assert.deepEqual(verdict(score(weather, [['weather_forecast', { city: 'SF' }]])), {
      exact: false, structural: true, reason: "'days' left out: the acceptable answers allow it. 'unit' left out: the acceptable answers allow it.",
    });
    const strict = extractCases(evalSet.split('\n')[0].replace('"days":[7,""]', '"days":[7]')).cases[0];
    assert.deepEqual(verdict(score(strict, [['weather_forecast', { city: 'SF' }]])), {
      exact: false, structural: false, reason: "Parameter 'days' is missing, and the acceptable answers do not allow leaving it out.",
    });
  });

  it('fails a declared parameter the acceptable answers do not list', () => {
    const noUnit = extractCases(evalSet.split('\n')[0].replace(',"unit":["celsius",""]', '')).cases[0];
    assert.deepEqual(verdict(score(noUnit, [['weather_forecast', { city: 'SF', days: 7, unit: 'celsius' }]])), {
      exact: false, structural: false, reason: "Unexpected parameter 'unit', which the acceptable answers do not list.",
    });
  });

  it('compares a dict key by key against its alternatives (BFCL dict_checker)', () => {
    assert.equal(score(sort, [['sort_numbers', { numbers: [5, 3, 9], meta: { owner: 'ALICE' } }]]).structural, true);
    assert.deepEqual(verdict(score(sort, [['sort_numbers', { numbers: [5, 3, 9], meta: { owner: 'bob', region: 'eu' } }]])).structural, false);
    assert.deepEqual(verdict(score(sort, [['sort_numbers', { numbers: [5, 3, 9], meta: { owner: 'alice', team: 'x' } }]])).structural, false);
  });

  it('pairs parallel calls in any order', () => {
    assert.equal(score(parallel, [['time_in', { city: 'Tokyo' }], ['time_in', { city: 'paris, france' }]]).structural, true);
  });

  it('accepts ints and floats mixed in an array of numbers (JSON Schema; BFCL refuses the ints)', () => {
    const raw = (args: string) => scoreCase(sort, { line: 3, turn: 2, calls: [{ name: 'sort_numbers', arguments: args }], content: null });
    assert.deepEqual(verdict(raw('{"numbers": [5, 3.0, 9.0]}')), {
      exact: false, structural: true, reason: "'tags' left out: the acceptable answers allow it. 'meta' left out: the acceptable answers allow it.",
    });
    assert.equal(raw('{"numbers": [5, 3.5, 9]}').structural, false);
    assert.deepEqual(verdict(raw('{"numbers": [5, "3", 9]}')), {
      exact: false, structural: false, reason: "Parameter 'numbers[1]' should be of type number, got string.",
    });
  });
});

describe('structural match: enums, omissions without alternatives, undeclared functions', () => {
  const interest = caseOf(2);

  it('compares enum strings normalised, reporting the enum mismatch as the reason; strictEnums fails it', () => {
    const call = { principal: 1000, rate: 0.05, years: 3, frequency: 'Annually' };
    assert.deepEqual(verdict(score(interest, [['compound_interest', call]])), {
      exact: false, structural: true,
      reason: `'frequency' is "Annually", which is the enum value "annually" only once normalised (a schema-validity problem, not scored here).`,
    });
    assert.deepEqual(verdict(score(interest, [['compound_interest', call]], { strictEnums: true })), {
      exact: false, structural: false, reason: `Parameter 'frequency' is "Annually", which is not one of the schema's enum values.`,
    });
  });

  it('without alternatives, lets an optional parameter be left out and says which rule applied', () => {
    const line = JSON.stringify({
      messages: [{ role: 'user', content: 'Weather in Oslo?' }, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city": "Oslo", "unit": "celsius"}' } }] }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', default: 'false' } }, required: ['city'] } } }],
    });
    const c = extractCases(line).cases[0];
    assert.deepEqual(verdict(score(c, [['weather', { city: 'oslo' }]])), {
      exact: false, structural: true, reason: `'unit' left out: optional in the schema (the expected call gives "celsius").`,
    });
    assert.deepEqual(verdict(score(c, [['weather', { unit: 'celsius' }]])), { exact: false, structural: false, reason: "Missing required parameter 'city'." });
  });

  it('fails a call to a function the case does not declare, even when the gold names it', () => {
    const line = JSON.stringify({
      messages: [{ role: 'user', content: 'Find sushi in Boston.' }, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'find_closest', arguments: '{"cuisine": "sushi"}' } }] }],
      tools: [{ type: 'function', function: { name: 'restaurant_search_find_closest', parameters: { type: 'object', properties: { cuisine: { type: 'string' } } } } }],
    });
    const c = extractCases(line).cases[0];
    assert.deepEqual(verdict(score(c, [['find_closest', { cuisine: 'sushi' }]])), {
      exact: true, structural: false, reason: "Function 'find_closest' is not among the tools the case declares.",
    });
  });
});

describe('the acceptable key of an eval line', () => {
  const base = { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }] };
  const errorOf = (acceptable: unknown): string => extractCases(JSON.stringify({ ...base, acceptable })).errors[0]?.message;

  it('says what is wrong and where', () => {
    assert.equal(errorOf({}), '"acceptable" must be an array with one entry per assistant turn that calls tools.');
    assert.equal(errorOf([]), '"acceptable" has 0 entries; the example has 1 assistant turns with tool calls.');
    assert.equal(errorOf([[]]), '"acceptable"[0] must be a list of 1 entries, one per tool call of that turn.');
    assert.equal(errorOf([[{ g: {} }]]), '"acceptable"[0][0] names "g", but that call is to "f".');
    assert.equal(errorOf([[{ f: { a: 1 } }]]), '"acceptable"[0][0].f.a must be a non-empty list of acceptable values.');
    assert.equal(errorOf([[{ f: { a: [1] } }]]), undefined);
    assert.equal(errorOf([null]), undefined);
  });
});

describe('toolcall eval --strict-enums', () => {
  it('fails an enum value matched only once normalised, which passes by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toolcall-bfcl-'));
    writeFileSync(join(dir, 'eval.jsonl'), evalSet.split('\n')[1] + '\n');
    const args = '{"principal": 1000, "rate": 0.05, "years": 3, "frequency": "Annually"}';
    writeFileSync(join(dir, 'preds.jsonl'), JSON.stringify({ line: 1, turn: 1, tool_calls: [{ type: 'function', function: { name: 'compound_interest', arguments: args } }] }) + '\n');
    const structural = async (...flags: string[]): Promise<number> => {
      let stdout = '';
      const code = await runCli(['eval', '--dataset', 'eval.jsonl', '--predictions', 'preds.jsonl', '--format', 'json', ...flags], { stdout: (t) => (stdout += t), stderr: () => {}, cwd: dir, env: {} });
      assert.equal(code, 0);
      return JSON.parse(stdout).preds.structural_match;
    };
    assert.equal(await structural(), 1);
    assert.equal(await structural('--strict-enums'), 0);
  });
});

describe('toolcall convert --from bfcl', () => {
  it("finds the possible answers where BFCL keeps them and writes the eval set with a report per question", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toolcall-bfcl-convert-'));
    mkdirSync(join(dir, 'possible_answer'));
    copyFileSync(join(__dirname, '../../fixtures/eval/bfcl/questions.json'), join(dir, 'BFCL_v3_mine.json'));
    copyFileSync(join(__dirname, '../../fixtures/eval/bfcl/possible_answer.json'), join(dir, 'possible_answer', 'BFCL_v3_mine.json'));
    let stdout = '';
    const code = await runCli(['convert', '--from', 'bfcl', 'BFCL_v3_mine.json', '-o', 'eval.jsonl'], { stdout: (t) => (stdout += t), stderr: () => {}, cwd: dir, env: {} });
    assert.equal(code, 0);
    assert.equal(readFileSync(join(dir, 'eval.jsonl'), 'utf8'), evalSet + '\n');
    assert.equal(stdout.split('\n').slice(0, 2).join('\n'), [
      'BFCL_v3_mine.json: simple_weather: Function name "weather.forecast" is written "weather_forecast" (OpenAI accepts ^[a-zA-Z0-9_-]{1,64}$).',
      'BFCL_v3_mine.json: simple_weather: weather_forecast: BFCL types made JSON Schema (dict -> object).',
    ].join('\n'));
    assert.equal(stdout.trimEnd().split('\n').at(-1), '4 of 4 questions written, 0 left out.');
  });

  it('says where the possible answers are missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toolcall-bfcl-convert-'));
    writeFileSync(join(dir, 'q.json'), '');
    let stderr = '';
    const code = await runCli(['convert', '--from', 'bfcl', 'q.json'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: dir, env: {} });
    assert.equal(code, 2);
    assert.match(stderr, /No possible-answer file found for q\.json; give it with --answers FILE\./);
  });
});
