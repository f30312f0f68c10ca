import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import type { LineEdit } from '../../core/authoring/lineEdit.ts';
import { FIXABLE_CODES, fixAllInLine, quickFixes, standardizeTypesInLines } from '../../core/authoring/quickFixes/index.ts';
import type { Feature } from '../context.ts';
import { runSafe } from '../runSafe.ts';
import { authoringContext, datasetDocument } from './authoringSupport.ts';

/** Our own fix-all kind, under `source.fixAll` so "fix all on save" picks it up. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.toolcall`;

/**
 * A line edit as LSP text. A deleted line takes its line break; the last line (none follows)
 * is only emptied, which leaves the file ending with a line break, as JSONL files should.
 */
function toTextEdit(e: LineEdit, lineCount: number): TextEdit {
  const end = e.deleteLine && e.line + 1 < lineCount ? { line: e.line + 1, character: 0 } : { line: e.line, character: e.end };
  return { range: { start: { line: e.line, character: e.deleteLine ? 0 : e.start }, end }, newText: e.newText };
}

/** Quick-fixes for the diagnostics in the request, "in all declarations" for TC408, and fix-all. */
export const codeActionsFeature: Feature = {
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] } }),
  register(ctx) {
    ctx.connection.onCodeAction((params, token) =>
      runSafe(ctx.log, async () => {
        const uri = params.textDocument.uri;
        const found = datasetDocument(ctx, uri);
        if (!found) return [];
        const { lines, state } = found;
        const context = await authoringContext(ctx, uri);
        const only = params.context.only;
        const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
        const actions: CodeAction[] = [];
        const editOf = (edits: LineEdit[]) => ({ changes: { [uri]: edits.map((e) => toTextEdit(e, lines.lineCount)) } });
        // Lines with problems the last validation found (fix-all looks only at those).
        const fixableLines = () => [...new Set((state.last?.diagnostics ?? []).filter((d) => FIXABLE_CODES.has(d.code)).map((d) => d.line))].filter((l) => l < lines.lineCount);
        if (wants(CodeActionKind.QuickFix)) {
          let anyAuto = false;
          for (const diagnostic of params.context.diagnostics) {
            if (diagnostic.source !== 'toolcall' || typeof diagnostic.code !== 'string' || diagnostic.range.start.line !== diagnostic.range.end.line) continue;
            const line = diagnostic.range.start.line;
            const key = { code: diagnostic.code, start: diagnostic.range.start.character, end: diagnostic.range.end.character, message: typeof diagnostic.message === 'string' ? diagnostic.message : undefined };
            const fixes = quickFixes(lines.lineText(line), line, key, context);
            for (const fix of fixes) {
              anyAuto ||= fix.auto;
              actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic as LspDiagnostic], isPreferred: fix.preferred, edit: editOf([fix.edit]) });
            }
            if (diagnostic.code === 'TC408' && fixes.length > 0) {
              const affected = [...new Set((state.last?.diagnostics ?? []).filter((d) => d.code === 'TC408').map((d) => d.line))];
              const edits = standardizeTypesInLines(affected.map((index) => ({ index, text: lines.lineText(index) })), context);
              if (edits.length > 1) actions.push({ title: `Use standard JSON Schema types in all declarations of the file (${edits.length} lines)`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic as LspDiagnostic], edit: editOf(edits) });
            }
          }
          if (anyAuto) {
            const edits = fixableLines().flatMap((index) => fixAllInLine(lines.lineText(index), index, context)?.edit ?? []);
            if (edits.length > 0) actions.push({ title: 'Fix all auto-fixable problems in file', kind: CodeActionKind.QuickFix, edit: editOf(edits) });
          }
        }
        if (only && (wants(FIX_ALL_KIND) || only.includes(CodeActionKind.SourceFixAll))) {
          const edits = fixableLines().flatMap((index) => fixAllInLine(lines.lineText(index), index, context)?.edit ?? []);
          if (edits.length > 0) actions.push({ title: 'Fix all auto-fixable problems in file', kind: FIX_ALL_KIND, edit: editOf(edits) });
        }
        return actions;
      }, [], 'code actions failed', token),
    );
  },
};
