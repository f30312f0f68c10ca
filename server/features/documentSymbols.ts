import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { summarizeExample } from '../../core/authoring/outline.ts';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';
import { datasetDocument } from './authoringSupport.ts';

/** The outline: one symbol per example, named by its category and the start of the request. */
export const documentSymbolsFeature: Feature = {
  capabilities: () => ({ documentSymbolProvider: { label: 'Examples' } }),
  register(ctx) {
    ctx.connection.onDocumentSymbol((params, token) =>
      runSafe(ctx.log, () => {
        const found = datasetDocument(ctx, params.textDocument.uri);
        if (!found) return [];
        const symbols: DocumentSymbol[] = [];
        for (let line = 0; line < found.lines.lineCount; line++) {
          if (token.isCancellationRequested) return [];
          const text = found.lines.lineText(line);
          const summary = summarizeExample(text, line);
          if (!summary) continue;
          const range = { start: { line, character: 0 }, end: { line, character: text.length } };
          symbols.push({ name: summary.name, detail: `line ${line + 1} · ${summary.hint}`, kind: SymbolKind.Object, range, selectionRange: range });
        }
        return symbols;
      }, [], 'document symbols failed', token),
    );
  },
};
