import type { InlayHint, InlayHintLabelPart } from 'vscode-languageserver';
import { summarizeExample } from '../../core/authoring/outline.ts';
import { problemSummary, type ProblemSummary } from '../../core/authoring/problemSummary.ts';
import type { Diagnostic } from '../../core/checks/findings.ts';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';
import { datasetDocument } from './authoringSupport.ts';

/**
 * Per example in view: at its start, a summary of its problems when the line is long (they
 * are otherwise out of sight on open); after it, its category and number of calls
 * (`multi-step · 3 calls`).
 */
export const inlayHintsFeature: Feature = {
  capabilities: () => ({ inlayHintProvider: true }),
  register(ctx) {
    ctx.connection.languages.inlayHint.on(async (params, token) => {
      const uri = params.textDocument.uri;
      const mode = (await ctx.settings.get(uri).catch(() => undefined))?.problemSummary ?? 'longLines';
      return runSafe(ctx.log, () => {
        const found = datasetDocument(ctx, uri);
        if (!found) return [];
        const hints: InlayHint[] = [];
        const last = Math.min(params.range.end.line, found.lines.lineCount - 1);
        const byLine = problemsByLine(found.state.last, found.document.version, params.range.start.line, last);
        for (let line = params.range.start.line; line <= last; line++) {
          const text = found.lines.lineText(line);
          const summary = problemSummary(byLine.get(line) ?? [], text.length, mode);
          if (summary) hints.push(summaryHint(uri, line, summary));
          const example = summarizeExample(text, line);
          if (example) hints.push({ position: { line, character: text.length }, label: example.hint, paddingLeft: true });
        }
        return hints;
      }, [], 'inlay hints failed', token);
    });
  },
};

/** The last published problems of lines `from`-`to`, when they belong to this version of the text. */
function problemsByLine(last: { version: number; diagnostics: Diagnostic[] } | undefined, version: number, from: number, to: number): Map<number, Diagnostic[]> {
  const byLine = new Map<number, Diagnostic[]>();
  if (!last || last.version !== version) return byLine; // stale: the refresh after validation brings them
  for (const d of last.diagnostics) {
    if (d.line < from || d.line > to) continue;
    const list = byLine.get(d.line);
    if (list) list.push(d);
    else byLine.set(d.line, [d]);
  }
  return byLine;
}

/** `2 errors: TC505 get_wether · TC513 unit` at column 0; each named problem links to its range. */
function summaryHint(uri: string, line: number, summary: ProblemSummary): InlayHint {
  const label: InlayHintLabelPart[] = [{ value: `${summary.head} ` }];
  summary.parts.forEach((part, i) => {
    if (i > 0) label.push({ value: ' · ' });
    label.push({ value: part.text, tooltip: part.message, location: { uri, range: { start: { line, character: part.start }, end: { line, character: part.end } } } });
  });
  if (summary.more) label.push({ value: ` ${summary.more}` });
  return { position: { line, character: 0 }, label, paddingRight: true, tooltip: 'Problems of this line; Ctrl/Cmd+click a code to go to it.' };
}
