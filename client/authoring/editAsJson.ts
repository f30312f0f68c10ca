import * as vscode from 'vscode';
import { planWriteBack, prettyPrint, roundTripProblem, type EditSession } from '../../core/authoring/editAsJson.ts';
import type { CommandFactory } from '../commandContext.ts';

/** Scheme of the side editors: saving one writes the example back into its dataset line. */
export const EXAMPLE_SCHEME = 'toolcall-example';

interface OpenExample extends EditSession {
  dataset: vscode.Uri;
  text: Uint8Array;
  mtime: number;
}

/**
 * An in-memory file per opened example. `writeFile` (save) collapses the JSON to one line and
 * replaces the dataset line in place, unless that line changed meanwhile: then nothing is
 * written, the user is told, and the side editor stays dirty with their edit.
 */
class ExampleFileSystem implements vscode.FileSystemProvider {
  private readonly examples = new Map<string, OpenExample>();
  private opened = 0;
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  open(dataset: vscode.Uri, line: number, original: string, pretty: string): vscode.Uri {
    const name = dataset.path.split('/').pop() ?? 'dataset.jsonl';
    // A new URI per open: reusing one would show a stale document still open from an earlier
    // edit of this line, and saving it (or "Overwrite" on the conflict) would write old text back.
    const uri = vscode.Uri.from({ scheme: EXAMPLE_SCHEME, path: `/${name} line ${line + 1}.json`, query: `${dataset.toString()}#${line}#${++this.opened}` });
    this.examples.set(uri.toString(), { dataset, line, original, text: new TextEncoder().encode(pretty), mtime: Date.now() });
    return uri;
  }

  private get(uri: vscode.Uri): OpenExample {
    const example = this.examples.get(uri.toString());
    if (!example) throw vscode.FileSystemError.FileNotFound(uri);
    return example;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const example = this.get(uri);
    return { type: vscode.FileType.File, ctime: example.mtime, mtime: example.mtime, size: example.text.byteLength };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.get(uri).text;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const example = this.get(uri);
    const document = await vscode.workspace.openTextDocument(example.dataset);
    const plan = planWriteBack(example, (i) => (i < document.lineCount ? document.lineAt(i).text : undefined), document.lineCount, new TextDecoder().decode(content));
    if (!plan.ok) {
      void vscode.window.showWarningMessage(`Toolcall Studio: ${plan.message}`);
      throw vscode.FileSystemError.NoPermissions(plan.message);
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(example.dataset, document.lineAt(plan.line).range, plan.newText);
    if (!(await vscode.workspace.applyEdit(edit))) throw vscode.FileSystemError.Unavailable('The dataset could not be edited.');
    Object.assign(example, { line: plan.line, original: plan.newText, text: content, mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Examples have no folders.');
  }
  delete(uri: vscode.Uri): void {
    this.examples.delete(uri.toString());
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Examples cannot be renamed.');
  }
}

let fileSystem: ExampleFileSystem | undefined;

/** Toolcall: Edit Example as JSON — the current line pretty-printed in a side editor. */
export const editAsJson: CommandFactory = (ctx) => async () => {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'jsonl') {
    void vscode.window.showInformationMessage('Toolcall Studio: open a .jsonl dataset and put the cursor on an example.');
    return;
  }
  const line = editor.selection.active.line;
  const original = editor.document.lineAt(line).text;
  const pretty = prettyPrint(original);
  if (pretty === undefined) {
    void vscode.window.showWarningMessage(`Toolcall Studio: line ${line + 1} is not valid JSON; fix it in place first.`);
    return;
  }
  const problem = roundTripProblem(original);
  if (problem !== undefined) {
    void vscode.window.showWarningMessage(`Toolcall Studio: line ${line + 1} cannot be edited as JSON without changing it: ${problem}. Edit the line in place.`);
    return;
  }
  if (!fileSystem) {
    fileSystem = new ExampleFileSystem();
    ctx.extension.subscriptions.push(vscode.workspace.registerFileSystemProvider(EXAMPLE_SCHEME, fileSystem, { isCaseSensitive: true }));
  }
  const uri = fileSystem.open(editor.document.uri, line, original, pretty);
  const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
};
