import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import type { LineEdit } from '../../core/authoring/lineEdit.ts';
import { FIXABLE_CODES, fixAllInLine, quickFixes, standardizeTypesInLines } from '../../core/authoring/quickFixes/index.ts';
import type { Feature } from '../context.ts';
import type { DocumentState } from '../documents.ts';
import { runSafe } from '../runSafe.ts';
import { authoringContext, datasetDocument } from './authoringSupport.ts';
import { toolsDriftCodeActions } from './toolsDrift.ts';
import { isToolsFileUri } from './toolsWorkspace.ts';

/** Our own fix-all kind, under `source.fixAll` so "fix all on save" picks it up. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.toolcall`;

const FIX_ALL_TITLE = 'Fix all auto-fixable problems in file';

/** Lines with problems the last validation found that a fix-all can fix. */
function fixableLines(state: DocumentState, lineCount: number): number[] {
  return [...new Set((state.last?.diagnostics ?? []).filter((d) => FIXABLE_CODES.has(d.code)).map((d) => d.line))].filter((l) => l < lineCount);
}

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
        if (!found) return isToolsFileUri(uri) ? toolsDriftCodeActions(ctx, uri, params.context.diagnostics) : [];
        const { lines, state } = found;
        const context = await authoringContext(ctx, uri);
        const only = params.context.only;
        const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
        const actions: CodeAction[] = [];
        const editOf = (edits: LineEdit[]) => ({ changes: { [uri]: edits.map((e) => toTextEdit(e, lines.lineCount)) } });
        // Fix-all edits, computed at most once per request (the quick-fix list and source.fixAll
        // both offer them), and only over lines with problems the last validation found.
        let fixAll: LineEdit[] | undefined;
        const fixAllEdits = () => (fixAll ??= fixableLines(state, lines.lineCount).flatMap((index) => fixAllInLine(lines.lineText(index), index, context)?.edit ?? []));
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
          if (anyAuto && fixAllEdits().length > 0) actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, edit: editOf(fixAllEdits()) });
        }
        if (only && (wants(FIX_ALL_KIND) || only.includes(CodeActionKind.SourceFixAll)) && fixAllEdits().length > 0) {
          actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: editOf(fixAllEdits()) });
        }
        return actions;
      }, [], 'code actions failed', token),
    );
  },
};
