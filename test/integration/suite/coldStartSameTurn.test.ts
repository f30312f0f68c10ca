// Activation's other race (issue 18): a command run in the same turn of the event loop as
// activate(), after its commands are registered but before dist/clientSession.js has loaded
// (client/extension.ts loads it on the next turn). Nothing in VS Code does that on its own (a
// command from the workbench needs a round trip, and arrives after the load), so the test makes
// that turn: it wraps the global setImmediate the extension schedules the load with, and runs the
// command from a microtask of the same turn (activate() has returned: the command is registered
// locally). The handler must wait for the load and answer as usual.
// `node test/integration/run.mjs --cold --grep 'cold start: a command in the turn'`; skipped
// otherwise (elsewhere the extension is active before any test).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';

suite('cold start: a command in the turn of activation', function () {
  this.timeout(60_000);

  suiteSetup(function () {
    if (process.env['TOOLCALL_COLD'] !== '1') this.skip();
  });

  test('Validate File on Disk, run before the session file has loaded, waits for it and answers', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.equal(ext.isActive, false, 'nothing activated the extension before the test (run this suite alone)');
    const onDisk = vscode.Uri.file(path.join(ext.extensionPath, 'test', 'fixtures', 'workspace', 'on-disk.jsonl'));
    const original = globalThis.setImmediate;
    let loadScheduled = false;
    let loadStarted = false;
    let sessionLoadedWhenRun: boolean | undefined;
    let command: Thenable<unknown> | undefined;
    // Only the extension's own call (from dist/client.js) is wrapped; the first one restores the global.
    const wrapped = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
      if (!new Error().stack?.includes(path.join('dist', 'client.js'))) return original(callback, ...args);
      globalThis.setImmediate = original;
      loadScheduled = true;
      queueMicrotask(() => {
        sessionLoadedWhenRun = loadStarted;
        command = vscode.commands.executeCommand('toolcall.validateFileOnDisk', onDisk);
      });
      return original((...a: unknown[]) => {
        loadStarted = true;
        callback(...a);
      }, ...args);
    }) as typeof setImmediate;
    globalThis.setImmediate = wrapped;
    try {
      await ext.activate();
    } finally {
      globalThis.setImmediate = original;
    }
    assert.equal(loadScheduled, true, 'activate() scheduled the session load with setImmediate');
    assert.equal(sessionLoadedWhenRun, false, 'the command was run before the session file was loaded');
    assert.ok(command);
    // The same file and answer as diagnostics.test.ts.
    assert.deepEqual(await command, { lines: 11, examples: 10, error: 2, warning: 0, info: 0, hint: 0, published: 2, cancelled: false });
  });
});
