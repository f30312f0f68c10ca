// Checks a tools file (`*.tools.json`, possibly pretty-printed over many lines): the declaration
// rules of core/checks/toolSet.ts (TC401-TC411) plus authoring hints and strict readiness,
// positioned in the file.
import type { SeverityOverrides, Severity } from '../checks/rules.ts';
import { ToolSetCache } from '../checks/toolSet.ts';
import { isObject } from '../checks/findings.ts';
import type { JsonPath } from '../dataset/jsonPath.ts';
import { LineLocator, type Target } from '../dataset/locate.ts';
import { declarationHints } from './schemaHints.ts';
import { toolsSeverityOf, type ToolsFileCode } from './rules.ts';
import { PositionMap, type TextPosition } from './textPositions.ts';

/** A problem in a tools file, positioned by line and character; end exclusive. */
export interface ToolsFileDiagnostic {
  start: TextPosition;
  end: TextPosition;
  severity: Severity;
  code: ToolsFileCode;
  message: string;
}

export interface ToolsFileCheckOptions {
  /** Report TC430-TC432 (setting `toolcall.tools.strictReadiness`, off by default). */
  strictReadiness?: boolean;
  severity?: SeverityOverrides;
}

/** Where the declarations sit in a parsed tools file: a bare array, or `{"tools": [...]}`. */
export function declarationsOf(value: unknown): { array: unknown; prefix: JsonPath } {
  if (isObject(value) && Array.isArray(value.tools)) return { array: value.tools, prefix: ['tools'] };
  return { array: value, prefix: [] };
}

/**
 * Diagnostics of a tools file, ordered by position. Text that is not JSON gets none: the
 * editor's JSON support reports syntax errors already.
 */
export function checkToolsFile(text: string, options: ToolsFileCheckOptions = {}, toolSets = new ToolSetCache()): ToolsFileDiagnostic[] {
  const jsonStart = text.startsWith('\uFEFF') ? 1 : 0;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(jsonStart));
  } catch {
    return [];
  }
  const { array, prefix } = declarationsOf(value);
  const found: { code: ToolsFileCode; message: string; target: Target }[] = [];
  // The analyser reports paths under a `tools` root; re-root them where the array really is.
  const reroot = (path: JsonPath) => [...prefix, ...path.slice(1)];
  for (const finding of toolSets.analyze(array, 'tools').findings) {
    found.push({ code: finding.code, message: finding.message, target: { ...finding.target, path: reroot(finding.target.path) } });
  }
  if (Array.isArray(array)) {
    array.forEach((tool, index) => {
      if (!isObject(tool) || !isObject(tool.function)) return;
      for (const hint of declarationHints(tool.function, [...prefix, index, 'function'], options.strictReadiness === true)) {
        found.push({ code: hint.code, message: hint.message, target: { path: hint.path, part: hint.part } });
      }
    });
  }
  const locator = new LineLocator(text, jsonStart);
  const positions = new PositionMap(text);
  const diagnostics: ToolsFileDiagnostic[] = [];
  for (const { code, message, target } of found) {
    const severity = toolsSeverityOf(code, options.severity);
    if (severity === 'off') continue;
    const { start, end } = locator.rangeOf(target);
    diagnostics.push({ start: positions.positionAt(start), end: positions.positionAt(end), severity, code, message });
  }
  return diagnostics.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
}
