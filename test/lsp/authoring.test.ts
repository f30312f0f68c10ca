// The authoring handlers through the real server bundle over stdio (run after `node scripts/build.mjs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StdioClient } from './stdioClient.ts';
import { callExample } from '../helpers/diagnose.ts';

const line = (value: unknown) => JSON.stringify(value);
const apply = (text: string, edits: { range: { start: { character: number }; end: { character: number } }; newText: string }[]) =>
  [...edits].sort((a, b) => b.range.start.character - a.range.start.character).reduce((t, e) => t.slice(0, e.range.start.character) + e.newText + t.slice(e.range.end.character), text);

test('code actions, fix all, completion, hover, outline and inlay hints over LSP', async () => {
  const client = new StdioClient();
  try {
    await client.initialize();
    const uri = 'file:///authoring/data.jsonl';
    const lines = [line(callExample('{"city":"Paris","days":"5"}')), line(callExample('{"city":"Paris","unit":"kelvin"}')), line(callExample('{"city":"Paris","u'))];
    await client.open(uri, lines.join('\n'));
    const published = await client.diagnosticsFor(uri);
    const tc512 = published.diagnostics.find((d) => d.code === 'TC512')!;
    const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: tc512.range, context: { diagnostics: [tc512] } });
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ['Convert "days" to integer: 5', 'quickfix', true],
      ['Fix all auto-fixable problems in file', 'quickfix', false],
    ]);
    assert.equal(apply(lines[0], actions[0].edit.changes[uri]), line(callExample('{"city":"Paris","days":5}')));
    const fixAll: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(fixAll.map((a) => [a.title, a.kind, a.edit.changes[uri].length]), [['Fix all auto-fixable problems in file', 'source.fixAll.toolcall', 1]]);

    const at = lines[2].indexOf(String.raw`\"u`) + 3;
    const completion: any = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: at } });
    const items = Array.isArray(completion) ? completion : completion.items;
    assert.deepEqual(items.map((i: any) => [i.label, i.textEdit.newText, i.detail]), [['unit', String.raw`\"unit\"`, '"celsius" | "fahrenheit"'], ['days', String.raw`\"days\"`, 'integer']]);

    const hover: any = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: lines[1].indexOf('get_weather') } });
    assert.match(hover.contents.value, /^\*\*get_weather\*\*\n\nCurrent weather for a city\./);

    const symbols: any[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [
      ['single call: Weather in Paris?', 'line 1 · single call · 1 call'],
      ['single call: Weather in Paris?', 'line 2 · single call · 1 call'],
      ['single call: Weather in Paris?', 'line 3 · single call · 1 call'],
    ]);
    const hints: any[] = await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } } });
    // Long lines (over 120 characters) with problems get a summary at column 0, each named problem linked to its range.
    const label = (l: string | { value: string }[]) => (typeof l === 'string' ? l : l.map((p) => p.value).join(''));
    assert.deepEqual(hints.map((h) => [h.position, label(h.label)]), [
      [{ line: 1, character: 0 }, '1 error: TC513 unit'],
      [{ line: 1, character: lines[1].length }, 'single call · 1 call'],
      [{ line: 2, character: 0 }, '1 error: TC509 arguments'],
      [{ line: 2, character: lines[2].length }, 'single call · 1 call'],
    ]);
    const parts = hints[0].label.filter((p: any) => p.location);
    const kelvin = published.diagnostics.find((d) => d.code === 'TC513')!;
    assert.deepEqual(parts.map((p: any) => [p.value, p.tooltip, p.location]), [['TC513 unit', kelvin.message, { uri, range: kelvin.range }]]);
    assert.equal(hints[0].paddingRight, true);
  } finally {
    await client.stop();
  }
});
