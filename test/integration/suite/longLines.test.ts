// Issue 17, item 1: examples are ~3,000 characters long and their problems sit far right,
// out of view on open. The start of each such line summarises its problems (an inlay hint
// at column 0), so they are visible without scrolling.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsEvent, openInEditor, workspaceFile } from './workbench.ts';

const EXTENSION_ID = 'toolcall-studio.toolcall-studio';

const labelOf = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));

suite('long lines in the real editor', () => {
  const file = workspaceFile('long-lines.jsonl');

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('toolcall').update('problemSummary', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('problems past column 2,500 are summarised at the start of their line, linked to their ranges', async () => {
    let editor: vscode.TextEditor | undefined;
    const diagnostics = await diagnosticsEvent(file, async () => {
      editor = await openInEditor(file);
    }, (d) => d.length === 2, 'diagnostics of long-lines.jsonl');
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code]),
      [
        [3, 2503, 'TC505'],
        [6, 2605, 'TC513'],
      ],
    );
    assert.ok(editor && editor.document.lineAt(3).text.length > 3000, 'the lines are over 3,000 characters');
    const all = new vscode.Range(0, 0, editor.document.lineCount, 0);
    // The hints follow the diagnostics through workspace/inlayHint/refresh; ask until they are there.
    let hints: vscode.InlayHint[] = [];
    for (let i = 0; i < 100; i++) {
      hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', file, all)).filter((h) => h.position.character === 0);
      if (hints.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(
      hints.map((h) => [h.position.line, labelOf(h)]),
      [
        [3, '1 error: TC505 serach'],
        [6, '1 error: TC513 cabin'],
      ],
    );
    const part = (hints[0]!.label as vscode.InlayHintLabelPart[]).find((p) => p.location)!;
    assert.equal(part.location!.uri.toString(), file.toString());
    assert.deepEqual([part.location!.range.start.character, part.location!.range.end.character], [diagnostics[0]!.range.start.character, diagnostics[0]!.range.end.character]);
    assert.equal(part.tooltip, diagnostics[0]!.message);
  });

  test('"toolcall.problemSummary": "off" removes the summaries', async () => {
    await vscode.workspace.getConfiguration('toolcall').update('problemSummary', 'off', vscode.ConfigurationTarget.Global);
    const all = new vscode.Range(0, 0, 10, 0);
    let atStart: vscode.InlayHint[] = [];
    for (let i = 0; i < 100; i++) {
      atStart = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', file, all)).filter((h) => h.position.character === 0);
      if (atStart.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(atStart.map(labelOf), []);
  });
});
