// Tools files and tool names in the real VS Code: the tools file's diagnostics, a rename across
// a dataset and its tools file, and Apply Tools File with one undo.
//
// Fixtures (test/fixtures/workspace/tools/):
//   bad.tools.json       `get weather` (bad name, no description, `str` type, mixed enum) and
//                        `get_time` whose `timezone` has no description.
//   trips.jsonl          3 lines: two call `book_trip`/`cancel_trip` declared only in the tools
//                        file, the third declares `book_trip` itself and calls it.
//   trips.tools.json     `book_trip` and `cancel_trip` (the shared tools file of trips.jsonl).
//   weather-drift.jsonl  `get_weather` declared three ways; weather-kelvin.tools.json applies
//                        cleanly, weather.tools.json would break line 4's "kelvin" call.
// Nothing is saved: auto-save is turned off for the suite (user settings of the test profile)
// and every edited document is reverted right after its test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { revertAll } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';
const WAIT_MS = 20_000;

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, 'tools', name);
}

type Row = [number, number, number, number, string, string];
const SEVERITY = ['error', 'warning', 'info', 'hint'];
const rows = (ds: readonly vscode.Diagnostic[]): Row[] =>
  ds
    .map((d): Row => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, SEVERITY[d.severity], String(typeof d.code === 'object' ? d.code.value : d.code)])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[5].localeCompare(b[5]));

