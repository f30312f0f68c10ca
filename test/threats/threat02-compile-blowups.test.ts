import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DatasetValidator, validateText } from '../../core/validate.ts';
import type { StdioClient } from '../lsp/stdioClient.ts';
import { callLine, deepProperties, FIRST_LINE, hugeEnum, manyProperties, UNIQUE_ITEMS_SCHEMA, uniqueItemsArgs } from './inputs.ts';
import { latencyBudget } from '../helpers/latency.ts';
import { assertAnswers, coreRows, diagnosticsOf, pingWhile, QUIET, rows, startServer } from './stdio.ts';

const budget = (message: string) => `Parameters of "f": ${message}`;

/** Each input of the row, its line, and the one diagnostic expected. */
const CASES = [
  {
    name: '500-deep properties',
    line: () => callLine(deepProperties(500), {}),
    expected: ['TC409', budget('The schema nests deeper than 64 levels; flatten it (tool parameters are rarely more than a few levels deep).')],
  },
  {
    name: '5,000 properties',
    line: () => callLine(manyProperties(5000), {}),
    expected: ['TC409', budget('The schema declares more than 2,000 properties in total; split the tool or simplify its parameters.')],
  },
  {
    name: 'a 30k enum',
    line: () => callLine(hugeEnum(30_000), { x: 'v1' }),
    expected: ['TC409', budget('This "enum" lists 30,000 values, more than the 10,000 allowed; list fewer values or describe them with a "pattern".')],
  },
  {
    name: 'uniqueItems over 20k objects',
    line: () => callLine(UNIQUE_ITEMS_SCHEMA, uniqueItemsArgs(20_000)),
    expected: ['TC515', 'Argument "list" must NOT have duplicate items (items ## 0 and 20000 are identical).'],
  },
];

describe('threat 2: schema compile blow-ups (500-deep properties, 5,000 properties, 30k enum, uniqueItems over 20k objects)', () => {
  before(() => {
    // Load ajv and its formats once, so the first case does not pay for module start-up.
    validateText(callLine({ type: 'object', properties: { a: { type: 'string', format: 'date' } } }, { a: 'x' }));
  });

  for (const c of CASES) {
    // The table's 1 s is timed by the bench; here the runner's timeout catches what budgets prevent
    // (unbudgeted: tens of seconds or a stack overflow), and the figure is printed.
    it(`core: ${c.name} -> one diagnostic (timed by the bench)`, { timeout: 60_000 }, () => {
      const line = c.line();
      const started = performance.now();
      const { diagnostics } = validateText(line, QUIET, new DatasetValidator(QUIET));
      const ms = performance.now() - started;
      assert.deepEqual(diagnostics.map((d) => [d.line, d.code, d.message]), [[0, ...c.expected]]);
      console.log(`threat 2 core: ${c.name}: ${ms.toFixed(0)} ms`);
    });
  }

  it('a shared tools file with an over-budget schema gets a diagnostic too', () => {
    // Through `toolcall.toolsFile` the same 500-deep schema is refused silently: the declaration
    // findings of shared tools are never reported, so calls to `f` go unchecked without a word.
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
        { role: 'assistant', content: 'ok' },
      ],
    });
    const { diagnostics } = validateText(line, { ...QUIET, sharedTools: [{ type: 'function', function: { name: 'f', parameters: deepProperties(500) } }] });
    assert.ok(
      diagnostics.some((d) => d.message.includes('nests deeper than 64 levels')),
      `expected the budget problem of the shared schema to be reported somewhere; got ${JSON.stringify(diagnostics.map((d) => d.code))}`,
    );
  });

  describe('server over stdio', () => {
    let client: StdioClient;
    // These lines are over the default model's token limit (TC209 warnings): not this row's subject.
    const settings = { severity: { ...QUIET.severity, TC209: 'off' } } as const;
    before(async () => {
      client = await startServer();
      client.settings.set('*', settings);
    });
    after(async () => await client.stop());

    it('all four in one document: the core diagnostics, published, and the server answers meanwhile and after', async () => {
      const uri = 'file:///threats/blowups.jsonl';
      // Distinct tool names, so TC703 (same tool declared differently) does not join in.
      const lines = CASES.map((c, i) => c.line().replaceAll('"name":"f"', `"name":"f${i}"`));
      const text = [FIRST_LINE, ...lines].join('\n');
      const budget = await latencyBudget(client, 2000);
      const started = performance.now();
      await client.open(uri, text, 1);
      const answers = await pingWhile(client, uri, () => client.lastDiagnostics.get(uri)?.version === 1);
      const published = await diagnosticsOf(client, uri, 1, 40_000);
      const ms = performance.now() - started;
      assert.deepEqual(rows(published), coreRows(text, settings));
      assert.deepEqual(rows(published).map((r) => [r[0], r[3]]), [[1, 'TC409'], [2, 'TC409'], [3, 'TC409'], [4, 'TC515']]);
      console.log(`threat 2 over stdio: published after ${ms.toFixed(0)} ms; ${answers.pings} pings while validating, slowest ${answers.slowestMs.toFixed(0)} ms (idle ${budget.idleMs.toFixed(0)} ms, load per core ${budget.loadPerCore.toFixed(1)}, bound ${budget.boundMs.toFixed(0)} ms)`);
      // No bound on ms: a hang fails diagnosticsOf's wait above; the table's 4 s is for the bench.
      // The server answered while validating: the fuzz harness's 2 s, or 5x its idle answer time when the machine is slower.
      assert.ok(answers.slowestMs < budget.boundMs, `slowest answer while validating: ${answers.slowestMs.toFixed(0)} ms, bound ${budget.boundMs.toFixed(0)} ms`);
      await assertAnswers(client);
    });
  });
});
