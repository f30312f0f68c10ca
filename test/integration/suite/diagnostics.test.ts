// Live diagnostics of the Toolcall client + language server inside the real VS Code
// extension host (code-server 1.139, see test/integration/README.md).
//
// Fixtures (test/fixtures/workspace/):
//   weather.jsonl  12 examples: line 3 calls the misspelled `get_wether`, line 6 passes
//                  unit "kelvin" (enum), line 9 answers `call_99` instead of `call_9`,
//                  line 12 duplicates line 11.
//   on-disk.jsonl  11 lines: line 4 has an unknown argument, line 7 is truncated JSON.
// The expected diagnostics below are hard-coded from core/validate.ts `validateText` on
// those files; if a rule's wording changes, these tests must be updated on purpose.
//
// Waiting is event-driven: every wait subscribes to vscode.languages.onDidChangeDiagnostics
// for one URI *before* the action that triggers it, and fails with what it saw on timeout.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ToolcallApi } from '../../../client/extension.ts';
import { diagnosticsEvent, openInEditor, WAIT_MS, workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';

/** A diagnostic as compared here: [line, startChar, endLine, endChar, severity, code, message]. */
type Row = [number, number, number, number, 'error' | 'warning' | 'info' | 'hint', string, string];

const SEVERITY: Record<vscode.DiagnosticSeverity, Row[4]> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

const TC505: Row = [2, 144, 2, 156, 'error', 'TC505', 'Call to undeclared tool "get_wether"; did you mean "get_weather"?'];
const TC513: Row = [5, 201, 5, 211, 'error', 'TC513', 'Argument "unit" must be one of "celsius", "fahrenheit"; got "kelvin".'];
// "call_99" answers "call_9": one mistake, said once on the reply (no TC602 on the call).
const TC601: Row = [8, 249, 8, 258, 'error', 'TC601', '"tool_call_id" "call_99" is one character off call "call_9", which has no reply; change it to "call_9".'];
const TC702: Row = [11, 0, 11, 629, 'warning', 'TC702', 'Duplicate of line 11; repeated examples skew training toward them.'];
const WEATHER: Row[] = [TC505, TC513, TC601, TC702];
const WEATHER_FIXED: Row[] = [TC513, TC601, TC702];

const ON_DISK: Row[] = [
  [3, 192, 3, 199, 'error', 'TC514', 'Unknown argument "country" for "get_weather"; allowed: city, unit.'],
  [6, 59, 6, 60, 'error', 'TC101', "Line is not valid JSON: expected '}': the object is not closed (is the line truncated?)."],
];

/** Sorted by position then code, so the assertion does not depend on publish order. */
function rows(diagnostics: readonly vscode.Diagnostic[]): Row[] {
  return diagnostics
    .map((d): Row => {
      assert.equal(d.source, 'toolcall', `source of ${JSON.stringify(d)}`);
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, SEVERITY[d.severity], code, d.message];
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[5].localeCompare(b[5]));
}


/** The one status item: examples, tokens and cost (as `toolcall stats` counts them); no problem counts. */
const STATUS = '$(graph) 12 examples · 1,378 tokens · ~$0.03';
/** After "get_wether" -> "get_weather" on line 3: one token fewer. */
const STATUS_FIXED = '$(graph) 12 examples · 1,377 tokens · ~$0.03';

/**
 * The status bar has no change event in the extension's API and its notification arrives just
 * after the diagnostics: poll the exported getter (20 ms steps) until it shows `expected`.
 */
async function statusText(api: ToolcallApi, expected: string): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  let last = api.statusText();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    last = api.statusText();
  }
  return last;
}


/** Milliseconds since `t0`, for the log. */
const since = (t0: number) => `${Date.now() - t0} ms`;

