import { DatasetValidator, validateText, type ValidationOptions } from '../../../core/validate.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { contextOf } from '../../../core/authoring/lineAnalysis.ts';
import { quickFixes, type LineFix } from '../../../core/authoring/quickFixes/index.ts';
import { applyLineEdit } from '../../../core/authoring/lineEdit.ts';
import type { FixEnv } from '../../../core/authoring/quickFixes/types.ts';

/** The diagnostics of one line checked alone (as line `index` of its file). */
export function lineDiagnostics(text: string, index = 0, options: ValidationOptions = {}): Diagnostic[] {
  return new DatasetValidator(options).checkLine(text, index).diagnostics;
}

/** Every fix offered for the diagnostics with `code` on a line, each with the line it produces. */
export function fixesOf(text: string, code: string, env: FixEnv = {}, options: ValidationOptions = {}): (LineFix & { line: string })[] {
  const validator = new DatasetValidator(options);
  const context = contextOf(validator);
  return validator
    .checkLine(text, 0)
    .diagnostics.filter((d) => d.code === code)
    .flatMap((d) => quickFixes(text, 0, d, context, env))
    .map((fix) => ({ ...fix, line: applyLineEdit(text, fix.edit) }));
}

/** Titles and resulting lines, for exact comparisons. */
export const applied = (fixes: (LineFix & { line: string })[]) => fixes.map((f) => [f.title, f.line]);

export { validateText };
