// Activation by a command (issue 18): dist/client.js registers every command at once and loads the
// language client (dist/clientSession.js) on the next turn of the event loop, so a command that
// activates the extension runs while activation is still under way: before the language server
// has started (the session file has loaded by then: a command from the workbench needs a round
// trip; coldStartSameTurn.test.ts makes the command that arrives before the load). It must answer
// as it does later. Runs in a folder that activates nothing at start-up
// (`node test/integration/run.mjs --cold --grep 'cold start: a command activates'`, alone: one
// activation per window); skipped in the ordinary run, where the fixture workspace's tools file
// activated the extension long before any test.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';

suite('cold start: a command activates the extension', function () {
  this.timeout(60_000);

  suiteSetup(function () {
    if (process.env['TOOLCALL_COLD'] !== '1') this.skip();
  });

  test('Validate File on Disk, run before activation, waits for the language client and answers', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.equal(ext.isActive, false, 'nothing activated the extension before the command');
    // The same file and answer as diagnostics.test.ts, whose workspace activates at start-up.
    const onDisk = vscode.Uri.file(path.join(ext.extensionPath, 'test', 'fixtures', 'workspace', 'on-disk.jsonl'));
    const result = await vscode.commands.executeCommand('toolcall.validateFileOnDisk', onDisk);
    assert.deepEqual(result, { lines: 11, examples: 10, error: 2, warning: 0, info: 0, hint: 0, published: 2, cancelled: false });
    assert.equal(ext.isActive, true);
    const api = (await ext.activate()) as { client: { isRunning(): boolean } };
    assert.equal(api.client.isRunning(), true);
  });
});
