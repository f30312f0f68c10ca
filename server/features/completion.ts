import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { complete, type AuthoringCompletion, type CompletionOptions } from '../../core/authoring/completion.ts';
import type { AuthoringContext } from '../../core/authoring/lineAnalysis.ts';
import type { LineSource } from '../lineCacheTypes.ts';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';
import { authoringContext, datasetDocument } from './authoringSupport.ts';

const KINDS: Record<AuthoringCompletion['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  function: CompletionItemKind.Function,
  enum: CompletionItemKind.EnumMember,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
};

/** How far an empty line looks up and down for a line with `tools` to copy. */
const NEARBY_LINES = 200;

export const completionFeature: Feature = {
  capabilities: () => ({ completionProvider: { triggerCharacters: ['"', ':', ',', '{', '\\'] } }),
  register(ctx) {
    ctx.connection.onCompletion((params, token) =>
      runSafe(ctx.log, async () => {
        const found = datasetDocument(ctx, params.textDocument.uri);
        if (!found) return [];
        const { line, character } = params.position;
        const text = found.lines.lineText(line);
        const context = await authoringContext(ctx, params.textDocument.uri);
        const options: CompletionOptions = text.trim() === '' ? { nearbyTools: nearbyTools(found.lines, line, context) } : {};
        return complete(text, character, line, context, options).map((c): CompletionItem => {
          const item: CompletionItem = { label: c.label, kind: KINDS[c.kind], textEdit: { range: { start: { line, character: c.start }, end: { line, character: c.end } }, newText: c.newText } };
          if (c.detail) item.detail = c.detail;
          if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
          if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
          if (c.sortText) item.sortText = c.sortText;
          if (c.filterText) item.filterText = c.filterText;
          return item;
        });
      }, [], 'completion failed', token),
    );
  },
};

/** The `tools` of the closest line that has them, for an example written on an empty line. */
function nearbyTools(lines: LineSource, line: number, context: AuthoringContext): CompletionOptions['nearbyTools'] {
  for (let d = 1; d <= NEARBY_LINES; d++) {
    for (const i of [line - d, line + d]) {
      if (i < 0 || i >= lines.lineCount) continue;
      const text = lines.lineText(i);
      if (!text.includes('"tools"')) continue;
      try {
        const tools = (JSON.parse(text.replace(/^\uFEFF/, '')) as { tools?: unknown }).tools;
        if (Array.isArray(tools) && tools.length > 0) return { set: context.toolSets.analyze(tools, 'tools'), text: JSON.stringify(tools) };
      } catch {
        // not an example: look further
      }
    }
  }
  return undefined;
}
