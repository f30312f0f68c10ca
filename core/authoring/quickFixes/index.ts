// Quick-fixes: every fix is an edit of exactly one line, computed from the line's current
// text. The finding is looked up again on that text; when the diagnostic no longer matches
// (the line changed since it was published), no fix is offered.
import type { RuleCode } from '../../checks/rules.ts';
import { deleteLineEdit, minimalEdit, type LineEdit } from '../lineEdit.ts';
import { LineAnalysis, type AuthoringContext, type DiagnosticKey, type LocatedFinding } from '../lineAnalysis.ts';
import { argumentsEncodingFixes } from './argumentsEncoding.ts';
import { argumentValueFixes } from './argumentValues.ts';
import { conversationFixes } from './conversation.ts';
import { declarationFixes } from './declarations.ts';
import { emptyTurnFixes } from './emptyTurn.ts';
import { requiredFlagFixes } from './requiredFlags.ts';
import { lineShapeFixes } from './lineShape.ts';
import { nameFixes } from './names.ts';
import { parametersPathOf, standardizeTypes } from './schemaTypes.ts';
import { schemaTypeFixes } from './schemaTypes.ts';
import type { Fix, FixEnv, FixProvider } from './types.ts';

export type { Fix, FixEnv } from './types.ts';

const PROVIDERS = new Map<string, FixProvider[]>();
for (const family of [argumentsEncodingFixes, nameFixes, argumentValueFixes, schemaTypeFixes, conversationFixes, declarationFixes, lineShapeFixes, emptyTurnFixes, requiredFlagFixes]) {
  for (const [code, provider] of Object.entries(family)) PROVIDERS.set(code, [...(PROVIDERS.get(code) ?? []), provider]);
}

/** Rule codes that have quick-fixes. */
export const FIXABLE_CODES: ReadonlySet<string> = new Set(PROVIDERS.keys());

/** A quick-fix ready for the editor: one edit of one line. */
export interface LineFix {
  title: string;
  code: RuleCode;
  edit: LineEdit;
  auto: boolean;
  preferred: boolean;
}

/** The fixes of one finding (whole new lines). Never throws for a provider's bug: that provider offers nothing. */
export function fixesFor(finding: LocatedFinding, line: LineAnalysis, env: FixEnv = {}): Fix[] {
  const fixes: Fix[] = [];
  for (const provider of PROVIDERS.get(finding.code) ?? []) {
    try {
      fixes.push(...provider(finding, line, env).filter((f) => f.deleteLine || f.newText !== line.text));
    } catch {
      // a fix that cannot be computed is not offered
    }
  }
  return fixes;
}

/** The quick-fixes for a diagnostic of line `index` whose current text is `text`. */
export function quickFixes(text: string, index: number, diagnostic: DiagnosticKey, context: AuthoringContext, env: FixEnv = {}): LineFix[] {
  if (!FIXABLE_CODES.has(diagnostic.code)) return [];
  const line = new LineAnalysis(text, index, context);
  const finding = line.find(diagnostic);
  if (!finding) return [];
  return fixesFor(finding, line, env).flatMap((fix) => {
    const edit = fix.deleteLine ? deleteLineEdit(index, text) : minimalEdit(index, text, fix.newText);
    return edit ? [{ title: fix.title, code: finding.code, edit, auto: fix.auto === true, preferred: fix.preferred === true }] : [];
  });
}

/** Most rounds of fixes on one line (each round re-checks the line). */
const MAX_ROUNDS = 50;

/**
 * Applies every fix with a single right answer to a line, re-checking after each, and
 * returns the one edit of the line that does it all (undefined when nothing applies).
 */
export function fixAllInLine(text: string, index: number, context: AuthoringContext): { edit: LineEdit; codes: RuleCode[] } | undefined {
  let current = text;
  const codes: RuleCode[] = [];
  const tried = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const line = new LineAnalysis(current, index, context);
    let next: string | undefined;
    for (const finding of line.findings) {
      if (!FIXABLE_CODES.has(finding.code)) continue;
      const fix = fixesFor(finding, line).find((f) => f.auto && !tried.has(f.newText));
      // A line that goes entirely (a blank line) needs no other fix.
      if (fix?.deleteLine) return { edit: deleteLineEdit(index, text), codes: [...codes, finding.code] };
      if (fix) {
        next = fix.newText;
        codes.push(finding.code);
        break;
      }
    }
    if (next === undefined) break;
    tried.add(next);
    current = next;
  }
  const edit = minimalEdit(index, text, current);
  return edit && { edit, codes };
}

/** Every non-standard schema type of every declaration of the given lines, one edit per line. */
export function standardizeTypesInLines(lines: Iterable<{ index: number; text: string }>, context: AuthoringContext): LineEdit[] {
  const edits: LineEdit[] = [];
  for (const { index, text } of lines) {
    const line = new LineAnalysis(text, index, context);
    let body = line.body;
    const done = new Set<string>();
    for (const finding of line.findings) {
      if (finding.code !== 'TC408') continue;
      const parametersPath = parametersPathOf(finding.target.path);
      if (!parametersPath || done.has(JSON.stringify(parametersPath))) continue;
      done.add(JSON.stringify(parametersPath));
      body = standardizeTypes(line, body, parametersPath)?.body ?? body;
    }
    const edit = minimalEdit(index, text, line.withBody(body));
    if (edit) edits.push(edit);
  }
  return edits;
}