suite('diagnostics in the real editor', () => {
  const weather = workspaceFile('weather.jsonl');
  let api: ToolcallApi;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<ToolcallApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
    assert.ok(api && typeof api.statusText === 'function', 'activate() exports { client, statusText() }');
    assert.ok(api.client.isRunning(), 'the language client is running after activation');
    // The web workbench defaults files.autoSave to "afterDelay" (1 s): the edit test would
    // rewrite the fixture on disk. test/fixtures/workspace/.vscode/settings.json turns it off
    // (plain JSON, no comments: other suites parse that file with JSON.parse).
    assert.equal(vscode.workspace.getConfiguration('files', weather).get('autoSave'), 'off', 'files.autoSave is off for the fixtures');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    // Never leave an edited fixture behind: revert, then close.
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.isDirty) {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opening the dataset publishes exact codes, messages and ranges; the status bar shows examples, tokens and cost', async () => {
    let doc: vscode.TextDocument | undefined;
    const t0 = Date.now();
    const diagnostics = await diagnosticsEvent(
      weather,
      async () => {
        doc = (await openInEditor(weather)).document;
      },
      (d) => d.length > 0,
      'diagnostics after open',
    );
    assert.equal(doc?.languageId, 'jsonl');
    assert.equal(doc?.lineCount, 13, '12 lines and the empty line after the final newline');
    console.log(`[diagnostics] open -> diagnostics: ${since(t0)}`);
    assert.deepEqual(rows(diagnostics), WEATHER);
    assert.equal(await statusText(api, STATUS), STATUS);
  });

  test('fixing line 3 through a WorkspaceEdit removes its diagnostic and leaves the others alone', async () => {
    const editor = await openInEditor(weather);
    const doc = editor.document;
    const line = doc.lineAt(2);
    assert.ok(line.text.includes('"name":"get_wether"'), 'line 3 still has the misspelled tool');
    const fixed = line.text.replace('"name":"get_wether"', '"name":"get_weather"');
    const versionBefore = doc.version;

    const t0 = Date.now();
    const diagnostics = await diagnosticsEvent(
      weather,
      async () => {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(weather, line.range, fixed);
        assert.equal(await vscode.workspace.applyEdit(edit), true, 'edit applied');
      },
      undefined,
      'diagnostics after the edit',
    );
    console.log(`[diagnostics] edit -> diagnostics: ${since(t0)}`);
    assert.equal(doc.version, versionBefore + 1);
    assert.equal(doc.lineAt(2).text, fixed);
    assert.ok(doc.isDirty);
    assert.deepEqual(rows(diagnostics), WEATHER_FIXED);
    assert.equal(editor.document, doc);
    assert.equal(await statusText(api, STATUS_FIXED), STATUS_FIXED);
  });

  test('closing the document clears its diagnostics; reopening publishes them again', async () => {
    await openInEditor(weather);
    const closed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === weather.toString()) {
          sub.dispose();
          resolve();
        }
      });
    });
    // Revert the edit of the previous test (nothing is ever saved) and close the editor.
    const cleared = await diagnosticsEvent(
      weather,
      () => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'),
      (d) => d.length === 0,
      'cleared diagnostics after close',
    );
    await closed; // already fired: the server clears diagnostics when it gets didClose
    assert.deepEqual(rows(cleared), []);
    assert.equal(api.statusText(), '', 'no dataset editor is active: the status bar item is hidden');

    const reopened = await diagnosticsEvent(
      weather,
      async () => {
        const again = (await openInEditor(weather)).document;
        assert.equal(again.isDirty, false, 'reopened from disk');
      },
      (d) => d.length > 0,
      'diagnostics after reopen',
    );
    assert.deepEqual(rows(reopened), WEATHER);
    assert.equal(await statusText(api, STATUS), STATUS);
  });

  test('"Toolcall: Restart Language Server" brings the diagnostics and the status back', async () => {
    await openInEditor(weather);
    assert.deepEqual(rows(vscode.languages.getDiagnostics(weather)), WEATHER, 'published before the restart');
    const events: number[] = [];
    const diagnostics = await diagnosticsEvent(
      weather,
      () => vscode.commands.executeCommand('toolcall.restartServer'),
      (d) => {
        events.push(d.length);
        return d.length > 0;
      },
      'diagnostics after the restart',
    );
    assert.deepEqual(rows(diagnostics), WEATHER);
    assert.ok(api.client.isRunning(), 'the client runs again');
    assert.equal(await statusText(api, STATUS), STATUS);
    console.log(`[diagnostics] restart: diagnostics events for the dataset had sizes ${JSON.stringify(events)}`);
  });

  test('"Toolcall: Validate File on Disk" with a URI argument publishes that file\'s diagnostics', async () => {
    const onDisk = workspaceFile('on-disk.jsonl');
    assert.equal(
      vscode.workspace.textDocuments.some((d) => d.uri.toString() === onDisk.toString()),
      false,
      'on-disk.jsonl is not open in the editor',
    );
    let result: unknown;
    const diagnostics = await diagnosticsEvent(
      onDisk,
      async () => {
        result = await vscode.commands.executeCommand('toolcall.validateFileOnDisk', onDisk);
      },
      (d) => d.length > 0,
      'diagnostics from Validate File on Disk',
    );
    assert.deepEqual(rows(diagnostics), ON_DISK);
    assert.deepEqual(result, { lines: 11, examples: 10, error: 2, warning: 0, info: 0, hint: 0, published: 2, cancelled: false });
  });
});
