// The read-only document a training preview is shown in (scheme toolcall-training): a few
// header lines (tokens, template problems), then the rendered text with the trained spans
// highlighted and the spans of weight 0 struck through.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingPreview } from '../../core/render/preview.ts';

const SCHEME = 'toolcall-training';
const contents = new Map<string, string>();
let registered: vscode.Disposable | undefined;
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

function ensureRegistered(): void {
  if (registered) return;
  const changed = new vscode.EventEmitter<vscode.Uri>();
  registered = vscode.workspace.registerTextDocumentContentProvider(SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '' });
  trained = vscode.window.createTextEditorDecorationType({ backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'), isWholeLine: false });
  untrained = vscode.window.createTextEditorDecorationType({ textDecoration: 'line-through', opacity: '0.6' });
}

export async function showPreview(source: vscode.Uri, preview: TrainingPreview, template: string): Promise<{ uri: vscode.Uri; header: string[] }> {
  ensureRegistered();
  const header = previewHeader(preview, template);
  const prefix = header.join('\n') + '\n';
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${path.basename(source.fsPath)}.line-${preview.line}.txt`, query: source.toString() });
  contents.set(uri.toString(), prefix + preview.text);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  const range = (start: number, end: number) => new vscode.Range(document.positionAt(prefix.length + start), document.positionAt(prefix.length + end));
  editor.setDecorations(trained!, preview.spans.filter((s) => s.trained).map((s) => range(s.start, s.end)));
  editor.setDecorations(untrained!, preview.spans.filter((s) => !s.trained).map((s) => range(s.start, s.end)));
  return { uri, header };
}
