import { BOM } from './lines.ts';
import { MAX_DEPTH, measureDepth } from './depth.ts';
import { locateSyntaxError, type SyntaxProblem } from './syntaxError.ts';

/** What one line of a JSONL file holds, before any rule looks at it. */
export type ParsedLine =
  | { kind: 'blank'; bom: boolean }
  | { kind: 'value'; value: unknown; bom: boolean }
  | { kind: 'syntax-error'; problem: SyntaxProblem; bom: boolean }
  | { kind: 'too-deep'; offset: number; bom: boolean };

/**
 * Parses a line. Fast path: `JSON.parse`. Only a line it rejects is scanned for depth and
 * then parsed again with positions to find the error.
 */
export function parseLine(text: string): ParsedLine {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  try {
    return { kind: 'value', value: JSON.parse(body), bom };
  } catch {
    // slow path below
  }
  if (body.trim() === '') return { kind: 'blank', bom };
  const jsonStart = bom ? 1 : 0;
  const { offset } = measureDepth(body, MAX_DEPTH);
  if (offset !== -1) return { kind: 'too-deep', offset: offset + jsonStart, bom };
  const problem = locateSyntaxError(body);
  return { kind: 'syntax-error', problem: { ...problem, offset: problem.offset + jsonStart }, bom };
}
