// The read-only document a training preview is shown in (scheme toolcall-training): a few
// header lines (tokens, template problems), then the rendered text with the trained spans
// highlighted and the spans of weight 0 struck through.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingPreview } from '../../core/render/preview.ts';

const SCHEME = 'toolcall-training';
// Text by preview URI: one entry per previewed line, replaced when the line is previewed again.
const contents = new Map<string, string>();
let changed: vscode.EventEmitter<vscode.Uri> | undefined;
let trained: vscode.TextEditorDecorationType | undefined;
let untrained: vscode.TextEditorDecorationType | undefined;

/** The header lines above the rendered text. */
export function previewHeader(preview: TrainingPreview, template: string): string[] {
  const turns = preview.spans.filter((s) => s.trained).length;
  const tokens = preview.tokens ? `${preview.tokens.total} tokens, ${preview.tokens.trained} trained` : 'tokens not counted (no tokenizer.json beside the template)';
  const header = [`# Line ${preview.line} rendered with ${template}: ${tokens}; ${turns} trained assistant turn${turns === 1 ? '' : 's'} highlighted.`];
  if (preview.spanProblem) header.push(`# ${preview.spanProblem}`);
  for (const f of preview.findings) header.push(`# ${f.code} ${f.message}`);
  return [...header, ''];
}

function ensureRegistered(subscriptions: vscode.Disposable[]): vscode.EventEmitter<vscode.Uri> {
  if (changed) return changed;
  changed = new vscode.EventEmitter<vscode.Uri>();
  trained = vscode.window.createTextEditorDecorationType({ backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'), isWholeLine: false });
  untrained = vscode.window.createTextEditorDecorationType({ textDecoration: 'line-through', opacity: '0.6' });
  subscriptions.push(
    changed,
    trained,
    untrained,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '' }),
  );
  return changed;
}

/** Shows the preview (the same line previewed again replaces its text); the provider's disposables go to `subscriptions`. */
export async function showPreview(source: vscode.Uri, preview: TrainingPreview, template: string, subscriptions: vscode.Disposable[]): Promise<{ uri: vscode.Uri; header: string[] }> {
  const emitter = ensureRegistered(subscriptions);
  const header = previewHeader(preview, template);
  const prefix = header.join('\n') + '\n';
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${path.basename(source.fsPath)}.line-${preview.line}.txt`, query: source.toString() });
  const text = prefix + preview.text;
  contents.set(uri.toString(), text);
  await refreshOpenDocument(uri, text, emitter);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  const range = (start: number, end: number) => new vscode.Range(document.positionAt(prefix.length + start), document.positionAt(prefix.length + end));
  editor.setDecorations(trained!, preview.spans.filter((s) => s.trained).map((s) => range(s.start, s.end)));
  editor.setDecorations(untrained!, preview.spans.filter((s) => !s.trained).map((s) => range(s.start, s.end)));
  return { uri, header };
}

/** An open preview of the line shows its old text until the provider says it changed and VS Code reads it again. */
async function refreshOpenDocument(uri: vscode.Uri, text: string, emitter: vscode.EventEmitter<vscode.Uri>): Promise<void> {
  const key = uri.toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (!open || open.getText() === text) return;
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    new Promise<void>((resolve) => {
      subscription = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === key && e.document.getText() === text) resolve();
      });
      emitter.fire(uri);
    }),
    // Never hang the command on it: the editor catches up on its own.
    new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000))),
  ]);
  subscription?.dispose();
  clearTimeout(timer);
}