/** Resolves with the diagnostics of `uri` once `until` accepts them (checked now and on each change). */
function diagnosticsOf(uri: vscode.Uri, until: (ds: readonly vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const seen: Row[][] = [];
    const check = () => {
      const now = vscode.languages.getDiagnostics(uri);
      seen.push(rows(now));
      if (until(now)) {
        subscription.dispose();
        clearTimeout(timer);
        resolve(now);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics of ${uri.path} never matched; seen: ${JSON.stringify(seen)}`));
    }, WAIT_MS);
    check();
  });
}

suite('tools files and tool names', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    // The web workbench saves edited files after a delay by default: never let a fixture be saved.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    assert.equal(vscode.workspace.getConfiguration('files').get('autoSave'), 'off', 'auto-save is off (no workspace setting turns it on)');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  teardown(revertAll);

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('toolcall').update('toolsFile', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await revertAll();
  });

  test('a tools file gets the declaration checks and hints with exact codes and ranges', async () => {
    const uri = fixture('bad.tools.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const found = await diagnosticsOf(uri, (ds) => ds.some((d) => d.source === 'toolcall'));
    assert.deepEqual(rows(found.filter((d) => d.source === 'toolcall')), [
      [4, 14, 4, 27, 'error', 'TC404'],
      [4, 14, 4, 27, 'info', 'TC421'],
      [9, 10, 9, 16, 'info', 'TC420'],
      [9, 28, 9, 33, 'error', 'TC408'],
      [9, 43, 9, 57, 'info', 'TC422'],
      [23, 10, 23, 20, 'info', 'TC420'],
    ]);
    const tc421 = found.find((d) => d.code === 'TC421');
    assert.equal(tc421?.message, 'Function "get weather" has no description; say what it does and when to call it, so the model can choose it.');
  });

  test('rename a tool from a call in the dataset: one WorkspaceEdit over the dataset and its tools file', async () => {
    await vscode.workspace.getConfiguration('toolcall').update('toolsFile', 'tools/trips.tools.json', vscode.ConfigurationTarget.Global);
    const dataset = fixture('trips.jsonl');
    const toolsFile = fixture('trips.tools.json');
    const document = await vscode.workspace.openTextDocument(dataset);
    await vscode.window.showTextDocument(document);
    const before = document.getText();
    const toolsBefore = new TextDecoder().decode(await vscode.workspace.fs.readFile(toolsFile));
    const column = document.lineAt(0).text.indexOf('"book_trip"') + 3;
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', dataset, new vscode.Position(0, column), 'reserve_trip');
    assert.ok(edit, 'the rename provider answered');
    const byFile = new Map(edit.entries().map(([uri, edits]) => [uri.path.split('/').pop(), edits.map((e) => [e.range.start.line, e.range.start.character, e.range.end.character, e.newText]).sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number))]));
    const callAt = (line: number) => document.lineAt(line).text.indexOf('"book_trip"');
    const declAt = document.lineAt(2).text.indexOf('"book_trip"');
    assert.deepEqual([...byFile.keys()].sort(), ['trips.jsonl', 'trips.tools.json']);
    assert.deepEqual(byFile.get('trips.jsonl'), [
      [0, callAt(0), callAt(0) + 11, '"reserve_trip"'],
      [2, declAt, declAt + 11, '"reserve_trip"'],
      [2, document.lineAt(2).text.indexOf('"book_trip"', declAt + 1), document.lineAt(2).text.indexOf('"book_trip"', declAt + 1) + 11, '"reserve_trip"'],
    ].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number)));
    assert.deepEqual(byFile.get('trips.tools.json'), [[4, 14, 25, '"reserve_trip"']]);

    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
    assert.equal(document.getText(), before.replaceAll('"book_trip"', '"reserve_trip"'));
    const tools = await vscode.workspace.openTextDocument(toolsFile);
    assert.equal(tools.getText(), toolsBefore.replace('"book_trip"', '"reserve_trip"'));
    assert.ok(!document.getText().includes('book_trip') && document.getText().includes('cancel_trip'), 'other tools untouched');
  });

  test('Apply Tools File: one WorkspaceEdit, undone by one undo; a breaking tools file is refused', async () => {
    const dataset = fixture('weather-drift.jsonl');
    const document = await vscode.workspace.openTextDocument(dataset);
    await vscode.window.showTextDocument(document);
    const original = document.getText();

    const refused = await vscode.commands.executeCommand<{ applied: boolean; refusals: string[] }>('toolcall.applyToolsFile', { uri: dataset, toolsFile: fixture('weather.tools.json') });
    assert.deepEqual(refused, { applied: false, refusals: ['line 4: get_weather: "unit" must be equal to one of the allowed values ("celsius", "fahrenheit")'] });
    assert.equal(document.getText(), original, 'nothing changed on refusal');

    const applied = await vscode.commands.executeCommand<{ applied: boolean; changed: number[] }>('toolcall.applyToolsFile', { uri: dataset, toolsFile: fixture('weather-kelvin.tools.json') });
    assert.deepEqual(applied, { applied: true, changed: [0, 1, 2, 3, 4] });
    const A = '"enum":["celsius","fahrenheit"]';
    const K = '"enum":["celsius","fahrenheit","kelvin"]';
    const lines = original.split('\n');
    assert.equal(document.lineAt(1).text, lines[1].replace(A, K));
    assert.equal(document.lineAt(3).text, lines[3].replace('"description":"Weather now."', '"description":"Current weather for a city."'));
    assert.equal(document.lineAt(5).text, lines[5]);

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo restores every line');
  });
  test('Apply Tools File refuses a dataset whose file has bytes that are not UTF-8 (saving would rewrite them)', async () => {
    const original = await vscode.workspace.fs.readFile(fixture('weather-drift.jsonl'));
    const text = new TextDecoder().decode(original);
    const at = Buffer.byteLength(text.slice(0, text.indexOf('Weather in Paris?') + 'Weather in'.length));
    const bytes = Buffer.concat([Buffer.from(original.subarray(0, at)), Buffer.from([0xff, 0xfe]), Buffer.from(original.subarray(at))]);
    const dataset = fixture('weather-bytes.generated.jsonl');
    await vscode.workspace.fs.writeFile(dataset, bytes);
    try {
      const refused = await vscode.commands.executeCommand<{ applied: boolean; refusals: string[] }>('toolcall.applyToolsFile', { uri: dataset, toolsFile: fixture('weather-kelvin.tools.json') });
      assert.deepEqual(refused, {
        applied: false,
        refusals: [`weather-bytes.generated.jsonl has bytes that are not UTF-8 (line 1: ff fe at byte ${at}); saving it from the editor would write them as U+FFFD on lines nothing else changed, so fix them first (TC108) or run "toolcall tools apply --in-place", which keeps every byte.`],
      });
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === dataset.toString());
      assert.ok(!document?.isDirty, 'nothing was edited');
      assert.ok(Buffer.from(await vscode.workspace.fs.readFile(dataset)).equals(bytes), 'the file is as it was');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(dataset);
    }
  });
});
