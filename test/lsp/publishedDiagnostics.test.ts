// What the server publishes for a dataset and when (server/lspDiagnostics.ts, server/publishedDiagnostics.ts),
// through the real server bundle over stdio (run after `node scripts/build.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateText } from '../../core/validate.ts';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { StdioClient } from './stdioClient.ts';
import { callExample, SEARCH_TOOL, WEATHER_TOOL } from '../helpers/diagnose.ts';

const line = (value: unknown) => JSON.stringify(value);
const apply = (text: string, edits: { range: { start: { character: number }; end: { character: number } }; newText: string }[]) =>
  [...edits].sort((a, b) => b.range.start.character - a.range.start.character).reduce((t, e) => t.slice(0, e.range.start.character) + e.newText + t.slice(e.range.end.character), text);

test('diagnostics are published without data, and their quick-fixes are the ones the data was sent for', async () => {
  const client = new StdioClient();
  try {
    await client.initialize();
    const uri = 'file:///published/data.jsonl';
    const lines = [
      line(callExample('{"days":2}')),
      line(callExample('{"city":"Paris","unit":"kelvin"}')),
      line(callExample('{"city":"Paris"}', 'get_wether')),
      line(callExample('{"city":"Paris","days":"5"}')),
    ];
    const text = lines.join('\n') + '\n';
    await client.open(uri, text);
    const published = await client.diagnosticsFor(uri);
    const core = validateText(text).diagnostics;
    // The findings have data in the core; none of it is sent.
    assert.deepEqual(core.map((d) => [d.code, d.data !== undefined]), [['TC511', true], ['TC513', true], ['TC505', true], ['TC512', true], ['TC701', false]]);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, Object.keys(d)]), core.map((d) => [d.code, ['range', 'severity', 'code', 'source', 'message']]));

    const fixes: [string, string, string][] = [];
    for (const [i, diagnostic] of published.diagnostics.entries()) {
      const ask = (d: unknown) => client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [d], only: ['quickfix'] } }) as Promise<any[]>;
      const actions = await ask(diagnostic);
      // The same request with the data the server used to publish gets the same actions.
      assert.deepEqual(await ask({ ...diagnostic, data: core[i]!.data }), actions.map((a) => (a.diagnostics ? { ...a, diagnostics: [{ ...diagnostic, data: core[i]!.data }] } : a)));
      const l = diagnostic.range.start.line;
      for (const a of actions.filter((a) => a.diagnostics)) fixes.push([String(diagnostic.code), a.title, apply(lines[l]!, a.edit.changes[uri])]);
    }
    const declared = { type: 'function', function: { name: 'get_wether', description: '', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } };
    assert.deepEqual(fixes, [
      ['TC511', 'Add required argument "city": ""', line(callExample('{"days":2,"city":""}'))],
      ['TC513', 'Change "unit" to "celsius"', line(callExample('{"city":"Paris","unit":"celsius"}'))],
      ['TC513', 'Change "unit" to "fahrenheit"', line(callExample('{"city":"Paris","unit":"fahrenheit"}'))],
      ['TC505', 'Change to "get_weather"', line(callExample('{"city":"Paris"}'))],
      ['TC505', `Declare tool "get_wether" (skeleton from this call's arguments)`, line({ ...callExample('{"city":"Paris"}', 'get_wether'), tools: [WEATHER_TOOL, SEARCH_TOOL, declared] })],
      ['TC512', 'Convert "days" to integer: 5', line(callExample('{"city":"Paris","days":5}'))],
    ]);
  } finally {
    await client.stop();
  }
});

test('a list the client holds is not published again; edits that change it or may move it are', async () => {
  const client = new StdioClient();
  try {
    client.settings.set('*', { maxDiagnostics: 2 });
    await client.initialize();
    const uri = 'file:///published/capped.jsonl';
    const valid = (city: string) => line(callExample(JSON.stringify({ city })));
    const bad = (city: string) => line(callExample(JSON.stringify({ city, days: '5' })));
    const lines = [bad('Oslo'), bad('Rome'), valid('Lima'), valid('Kyiv'), valid('Baku'), valid('Doha'), bad('Riga'), valid('Pune'), valid('Nice'), valid('Bern')];
    await client.open(uri, lines.join('\n') + '\n');
    const first = await client.diagnosticsFor(uri, 1);
    const shown = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${String(d.message)}`);
    const days = lines[0]!.indexOf(String.raw`\"5\"`);
    const tc512 = 'TC512 Argument "days" must be integer, not a string ("5").';
    const note = (n: number) => `6:0 TC704 ${n} more ${n === 1 ? 'problem' : 'problems'} not shown (showing the first 2); fix these, raise toolcall.maxDiagnostics, or run "Toolcall: Validate File on Disk".`;
    assert.deepEqual(shown(first), [`0:${days} ${tc512}`, `1:${days} ${tc512}`, note(1)]);

    let version = 1;
    /** Applies `changes` and says whether that version was published (the status comes after any publish). */
    const edit = async (...changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]) => {
      const from = client.diagnostics.length;
      await client.change(uri, ++version, changes);
      assert.equal(await client.validated(uri, version, 20_000), true);
      return client.diagnostics.slice(from).find((d) => d.uri === uri && d.version === version);
    };
    const at = (l: number, character: number) => ({ start: { line: l, character }, end: { line: l, character } });
    const content = lines[8]!.indexOf('Weather in Paris?');
    // Typing in a line below the list's last line: the same list, nothing moved.
    assert.equal(await edit({ range: at(8, content), text: 'x' }), undefined);
    // A new line below it, then the line removed again.
    assert.equal(await edit({ range: at(9, lines[9]!.length), text: '\n' + valid('Oran') }), undefined);
    assert.equal(await edit({ range: { start: { line: 9, character: lines[9]!.length }, end: { line: 10, character: valid('Oran').length } }, text: '' }), undefined);
    // Typing in a line of the list, after its diagnostic: the same list, but the editor may have moved it.
    const repeated = await edit({ range: at(1, lines[1]!.length - 1), text: ' ' });
    assert.deepEqual(repeated && shown(repeated), shown(first));
    // Typing below that changes the count of problems not shown: the note says so.
    const more = await edit({ range: at(7, lines[7]!.indexOf('get_weather","arguments')), text: 'x' });
    assert.deepEqual(more && shown(more).at(-1), note(2));
    // In front of a shown diagnostic: it moved.
    const moved = await edit({ range: at(0, content), text: 'x' });
    assert.deepEqual(moved && shown(moved).slice(0, 2), [`0:${days + 1} ${tc512}`, `1:${days} ${tc512}`]);
    assert.equal(client.diagnostics.filter((d) => d.uri === uri).length, 4);
  } finally {
    await client.stop();
  }
});
