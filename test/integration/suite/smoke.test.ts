// Proves the chain runner -> launcher -> code-server -> browser workbench -> Node
// extension host -> mocha works, and that the extension activates (npm test builds
// dist/client.js first) with every command of the manifest registered: the manifest lists no
// onCommand activation events, VS Code derives them from contributes.commands.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';

suite('smoke: VS Code runs our tests', () => {
  test('vscode.version is a 1.x version string', () => {
    assert.equal(typeof vscode.version, 'string');
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });

  test('the fixture workspace is open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(path.basename(folders[0].uri.path), 'workspace');
  });

  test('our manifest is loaded as the extension under development', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is known to the extension host`);
    assert.equal(ext.packageJSON.name, 'toolcall-studio');
  });

  test('smoke.jsonl opens as a jsonl document', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('smoke.jsonl'));
    assert.equal(doc.languageId, 'jsonl');
    assert.equal(doc.lineCount >= 1, true);
    assert.deepEqual(JSON.parse(doc.lineAt(0).text).messages[0], { role: 'user', content: 'hi' });
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(editor.document.uri.toString(), doc.uri.toString());
  });

  test('the Toolcall client activates, starts the server and registers every command of the manifest', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const api = (await ext.activate()) as { client: { isRunning(): boolean } };
    assert.equal(ext.isActive, true);
    assert.equal(api.client.isRunning(), true);
    const manifest = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(manifest.filter((id) => !registered.has(id)), []);
    assert.ok(manifest.includes('toolcall.validateFileOnDisk') && manifest.includes('toolcall.launchJob'), manifest.join(', '));
  });
});
