// Authoring features of the Toolcall language server and client inside the real VS Code
// extension host (code-server 1.139, see test/integration/README.md): quick-fixes and fix-all
// through vscode.executeCodeActionProvider, completion inside an `arguments` string and in a
// call's name, hover, go to definition, outline, inlay hints, "Edit Example as JSON" and the
// category snippets.
//
// Fixture test/fixtures/workspace/authoring-weather.jsonl: 10 examples, every line declaring
// the same two tools (TOOLS below). Line numbers here are 0-based, as in the API:
//   0  single call, valid: get_weather {"city":"Paris","unit":"celsius"}
//   1  unit "kelvin" (TC513, enum violation)
//   2  `arguments` written as an object (TC506)
//   3  multi-step: search, then get_weather
//   4  no call
//   5  error recovery: a weight-0 failed call, then the retry
//   6  arguments being typed: {"city":"Rome","u"} (TC509)
//   7  name being typed: "get_w" (TC505)
//   8  single call, valid (Lisbon)
//   9  single call, valid (Madrid)
// Fixture authoring-shared.jsonl (3 lines without `tools`, using authoring-shared.tools.json
// through the `toolcall.toolsFile` setting) has non-ASCII text: an emoji before the call and a
// `\u00fc` escape inside `arguments`, so columns are UTF-16 units, not characters or bytes.
// Line 0 passes guests "2" (TC512, integer) and view "sea" (TC513).
// The expected texts, ranges and messages are hard-coded from core/ (validateText and the
// authoring functions) on that file; a change of wording must update them on purpose.
//
// Nothing is ever saved to disk (files.autoSave is off for the fixtures): every test reverts
// and closes what it edited. Waiting is event-driven (diagnostics change events), no sleeps.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsEvent, openInEditor, shownWithDiagnostics, workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';
const EXAMPLE_SCHEME = 'toolcall-example';

// ---- the fixture, as text -------------------------------------------------------------

const TOOLS = String.raw`[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer","minimum":1}},"required":["city"],"additionalProperties":false}}},{"type":"function","function":{"name":"search","description":"Web search.","parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}}}]`;

/** A single-call example of the fixture; `args` is the `arguments` value as written on the line. */
const single = (user: string, id: string, args: string, name = 'get_weather') =>
  String.raw`{"messages":[{"role":"user","content":"${user}"},{"role":"assistant","tool_calls":[{"id":"${id}","type":"function","function":{"name":"${name}","arguments":${args}}}]},{"role":"tool","tool_call_id":"${id}","content":"{\"temp\":21}"},{"role":"assistant","content":"It is 21 degrees."}],"tools":${TOOLS}}`;

const LINE0 = single('Weather in Paris?', 'call_1', String.raw`"{\"city\":\"Paris\",\"unit\":\"celsius\"}"`);
const LINE1 = single('Weather in Quito?', 'call_2', String.raw`"{\"city\":\"Quito\",\"unit\":\"kelvin\"}"`);
const LINE2 = single('Weather in Oslo for two days?', 'call_3', String.raw`{"city":"Oslo","days":2}`);
const LINE6 = single('Weather in Rome?', 'call_8', String.raw`"{\"city\":\"Rome\",\"u\"}"`);
const LINE7 = single('Weather in Bern?', 'call_9', String.raw`"{\"city\":\"Bern\"}"`, 'get_w');
const LINE8 = single('Weather in Lisbon?', 'call_10', String.raw`"{\"city\":\"Lisbon\"}"`);

/** A diagnostic as compared here: [line, startChar, endLine, endChar, code, message]. */
type Row = [number, number, number, number, string, string];

const TC513: Row = [1, 201, 1, 211, 'TC513', 'Argument "unit" must be one of "celsius", "fahrenheit"; got "kelvin".'];
const TC506: Row = [2, 183, 2, 207, 'TC506', '"arguments" is an object; it must be a JSON string, e.g. "{\\"city\\":\\"Oslo\\",\\"days\\":2}".'];
const TC509: Row = [6, 195, 6, 196, 'TC509', '"arguments" is not valid JSON: expected \':\' after the property name.'];
const TC505: Row = [7, 144, 7, 151, 'TC505', 'Call to undeclared tool "get_w"; declared tools are get_weather, search.'];
const INITIAL: Row[] = [TC513, TC506, TC509, TC505];
const without = (...drop: Row[]) => INITIAL.filter((r) => !drop.includes(r));

