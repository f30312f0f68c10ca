import type { InlayHint } from 'vscode-languageserver';
import { summarizeExample } from '../../core/authoring/outline.ts';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';
import { datasetDocument } from './authoringSupport.ts';

/** After each example in view: its category and number of calls (`multi-step · 3 calls`). */
export const inlayHintsFeature: Feature = {
  capabilities: () => ({ inlayHintProvider: true }),
  register(ctx) {
    ctx.connection.languages.inlayHint.on((params, token) =>
      runSafe(ctx.log, () => {
        const found = datasetDocument(ctx, params.textDocument.uri);
        if (!found) return [];
        const hints: InlayHint[] = [];
        const last = Math.min(params.range.end.line, found.lines.lineCount - 1);
        for (let line = params.range.start.line; line <= last; line++) {
          const text = found.lines.lineText(line);
          const summary = summarizeExample(text, line);
          if (summary) hints.push({ position: { line, character: text.length }, label: summary.hint, paddingLeft: true });
        }
        return hints;
      }, [], 'inlay hints failed', token),
    );
  },
};
