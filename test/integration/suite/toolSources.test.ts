// Tools from where they live, in the real VS Code: drift of a tools file from its OpenAPI source
// shown as diagnostics with the broken dataset lines, fixed by "Update from source"; imports
// from an OpenAPI spec and from a real MCP server (test/mcp-server) by command.
//
// Fixtures (test/fixtures/workspace/tools/):
//   shop.openapi30.yaml  the spec (a copy of test/fixtures/openapi/shop.openapi30.yaml)
//   shop.tools.json      an older import: updateOrder's status also allows "cancelled",
//                        deleteOrder (gone from the spec), no addNote
//   shop.jsonl           4 lines: getOrder; updateOrder "cancelled" (broken); deleteOrder
//                        (broken); updateOrder "shipped" (stale)
// `toolcall.tools.sources` is set in user settings (nothing is written into the fixtures) and
// edited documents are reverted.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsEvent, openInEditor, revertAll, workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';
const SOURCES = { 'tools/shop.tools.json': { openapi: 'tools/shop.openapi30.yaml', datasets: ['tools/shop.jsonl'] } };
const drift = (ds: readonly vscode.Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('TC44'));
const rows = (ds: readonly vscode.Diagnostic[]) => drift(ds).map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, String(d.code), d.message]);
const tmp = (name: string) => vscode.Uri.file(path.join(os.tmpdir(), `toolcall-it-${process.pid}-${name}`));

suite('tools from MCP servers and OpenAPI specs', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  teardown(revertAll);

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('toolcall.tools').update('sources', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
    await revertAll();
  });

  test('a tools file with a source shows its drift, the broken dataset lines, and "Update from source" fixes it', async () => {
    await vscode.workspace.getConfiguration('toolcall.tools').update('sources', SOURCES, vscode.ConfigurationTarget.Global);
    const uri = workspaceFile('tools/shop.tools.json');
    const found = await diagnosticsEvent(uri, () => openInEditor(uri), (ds) => drift(ds).length === 3, 'drift diagnostics', rows);
    const text = vscode.window.activeTextEditor!.document.getText();
    const at = (name: string) => {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes(`"name": "${name}"`));
      const character = lines[line].indexOf(`"${name}"`);
      return [line, character, line, character + name.length + 2];
    };
    const source = 'tools/shop.openapi30.yaml';
    assert.deepEqual(rows(found), [
      [...at('updateOrder'), 'TC441', `Tool "updateOrder" differs from ${source} (allowed values of "status" of "updateOrder" changed: lost "cancelled") and breaks 1 dataset line: tools/shop.jsonl:2.`],
      [...at('deleteOrder'), 'TC440', `Tool "deleteOrder" is no longer offered by ${source} and breaks 1 dataset line: tools/shop.jsonl:3.`],
      [0, 0, 0, 1, 'TC443', `${source} offers a tool this file does not declare: "addNote".`],
    ]);
    const related = drift(found)[0].relatedInformation!.map((r) => [r.location.uri.toString(), r.location.range.start.line, r.message]);
    assert.deepEqual(related, [[workspaceFile('tools/shop.jsonl').toString(), 1, 'a call to "updateOrder" is now invalid: "status" must be equal to one of the allowed values ("open", "shipped")']]);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, drift(found)[0].range);
    const titles = actions.map((a) => a.title).filter((t) => t.includes('source'));
    assert.deepEqual(titles, ['Update "updateOrder" from the source', 'Update all 3 drifting tools from the source']);
    const all = actions.find((a) => a.title.startsWith('Update all'))!;
    const cleared = diagnosticsEvent(uri, async () => assert.ok(await vscode.workspace.applyEdit(all.edit!)), (ds) => drift(ds).length === 0, 'no drift after the update', rows);
    await cleared;
    const updated = JSON.parse(vscode.window.activeTextEditor!.document.getText());
    assert.deepEqual(updated.map((t: { function: { name: string } }) => t.function.name), ['getOrder', 'updateOrder', 'uploadCsv', 'addNote']);
    assert.deepEqual(updated[1].function.parameters.properties.status.enum, ['open', 'shipped']);
  });

  test('taking the source out of the setting takes its drift diagnostics away', async () => {
    await vscode.workspace.getConfiguration('toolcall.tools').update('sources', SOURCES, vscode.ConfigurationTarget.Global);
    const uri = workspaceFile('tools/shop.tools.json');
    await diagnosticsEvent(uri, () => openInEditor(uri), (ds) => drift(ds).length === 3, 'drift diagnostics', rows);
    await diagnosticsEvent(uri, () => vscode.workspace.getConfiguration('toolcall.tools').update('sources', undefined, vscode.ConfigurationTarget.Global), (ds) => drift(ds).length === 0, 'no drift once the source is gone', rows);
  });

  test('Check Tools Drift and Refresh Tools from Sources: one undoable edit that declares what the source offers', async () => {
    await vscode.workspace.getConfiguration('toolcall.tools').update('sources', SOURCES, vscode.ConfigurationTarget.Global);
    const uri = workspaceFile('tools/shop.tools.json');
    const editor = await openInEditor(uri);
    const original = editor.document.getText();
    assert.deepEqual(await vscode.commands.executeCommand('toolcall.checkToolsDrift', uri), ['Compared tools/shop.tools.json with tools/shop.openapi30.yaml; drift, if any, is shown on the file.']);
    assert.deepEqual(await vscode.commands.executeCommand('toolcall.refreshToolsFromSources', uri), [
      'Updated tools/shop.tools.json from tools/shop.openapi30.yaml: 1 added, 1 removed, 1 changed; 2 dataset lines now have calls the source does not accept.',
    ]);
    const updated = JSON.parse(editor.document.getText());
    assert.deepEqual(updated.map((t: { function: { name: string } }) => t.function.name), ['getOrder', 'updateOrder', 'uploadCsv', 'addNote']);
    assert.equal(editor.document.getText().startsWith(original.slice(0, original.indexOf('"cancelled"') - 30)), true, 'the text before the first change is kept');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo restores the file');
  });

  test('Import Tools from OpenAPI Spec writes the tools file', async () => {
    const target = tmp('shop.tools.json');
    const written = await vscode.commands.executeCommand<vscode.Uri>('toolcall.importToolsFromOpenApi', { spec: workspaceFile('tools/shop.openapi30.yaml'), target, tags: ['orders'] });
    assert.equal(written?.toString(), target.toString());
    const tools = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
    assert.deepEqual(tools.map((t: { function: { name: string } }) => t.function.name), ['getOrder', 'updateOrder']);
    await vscode.workspace.fs.delete(target);
  });

  test('Import Tools from MCP Server runs the typed command (trusted workspace) and writes the tools file', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted');
    const server = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'mcp-server', 'server.mjs');
    const target = tmp('weather.tools.json');
    const written = await vscode.commands.executeCommand<vscode.Uri>('toolcall.importToolsFromMcp', { server: `${JSON.stringify(process.execPath)} ${JSON.stringify(server)} odd-names`, target });
    assert.equal(written?.toString(), target.toString());
    const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
    assert.deepEqual(file.tools.map((t: { function: { name: string } }) => t.function.name).slice(0, 3), ['weather_get', 'files_read', '_ber_tool']);
    assert.equal(file.toolNames.weather_get, 'weather.get');
    await vscode.workspace.fs.delete(target);
  });
});