// ---- helpers --------------------------------------------------------------------------

function rows(diagnostics: readonly vscode.Diagnostic[]): Row[] {
  return diagnostics
    .map((d): Row => {
      assert.equal(d.source, 'toolcall', `source of ${JSON.stringify(d)}`);
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, code, d.message];
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[4].localeCompare(b[4]));
}

const sameRows = (diagnostics: readonly vscode.Diagnostic[], expected: Row[]) => JSON.stringify(rows(diagnostics)) === JSON.stringify(expected);



/**
 * The fixture in the active editor, with its diagnostics published. A previous test's document
 * may still be open (reverted): its current diagnostics count when they already match.
 */
async function openFixture(uri: vscode.Uri): Promise<vscode.TextEditor> {
  let editor: vscode.TextEditor | undefined;
  if (sameRows(vscode.languages.getDiagnostics(uri), INITIAL)) editor = await openInEditor(uri);
  else {
    await diagnosticsEvent(
      uri,
      async () => {
        editor = await openInEditor(uri);
      },
      (d) => sameRows(d, INITIAL),
      'the fixture\'s diagnostics',
    );
  }
  assert.ok(editor);
  assert.equal(editor.document.isDirty, false, 'the fixture is unedited');
  assert.equal(editor.document.lineCount, 11, '10 examples and the empty line after the final newline');
  assert.deepEqual(rows(vscode.languages.getDiagnostics(uri)), INITIAL);
  return editor;
}

/** Every line of `doc` except `line`, to show an edit touched nothing else. */
function otherLines(doc: vscode.TextDocument | string[], line: number): string[] {
  const all = Array.isArray(doc) ? doc : doc.getText().split('\n');
  return all.filter((_, i) => i !== line);
}

/**
 * Reverts every edited document, never saving one. The fixture stays open (closing it would
 * race its cleared diagnostics against the next test's open); its revert is awaited until the
 * server has published the unedited diagnostics again. Other editors are reverted and closed.
 */
async function revertAll(fixture: vscode.Uri): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.uri.toString() === fixture.toString()) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  const dataset = vscode.workspace.textDocuments.find((d) => d.uri.toString() === fixture.toString());
  if (dataset?.isDirty) {
    await diagnosticsEvent(
      fixture,
      async () => {
        await vscode.window.showTextDocument(dataset, vscode.ViewColumn.One);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      },
      (d) => sameRows(d, INITIAL),
      'the fixture\'s diagnostics after the revert',
    );
    assert.equal(dataset.isDirty, false, 'the fixture is reverted');
  }
  // Only the fixture's editor stays.
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document.uri.toString() === fixture.toString()) continue;
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
}

const position = (doc: vscode.TextDocument, line: number, after: string) => {
  const at = doc.lineAt(line).text.indexOf(after);
  assert.ok(at >= 0, `line ${line} contains ${after}`);
  return new vscode.Position(line, at + after.length);
};

const rangeRow = (r: vscode.Range) => [r.start.line, r.start.character, r.end.line, r.end.character];

async function applyEdit(uri: vscode.Uri, change: (edit: vscode.WorkspaceEdit) => void): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  change(edit);
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'edit applied');
}

// ---- the suite ------------------------------------------------------------------------

