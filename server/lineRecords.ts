// One line's record in the line cache, made from a check on this thread or from a result from
// another: a rule that throws costs its line a TC199, never the document.
import type { Diagnostic, Finding } from '../core/checks/findings.ts';
import { couldNotCheck } from '../core/checks/lineChecks.ts';
import type { LineFacts } from '../core/checks/lineFacts.ts';
import { CheckedLine, type Role } from './cachedDiagnostics.ts';
import type { LineChecker, ValidateOptions } from './lineCacheTypes.ts';
import { isUnpackedList, shareDeclarationStrings, type LineResult } from './packedResults.ts';

const NOTHING: Diagnostic[] = [];

/** Checks line `index` on this thread. */
export function checkedLine(text: string, index: number, role: Role, validator: LineChecker, onError?: ValidateOptions['onError']): CheckedLine {
  // The core does not count a final empty line: nothing to check, nothing to count.
  if (role === 'phantom') return new CheckedLine(index, role, NOTHING, { isExample: false });
  try {
    const { diagnostics, facts } = validator.checkLine(text, index);
    return new CheckedLine(index, role, diagnostics.length === 0 ? NOTHING : diagnostics, facts);
  } catch (error) {
    // A bug in a rule costs this line, never the document or the server.
    onError?.(error, index);
    const finding = couldNotCheck(error);
    return new CheckedLine(index, role, positioned(validator, text, index, [finding], onError), { isExample: true });
  }
}

/** A line checked on another thread, as `checkedLine` would have made it; tool names and keys shared through `strings`. */
export function lineFromResult(result: LineResult, text: string, index: number, role: Role, validator: LineChecker, strings: Map<string, string>, onError?: ValidateOptions['onError']): CheckedLine {
  if (!('error' in result)) {
    const { diagnostics } = result;
    return new CheckedLine(index, role, Array.isArray(diagnostics) && diagnostics.length === 0 ? NOTHING : diagnostics, shared(result.facts, strings));
  }
  onError?.(new Error(result.error), index);
  return new CheckedLine(index, role, positioned(validator, text, index, [couldNotCheck(result.error)], onError), { isExample: true });
}

/** The findings positioned on their line; a positioning that throws gives whole-line errors. */
export function positioned(validator: LineChecker, text: string, index: number, findings: Finding[], onError?: ValidateOptions['onError']): Diagnostic[] {
  try {
    return validator.position(text, index, findings);
  } catch (error) {
    onError?.(error, index);
    return findings.map((f) => ({ line: index, start: 0, end: text.length, severity: 'error', code: f.code, message: f.message }));
  }
}

/** Facts copied from another thread, their declarations' strings shared (an unpacked batch's lists already are). */
function shared(facts: LineFacts, strings: Map<string, string>): LineFacts {
  if (facts.declarations !== undefined && !isUnpackedList(facts.declarations)) shareDeclarationStrings(facts.declarations, strings);
  return facts;
}
