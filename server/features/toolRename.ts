import { ErrorCodes, ResponseError, type Range, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextPosition } from '../../core/tools/textPositions.ts';
import { datasetNameRanges, lineNameSpans, rangeAt, TOOL_NAME_PATTERN, toolsFileNameRanges, type NameRange } from '../../core/tools/toolNames.ts';
import type { Feature, ServerContext } from '../context.ts';
import { uriToPath } from '../paths.ts';
import { runSafe } from '../runSafe.ts';
import { datasetsUsing, documentLines, fileText, isDatasetUri, isToolsFileUri, toolsFileOf } from './toolsWorkspace.ts';

/** The tool name under the cursor in a dataset or tools file document. */
export function nameAt(ctx: ServerContext, uri: string, position: TextPosition): NameRange | undefined {
  const document = ctx.documents.get(uri);
  if (!document) return undefined;
  if (isToolsFileUri(uri)) return rangeAt(toolsFileNameRanges(document.getText()), position);
  if (!isDatasetUri(uri) || position.line >= document.lineCount) return undefined;
  const spans = lineNameSpans(document.lineText(position.line));
  const span = spans.find((s) => s.start <= position.character && position.character <= s.end);
  return span && { name: span.name, kind: span.kind, start: { line: position.line, character: span.start }, end: { line: position.line, character: span.end } };
}

/** One file's ranges of a name, with the version the edit must apply to. */
export interface FileRanges {
  uri: string;
  version: number | null;
  ranges: NameRange[];
}

/**
 * Every place `name` is written that one rename must change: from a dataset, the dataset and
 * (when it declares the name) its tools file plus the other open datasets using that file; from a
 * tools file, the file and the open datasets using it.
 */
export async function nameSites(ctx: ServerContext, uri: string, name: string): Promise<FileRanges[]> {
  const files: FileRanges[] = [];
  const seen = new Set<string>();
  const addDataset = (documentUri: string) => {
    const document = ctx.documents.get(documentUri);
    if (!document || seen.has(documentUri)) return;
    seen.add(documentUri);
    const ranges = datasetNameRanges(documentLines(document), name);
    if (ranges.length > 0) files.push({ uri: documentUri, version: document.version, ranges });
  };
  let toolsPath: string | undefined;
  if (isToolsFileUri(uri)) toolsPath = uriToPath(uri);
  else {
    addDataset(uri);
    toolsPath = await toolsFileOf(ctx, uri);
  }
  if (!toolsPath) return files;
  const tools = fileText(ctx, toolsPath);
  const declared = tools ? toolsFileNameRanges(tools.text, name) : [];
  if (tools && (declared.length > 0 || isToolsFileUri(uri))) {
    if (declared.length > 0) files.push({ uri: tools.uri, version: tools.version, ranges: declared });
    for (const dataset of await datasetsUsing(ctx, toolsPath)) addDataset(dataset.uri);
  }
  return files;
}

/** Rename of a tool name across the dataset, its tools file and the datasets using it: one WorkspaceEdit. */
export const toolRenameFeature: Feature = {
  capabilities: () => ({ renameProvider: { prepareProvider: true } }),

  register(ctx) {
    ctx.connection.onPrepareRename((params, token) =>
      runSafe(ctx.log, () => {
        const found = nameAt(ctx, params.textDocument.uri, params.position);
        return found ? { range: inner(found), placeholder: found.name } : null;
      }, null, 'prepareRename failed', token),
    );
    ctx.connection.onRenameRequest((params, token) =>
      runSafe<WorkspaceEdit | null | ResponseError<void>>(ctx.log, async () => {
        const found = nameAt(ctx, params.textDocument.uri, params.position);
        if (!found) return null;
        if (!TOOL_NAME_PATTERN.test(params.newName)) {
          return new ResponseError(ErrorCodes.InvalidParams, `Tool name "${params.newName}" must match ^[a-zA-Z0-9_-]{1,64}$ (letters, digits, _ and -, at most 64).`);
        }
        const files = await nameSites(ctx, params.textDocument.uri, found.name);
        const newText = JSON.stringify(params.newName);
        const documentChanges: TextDocumentEdit[] = files.map((f) => ({
          textDocument: { uri: f.uri, version: f.version },
          edits: f.ranges.map((r) => ({ range: { start: r.start, end: r.end }, newText })),
        }));
        return { documentChanges };
      }, null, 'rename failed', token),
    );
  },
};

/** The name without its quotes (what the user edits). */
function inner(range: NameRange): Range {
  return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
}