suite('authoring in the real editor', () => {
  const uri = workspaceFile('authoring-weather.jsonl');
  let extensionPath: string;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    extensionPath = ext.extensionPath;
    assert.equal(vscode.workspace.getConfiguration('files', uri).get('autoSave'), 'off', 'files.autoSave is off for the fixtures');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The fixture on disk is the text this file expects.
    const lines = fs.readFileSync(uri.fsPath, 'utf8').split('\n');
    assert.deepEqual([lines[0], lines[1], lines[2], lines[6], lines[7], lines[8]], [LINE0, LINE1, LINE2, LINE6, LINE7, LINE8]);
  });

  teardown(() => revertAll(uri));
  suiteTeardown(async () => {
    await revertAll(uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('quick-fix for an enum violation: one action per allowed value; applying one edits only that line and drops the diagnostic', async () => {
    const doc = (await openFixture(uri)).document;
    const before = doc.getText().split('\n');
    const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'TC513' || (typeof d.code === 'object' && d.code.value === 'TC513'));
    assert.ok(diagnostic);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind?.value]),
      [
        ['Change "unit" to "celsius"', 'quickfix'],
        ['Change "unit" to "fahrenheit"', 'quickfix'],
      ],
    );
    const edit = actions[1].edit;
    assert.ok(edit);
    const entries = edit.entries();
    assert.equal(entries.length, 1);
    assert.equal(entries[0][0].toString(), uri.toString());
    assert.deepEqual(entries[0][1].map((e) => [...rangeRow(e.range), e.newText]), [[1, 203, 1, 209, 'fahrenheit']]);

    const diagnostics = await diagnosticsEvent(uri, async () => assert.equal(await vscode.workspace.applyEdit(edit), true), undefined, 'diagnostics after the quick-fix');
    assert.equal(doc.lineAt(1).text, LINE1.replace(String.raw`\"unit\":\"kelvin\"`, String.raw`\"unit\":\"fahrenheit\"`));
    assert.equal(doc.lineAt(1).text, single('Weather in Quito?', 'call_2', String.raw`"{\"city\":\"Quito\",\"unit\":\"fahrenheit\"}"`));
    assert.deepEqual(otherLines(doc, 1), otherLines(before, 1), 'no other line changed');
    assert.deepEqual(rows(diagnostics), without(TC513));
  });

  test('source.fixAll writes an object-valued `arguments` as a JSON string and touches no other line', async () => {
    const doc = (await openFixture(uri)).document;
    const before = doc.getText().split('\n');
    const whole = new vscode.Range(0, 0, doc.lineCount - 1, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, vscode.CodeActionKind.SourceFixAll.value);
    assert.deepEqual(actions.map((a) => [a.title, a.kind?.value]), [['Fix all auto-fixable problems in file', 'source.fixAll.toolcall']]);
    const edit = actions[0].edit;
    assert.ok(edit);
    assert.deepEqual(
      edit.entries().flatMap(([u, edits]) => edits.map((e) => [u.toString(), ...rangeRow(e.range), e.newText])),
      [[uri.toString(), 2, 183, 2, 207, String.raw`"{\"city\":\"Oslo\",\"days\":2}"`]],
    );
    const diagnostics = await diagnosticsEvent(uri, async () => assert.equal(await vscode.workspace.applyEdit(edit), true), undefined, 'diagnostics after fix-all');
    assert.equal(doc.lineAt(2).text, single('Weather in Oslo for two days?', 'call_3', String.raw`"{\"city\":\"Oslo\",\"days\":2}"`));
    assert.deepEqual(otherLines(doc, 2), otherLines(before, 2), 'no other line changed');
    assert.deepEqual(rows(diagnostics), without(TC506));
  });

  test('Auto Fix applies the preferred fix of a tool_call_id one character off its call: one diagnostic, related to the call', async () => {
    const editor = await openFixture(uri);
    const doc = editor.document;
    const before = doc.getText().split('\n');
    assert.equal(doc.lineAt(8).text, LINE8);
    const at = LINE8.indexOf('"tool_call_id":"call_10"') + '"tool_call_id":"'.length;
    const callAt = LINE8.indexOf('"id":"call_10"') + '"id":'.length;
    const TC601: Row = [8, at - 1, 8, at + 8, 'TC601', '"tool_call_id" "call_19" is one character off call "call_10", which has no reply; change it to "call_10".'];
    const typo = await diagnosticsEvent(uri, () => applyEdit(uri, (e) => e.replace(uri, new vscode.Range(8, at, 8, at + 7), 'call_19')), (d) => sameRows(d, [...INITIAL, TC601]), 'TC601 after the typo');
    const diagnostic = typo.find((d) => d.range.start.line === 8);
    assert.deepEqual(diagnostic?.relatedInformation?.map((r) => [r.location.uri.toString(), ...rangeRow(r.location.range), r.message]), [[uri.toString(), 8, callAt, 8, callAt + 9, 'The call "call_10" this reply most likely answers.']]);
    // Exactly one preferred quick-fix, so Auto Fix applies it.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.filter((a) => a.isPreferred).map((a) => a.title), ['Change "tool_call_id" to "call_10"']);
    editor.selection = new vscode.Selection(8, at + 2, 8, at + 2);
    const fixed = await diagnosticsEvent(uri, () => vscode.commands.executeCommand('editor.action.autoFix'), (d) => sameRows(d, INITIAL), 'the diagnostics after Auto Fix');
    assert.deepEqual(rows(fixed), INITIAL);
    assert.equal(doc.lineAt(8).text, LINE8);
    assert.deepEqual(otherLines(doc, 8), otherLines(before, 8), 'no other line changed');
    // The text is the file's again: reverting changes nothing, so no diagnostics event is awaited.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.isDirty, false, 'the fixture is reverted');
  });

  test('completion inside an `arguments` string offers the keys not yet present, escaped; in a call\'s name, the declared tools', async () => {
    const doc = (await openFixture(uri)).document;
    const before = doc.getText().split('\n');

    // {"city":"Rome","u|"} inside the string: `unit` and `days` (city is present), escaped for the string.
    const atKey = position(doc, 6, String.raw`\"u`);
    assert.equal(atKey.character, 193);
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, atKey);
    const property = keys.items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
    assert.deepEqual(
      property.map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i.detail, i.insertText, rangeRow(i.range instanceof vscode.Range ? i.range : i.range!.replacing)]),
      [
        ['unit', '"celsius" | "fahrenheit"', String.raw`\"unit\"`, [6, 190, 6, 195]],
        ['days', 'integer', String.raw`\"days\"`, [6, 190, 6, 195]],
      ],
    );
    const unit = property[0];
    const unitRange = unit.range instanceof vscode.Range ? unit.range : unit.range!.replacing;
    await diagnosticsEvent(uri, () => applyEdit(uri, (e) => e.replace(uri, unitRange, String(unit.insertText))), undefined, 'diagnostics after the key completion');
    assert.equal(doc.lineAt(6).text, single('Weather in Rome?', 'call_8', String.raw`"{\"city\":\"Rome\",\"unit\"}"`));

    // "name":"get_w|": the declared tools, replacing what is typed.
    const atName = position(doc, 7, '"name":"get_w');
    assert.equal(atName.character, 150);
    const names = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, atName);
    const functions = names.items.filter((i) => i.kind === vscode.CompletionItemKind.Function);
    assert.deepEqual(
      functions.map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i.detail, i.insertText, rangeRow(i.range instanceof vscode.Range ? i.range : i.range!.replacing)]),
      [
        ['get_weather', 'get_weather(city: string, unit?: "celsius" | "fahrenheit", days?: integer)', 'get_weather', [7, 145, 7, 150]],
        ['search', 'search(query: string)', 'search', [7, 145, 7, 150]],
      ],
    );
    const tool = functions[0];
    const toolRange = tool.range instanceof vscode.Range ? tool.range : tool.range!.replacing;
    const diagnostics = await diagnosticsEvent(uri, () => applyEdit(uri, (e) => e.replace(uri, toolRange, String(tool.insertText))), (d) => !d.some((x) => x.range.start.line === 7), 'diagnostics after the name completion');
    assert.equal(doc.lineAt(7).text, single('Weather in Bern?', 'call_9', String.raw`"{\"city\":\"Bern\"}"`));
    assert.deepEqual(otherLines(otherLines(doc, 7), 6), otherLines(otherLines(before, 7), 6), 'no other line changed');
    // Line 6 still misses the value of `unit`; line 7 now calls a declared tool.
    assert.deepEqual(
      rows(diagnostics).map((r) => [r[0], r[4]]),
      [[1, 'TC513'], [2, 'TC506'], [6, 'TC509']],
    );
  });

  test('hover on a call\'s name shows the tool; on an argument key, its schema', async () => {
    const doc = (await openFixture(uri)).document;
    const onName = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position(doc, 0, '"name":"get_'));
    assert.deepEqual(
      onName.map((h) => [h.contents.map((c) => (typeof c === 'string' ? c : c.value)), h.range && rangeRow(h.range)]),
      [[['**get_weather**\n\nCurrent weather for a city.\n\nParameters:\n- `city` `string` (required) — City name\n- `unit` `"celsius" | "fahrenheit"`\n- `days` `integer`'], [0, 145, 0, 158]]],
    );
    const onKey = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position(doc, 0, String.raw`\"un`));
    assert.deepEqual(
      onKey.map((h) => [h.contents.map((c) => (typeof c === 'string' ? c : c.value)), h.range && rangeRow(h.range)]),
      [[['**unit** `"celsius" | "fahrenheit"` — argument of `get_weather`, optional\n\nAllowed values: `"celsius"`, `"fahrenheit"`'], [0, 192, 0, 200]]],
    );
    const onRequired = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position(doc, 0, String.raw`{\"ci`));
    assert.deepEqual(
      onRequired.map((h) => [h.contents.map((c) => (typeof c === 'string' ? c : c.value)), h.range && rangeRow(h.range)]),
      [[['**city** `string` — argument of `get_weather`, required\n\nCity name'], [0, 173, 0, 181]]],
    );
  });

  test('go to definition, outline and inlay hints', async () => {
    const doc = (await openFixture(uri)).document;
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', uri, position(doc, 0, '"name":"get_'));
    assert.deepEqual(
      definitions.map((d) => ('targetUri' in d ? [d.targetUri.toString(), ...rangeRow(d.targetRange)] : [d.uri.toString(), ...rangeRow(d.range)])),
      [[uri.toString(), 0, 384, 0, 397]],
    );
    assert.equal(doc.getText(new vscode.Range(0, 384, 0, 397)), '"get_weather"', 'the declaration\'s name on the same line');

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(
      symbols.map((s) => [s.name, s.detail, s.range.start.line]),
      [
        ['single call: Weather in Paris?', 'line 1 · single call · 1 call', 0],
        ['single call: Weather in Quito?', 'line 2 · single call · 1 call', 1],
        ['single call: Weather in Oslo for two days?', 'line 3 · single call · 1 call', 2],
        ['multi-step: Find the capital of Peru and its weather', 'line 4 · multi-step · 2 calls', 3],
        ['no call: Thanks, that is all.', 'line 5 · no call · 0 calls', 4],
        ['error recovery: Weather in Pariss?', 'line 6 · error recovery · 2 calls', 5],
        ['single call: Weather in Rome?', 'line 7 · single call · 1 call', 6],
        ['single call: Weather in Bern?', 'line 8 · single call · 1 call', 7],
        ['single call: Weather in Lisbon?', 'line 9 · single call · 1 call', 8],
        ['single call: Weather in Madrid?', 'line 10 · single call · 1 call', 9],
      ],
    );

    const all = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, doc.lineCount - 1, 0));
    const label = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    // At the start of each long line with problems: their summary (issue 17; suite "long lines").
    assert.deepEqual(
      all.filter((h) => h.position.character === 0).map((h) => [h.position.line, label(h)]),
      [
        [1, '1 error: TC513 unit'],
        [2, '1 error: TC506 arguments'],
        [6, '1 error: TC509 arguments'],
        [7, '1 error: TC505 get_w'],
      ],
    );
    const hints = all.filter((h) => h.position.character !== 0);
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character === doc.lineAt(h.position.line).text.length, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]),
      [
        [0, true, 'single call · 1 call'],
        [1, true, 'single call · 1 call'],
        [2, true, 'single call · 1 call'],
        [3, true, 'multi-step · 2 calls'],
        [4, true, 'no call · 0 calls'],
        [5, true, 'error recovery · 2 calls'],
        [6, true, 'single call · 1 call'],
        [7, true, 'single call · 1 call'],
        [8, true, 'single call · 1 call'],
        [9, true, 'single call · 1 call'],
      ],
    );
  });

  test('with a shared tools file and non-ASCII text: hover, definition into the tools file, convert fix, enum value completion', async () => {
    const shared = workspaceFile('authoring-shared.jsonl');
    const toolsFile = workspaceFile('authoring-shared.tools.json');
    const line0 = String.raw`{"messages":[{"role":"user","content":"Zimmer in Zürich für 2 🛏️?"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"book_room","arguments":"{\"city\":\"Z\\u00fcrich\",\"guests\":\"2\",\"view\":\"sea\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"booked"},{"role":"assistant","content":"Gebucht 🎉."}]}`;
    const TC512: Row = [0, 218, 0, 223, 'TC512', 'Argument "guests" must be integer, not a string ("2").'];
    const TC513S: Row = [0, 233, 0, 240, 'TC513', 'Argument "view" must be one of "city", "garden"; got "sea".'];
    const TC701: Row = [0, 0, 0, 0, 'TC701', 'The file has 3 examples; OpenAI requires at least 10 (50-100 usually show gains).'];
    const config = vscode.workspace.getConfiguration('toolcall');
    try {
      await config.update('toolsFile', 'authoring-shared.tools.json', vscode.ConfigurationTarget.Global);
      let doc: vscode.TextDocument | undefined;
      const opened = await diagnosticsEvent(
        shared,
        async () => {
          doc = (await openInEditor(shared)).document;
        },
        (d) => d.some((x) => x.code === 'TC513'),
        'diagnostics of authoring-shared.jsonl with its tools file',
      );
      assert.ok(doc);
      assert.equal(doc.lineAt(0).text, line0);
      assert.deepEqual(rows(opened), [TC701, TC512, TC513S]);
      const before = doc.getText().split('\n');

      const onName = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', shared, position(doc, 0, '"name":"book'));
      assert.deepEqual(
        onName.map((h) => [h.contents.map((c) => (typeof c === 'string' ? c : c.value)), h.range && rangeRow(h.range)]),
        [[['**book_room**\n\nBooks a hotel room.\n\nParameters:\n- `city` `string` (required) — City of the hotel.\n- `guests` `integer` (required) — Number of guests.\n- `view` `"city" | "garden"`'], [0, 155, 0, 166]]],
      );
      // The key after the \u00fc escape: raw columns of the line, not decoded ones.
      const onKey = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', shared, position(doc, 0, String.raw`\"gu`));
      assert.deepEqual(
        onKey.map((h) => [h.contents.map((c) => (typeof c === 'string' ? c : c.value)), h.range && rangeRow(h.range)]),
        [[['**guests** `integer` — argument of `book_room`, required\n\nNumber of guests.'], [0, 207, 0, 217]]],
      );
      assert.equal(doc.getText(new vscode.Range(0, 207, 0, 217)), String.raw`\"guests\"`);

      const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', shared, position(doc, 0, '"name":"book'));
      assert.deepEqual(
        definitions.map((d) => ('targetUri' in d ? [d.targetUri.toString(), ...rangeRow(d.targetRange)] : [d.uri.toString(), ...rangeRow(d.range)])),
        [[toolsFile.toString(), 4, 14, 4, 25]],
      );

      const tc512 = opened.find((d) => rows([d])[0][4] === 'TC512');
      assert.ok(tc512);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', shared, tc512.range, vscode.CodeActionKind.QuickFix.value);
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred === true]), [['Convert "guests" to integer: 2', true], ['Fix all auto-fixable problems in file', false]]);
      assert.deepEqual(actions[0].edit?.entries().flatMap(([, edits]) => edits.map((e) => [...rangeRow(e.range), e.newText])), [[0, 218, 0, 223, '2']]);
      const converted = await diagnosticsEvent(shared, () => vscode.workspace.applyEdit(actions[0].edit!), undefined, 'diagnostics after the conversion');
      const line0b = line0.replace(String.raw`\"guests\":\"2\"`, String.raw`\"guests\":2`);
      assert.equal(doc.lineAt(0).text, line0b);
      assert.deepEqual(rows(converted), [TC701, [0, 229, 0, 236, 'TC513', TC513S[5]]]);

      // "view":"|sea": the allowed values, replacing the whole escaped value.
      const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', shared, position(doc, 0, String.raw`\"view\":\"`));
      const values = items.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember);
      assert.deepEqual(
        values.map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i.insertText, rangeRow(i.range instanceof vscode.Range ? i.range : i.range!.replacing)]),
        [
          ['"city"', String.raw`\"city\"`, [0, 229, 0, 236]],
          ['"garden"', String.raw`\"garden\"`, [0, 229, 0, 236]],
        ],
      );
      const garden = values[1];
      const after = await diagnosticsEvent(
        shared,
        () => applyEdit(shared, (e) => e.replace(shared, garden.range instanceof vscode.Range ? garden.range : garden.range!.replacing, String(garden.insertText))),
        undefined,
        'diagnostics after the enum completion',
      );
      assert.equal(doc.lineAt(0).text, line0b.replace(String.raw`\"view\":\"sea\"`, String.raw`\"view\":\"garden\"`));
      assert.deepEqual(otherLines(doc, 0), otherLines(before, 0), 'no other line changed');
      assert.deepEqual(rows(after), [TC701]);
    } finally {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === shared.toString());
      if (doc) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await config.update('toolsFile', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Edit Example as JSON: pretty-printed side editor, saved back as one line in place; a line changed meanwhile is not overwritten', async () => {
    const editor = await openFixture(uri);
    const doc = editor.document;
    const before = doc.getText().split('\n');

    editor.selection = new vscode.Selection(0, 10, 0, 10);
    await vscode.commands.executeCommand('toolcall.editExampleAsJson');
    const side = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === EXAMPLE_SCHEME);
    assert.ok(side, 'a toolcall-example editor is visible');
    assert.equal(side.document.uri.path, '/authoring-weather.jsonl line 1.json');
    assert.equal(side.document.languageId, 'json');
    assert.equal(side.document.getText(), JSON.stringify(JSON.parse(LINE0), null, 2) + '\n');
    assert.ok(side.document.getText().includes('\n      "content": "Weather in Paris?"\n'), 'indented by two spaces per level');

    const at = side.document.getText().indexOf('"Weather in Paris?"');
    assert.ok(at > 0);
    const start = side.document.positionAt(at);
    assert.equal(await side.edit((b) => b.replace(new vscode.Range(start, start.translate(0, '"Weather in Paris?"'.length)), '"Weather in Paris tomorrow?"')), true);
    assert.equal(await side.document.save(), true, 'the side editor saved');
    assert.equal(side.document.isDirty, false);
    assert.equal(
      doc.lineAt(0).text,
      String.raw`{"messages":[{"role":"user","content":"Weather in Paris tomorrow?"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"unit\":\"celsius\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"{\"temp\":21}"},{"role":"assistant","content":"It is 21 degrees."}],"tools":${TOOLS}}`,
    );
    assert.deepEqual(otherLines(doc, 0), otherLines(before, 0), 'no other line changed');
    assert.ok(doc.isDirty, 'the dataset is edited, not saved');
    await vscode.window.showTextDocument(side.document);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    // Changed meanwhile: open line 9, edit that dataset line, then save the side editor.
    const dataset = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    dataset.selection = new vscode.Selection(8, 0, 8, 0);
    await vscode.commands.executeCommand('toolcall.editExampleAsJson');
    const side2 = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === EXAMPLE_SCHEME);
    assert.ok(side2, 'a toolcall-example editor is visible for line 9');
    assert.equal(side2.document.uri.path, '/authoring-weather.jsonl line 9.json');
    assert.equal(side2.document.getText(), JSON.stringify(JSON.parse(LINE8), null, 2) + '\n');

    const meanwhile = LINE8.replace('"Weather in Lisbon?"', '"Weather in Lisbon now?"');
    await applyEdit(uri, (e) => e.replace(uri, doc.lineAt(8).range, meanwhile));
    const at2 = side2.document.getText().indexOf('"Weather in Lisbon?"');
    const start2 = side2.document.positionAt(at2);
    assert.equal(await side2.edit((b) => b.replace(new vscode.Range(start2, start2.translate(0, '"Weather in Lisbon?"'.length)), '"Weather in Lisbon tonight?"')), true);
    // The write-back refuses (and shows a warning, not awaited): the save fails or reports false.
    const saved = await Promise.resolve(side2.document.save()).then(
      (ok) => ok,
      () => false,
    );
    assert.equal(saved, false, 'the side editor did not save');
    assert.equal(side2.document.isDirty, true, 'the user\'s edit stays in the side editor');
    assert.equal(doc.lineAt(8).text, meanwhile, 'the dataset line keeps the change made meanwhile');
    const expected = [...before];
    expected[0] = doc.lineAt(0).text;
    expected[8] = meanwhile;
    assert.deepEqual(doc.getText().split('\n'), expected, 'nothing else changed');

    // Opened again, the changed line shows its new text, not the stale side document.
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(8, 0, 8, 0);
    await vscode.commands.executeCommand('toolcall.editExampleAsJson');
    const side3 = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === EXAMPLE_SCHEME && e.document.uri.toString() !== side2.document.uri.toString());
    assert.ok(side3, 'a fresh toolcall-example editor for line 9');
    assert.equal(side3.document.getText(), JSON.stringify(JSON.parse(meanwhile), null, 2) + '\n');
  });

  test('each category snippet inserts one valid line on an empty line of a dataset', async () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(extensionPath, 'snippets', 'jsonl.code-snippets'), 'utf8')) as Record<string, { body: string[] }>;
    assert.deepEqual(Object.keys(snippets), ['Toolcall: single call', 'Toolcall: error recovery', 'Toolcall: multi-step', 'Toolcall: no call']);
    // Nine examples declaring the snippets' tools exactly as the snippets do (no drift warning),
    // an empty line (TC104) and the tenth example after it.
    const tools = String.raw`[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City name"}},"required":["city"],"additionalProperties":false}}},{"type":"function","function":{"name":"search","description":"Search the web.","parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"],"additionalProperties":false}}},{"type":"function","function":{"name":"calculate","description":"Evaluate an arithmetic expression.","parameters":{"type":"object","properties":{"expression":{"type":"string"}},"required":["expression"],"additionalProperties":false}}}]`;
    const example = (city: string, i: number) =>
      String.raw`{"messages":[{"role":"user","content":"Weather in ${city}?"},{"role":"assistant","tool_calls":[{"id":"call_${i}","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"${city}\"}"}}]},{"role":"tool","tool_call_id":"call_${i}","content":"{\"temperature_c\":20}"},{"role":"assistant","content":"It is 20 degrees in ${city}."}],"tools":${tools}}`;
    const cities = ['Oslo', 'Rome', 'Bern', 'Lima', 'Kyiv', 'Doha', 'Riga', 'Baku', 'Oran', 'Nice'];
    const blank = 5;
    const lines = cities.map((c, i) => example(c, i));
    lines.splice(blank, 0, '');

    for (const [name, snippet] of Object.entries(snippets)) {
      const document = await vscode.workspace.openTextDocument({ language: 'jsonl', content: lines.join('\n') + '\n' });
      const scratch = document.uri;
      const opened = await shownWithDiagnostics(document, (d) => d.length > 0, `diagnostics of the scratch document (${name})`);
      assert.deepEqual(rows(opened), [[blank, 0, blank, 0, 'TC104', 'Blank line; JSONL expects one example per line, with no empty lines.']]);
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document, document);

      const after = await diagnosticsEvent(
        scratch,
        async () => assert.equal(await editor.insertSnippet(new vscode.SnippetString(snippet.body.join('\n')), new vscode.Position(blank, 0)), true),
        (d) => !d.some((x) => x.range.start.line === blank && x.code === 'TC104'),
        `diagnostics after inserting ${name}`,
      );
      const inserted = document.lineAt(blank).text;
      assert.equal(document.lineCount, lines.length + 1, `${name} inserted one line`);
      assert.equal(typeof JSON.parse(inserted), 'object');
      assert.deepEqual(rows(after), [], `${name}: no diagnostics on the inserted line (nor elsewhere): ${inserted}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }

    // The server's "example for tool X" completions on the empty line, built from the nearby
    // line's tools: each, inserted as the snippet it is, leaves no diagnostics either.
    const probe = await vscode.workspace.openTextDocument({ language: 'jsonl', content: lines.join('\n') + '\n' });
    await shownWithDiagnostics(probe, (d) => d.length > 0, 'diagnostics of the probe document');
    const offered = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', probe.uri, new vscode.Position(blank, 0));
    // The contributed snippets: one completion entry each (they once had a tc-* and a toolcall-* prefix: 8 entries).
    const contributed = offered.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && /^(toolcall|tc)-/.test(typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(contributed.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort(), ['toolcall-multistep', 'toolcall-nocall', 'toolcall-recovery', 'toolcall-single']);
    const examples = offered.items.filter((i) => (typeof i.label === 'string' ? i.label : i.label.label).startsWith('example for tool '));
    assert.deepEqual(examples.map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i.kind === vscode.CompletionItemKind.Snippet, i.insertText instanceof vscode.SnippetString]), [
      // (the editor's order: no sortText, so by label)
      ['example for tool calculate', true, true],
      ['example for tool get_weather', true, true],
      ['example for tool search', true, true],
    ]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const item of examples) {
      const label = typeof item.label === 'string' ? item.label : item.label.label;
      const document = await vscode.workspace.openTextDocument({ language: 'jsonl', content: lines.join('\n') + '\n' });
      await shownWithDiagnostics(document, (d) => d.length > 0, `diagnostics of the scratch document (${label})`);
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document, document);
      const after = await diagnosticsEvent(
        document.uri,
        async () => assert.equal(await editor.insertSnippet(item.insertText as vscode.SnippetString, new vscode.Position(blank, 0)), true),
        (d) => !d.some((x) => x.range.start.line === blank && x.code === 'TC104'),
        `diagnostics after inserting ${label}`,
      );
      const inserted = document.lineAt(blank).text;
      assert.equal(document.lineCount, lines.length + 1, `${label} inserted one line`);
      assert.ok(inserted.endsWith(`,"tools":${tools}}`), `${label} copies the nearby tools: ${inserted}`);
      assert.deepEqual(rows(after), [], `${label}: no diagnostics: ${inserted}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
