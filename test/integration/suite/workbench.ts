// Helpers the integration suites share: fixture paths, waiting on diagnostics events (no
// sleeps), opening files as a user does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** How long a suite waits for an event before failing with what it saw. */
export const WAIT_MS = 20_000;

/** A file of the fixture workspace (test/fixtures/workspace). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/**
 * Subscribes to diagnostics changes of `uri`, runs `action`, and resolves with the diagnostics
 * of the first change event for `uri` that `until` accepts (default: any). Rejects after
 * WAIT_MS with every event it saw for that URI, each shown by `describe`.
 */
export async function diagnosticsEvent(
  uri: vscode.Uri,
  action: () => unknown,
  until: (diagnostics: readonly vscode.Diagnostic[]) => boolean = () => true,
  what = 'a diagnostics event',
  describe: (diagnostics: readonly vscode.Diagnostic[]) => unknown = (ds) => ds.map((d) => [d.range.start.line, d.range.start.character, d.code, d.message]),
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  const seen: unknown[] = [];
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const event = new Promise<vscode.Diagnostic[]>((resolve, reject) => {
    subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === key)) return;
      const now = vscode.languages.getDiagnostics(uri);
      seen.push(describe(now));
      if (until(now)) resolve(now);
    });
    timer = setTimeout(() => reject(new Error(`no ${what} for ${key} within ${WAIT_MS} ms; events seen: ${JSON.stringify(seen)}`)), WAIT_MS);
  });
  try {
    await action();
    return await event;
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
}

/**
 * Shows a document just made by workspace.openTextDocument and resolves with its diagnostics
 * once `until` accepts them. The language client sends didOpen when the document opens, not
 * when it is shown, and the server's answer can reach the extension host before
 * openTextDocument's promise resolves: so the diagnostics it already has count, if `until`
 * accepts them; else the first change event that `until` accepts. (Waiting only for an event
 * lost that race under load.) The check and the subscription run in the same turn.
 */
export async function shownWithDiagnostics(
  document: vscode.TextDocument,
  until: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(document.uri);
  if (!until(current)) return diagnosticsEvent(document.uri, () => vscode.window.showTextDocument(document), until, what);
  await vscode.window.showTextDocument(document);
  return current;
}

/**
 * Opens `uri` the way a user does (`vscode.open`), not with workspace.openTextDocument: a
 * document an extension opened is kept alive by the workbench for minutes after its editor
 * closes, so closing the editor would not close the document (no didClose to test).
 */
export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('vscode.open', uri);
  const editor = vscode.window.activeTextEditor;
  assert.equal(editor?.document.uri.toString(), uri.toString(), `${uri.path} is the active editor`);
  return editor;
}

/** Reverts every edited document (nothing is ever saved into the fixtures) and closes the editors. */
export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.isUntitled) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
