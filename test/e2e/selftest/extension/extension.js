// Creates exactly the UI the e2e helpers read: a status bar item, a diagnostic on every
// opened .jsonl file, and an information message from a command.
const vscode = require('vscode');

exports.activate = (context) => {
  const item = vscode.window.createStatusBarItem('e2eSelftest.status', vscode.StatusBarAlignment.Left, 100);
  item.name = 'E2E Selftest';
  item.text = 'Selftest: ready';
  item.show();
  context.subscriptions.push(item);

  const diagnostics = vscode.languages.createDiagnosticCollection('e2e-selftest');
  context.subscriptions.push(diagnostics);
  const publish = (doc) => {
    if (!doc.uri.path.endsWith('.jsonl')) return;
    const d = new vscode.Diagnostic(new vscode.Range(0, 2, 0, 12), 'ST001 self-test diagnostic on the first line.', vscode.DiagnosticSeverity.Warning);
    d.source = 'e2e-selftest';
    d.code = 'ST001';
    diagnostics.set(doc.uri, [d]);
  };
  vscode.workspace.textDocuments.forEach(publish);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(publish));

  context.subscriptions.push(
    vscode.commands.registerCommand('e2eSelftest.hello', () => {
      item.text = 'Selftest: greeted';
      return vscode.window.showInformationMessage('Hello from the e2e self-test.');
    }),
  );
};
