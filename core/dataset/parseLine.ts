import { BOM } from './lines.ts';
import { MAX_DEPTH, MAX_VALID_DEPTH, measureDepth, scanJsonText } from './depth.ts';
import { countMembers } from './structure.ts';
import { locateSyntaxError, syntaxErrorFromEngine, type SyntaxProblem } from './syntaxError.ts';

/** Past this length a second, position-aware parse costs seconds: the engine's own position is used. */
const LONG_LINE = 256 * 1024;

/** What one line of a JSONL file holds, before any rule looks at it. */
export type ParsedLine =
  | { kind: 'blank'; bom: boolean }
  | {
      kind: 'value';
      value: unknown;
      bom: boolean;
      duplicateKeys: boolean;
      /** Deepest nesting of the text. */
      depth: number;
      /**
       * For an object without duplicate keys: each root member's key offset and colon offset, in
       * the text after any byte-order mark (see rootMemberSpan).
       */
      rootKeys?: number[];
    }
  | { kind: 'syntax-error'; problem: SyntaxProblem; bom: boolean }
  | { kind: 'too-deep'; offset: number; limit: number; bom: boolean };

/**
 * Parses a line. Fast path: `JSON.parse`. Only a line it rejects is scanned for depth and
 * then parsed again with positions to find the error.
 */
export function parseLine(text: string): ParsedLine {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  let parseError: string;
  try {
    const value: unknown = JSON.parse(body);
    // A valid value can still be too deep for the rules' walkers, or have lost a duplicate key.
    const rootKeys: number[] = [];
    const { offset, members, maxDepth } = scanJsonText(body, MAX_VALID_DEPTH, rootKeys);
    if (offset !== -1) return { kind: 'too-deep', offset: offset + (bom ? 1 : 0), limit: MAX_VALID_DEPTH, bom };
    const duplicateKeys = members !== 0 && members !== countMembers(value);
    if (duplicateKeys || rootKeys.length === 0) return { kind: 'value', value, bom, duplicateKeys, depth: maxDepth };
    return { kind: 'value', value, bom, duplicateKeys, depth: maxDepth, rootKeys };
  } catch (error) {
    parseError = (error as Error).message; // slow path below
  }
  if (body.trim() === '') return { kind: 'blank', bom };
  const jsonStart = bom ? 1 : 0;
  const { offset } = measureDepth(body, MAX_DEPTH);
  if (offset !== -1) return { kind: 'too-deep', offset: offset + jsonStart, limit: MAX_DEPTH, bom };
  const problem = body.length > LONG_LINE ? syntaxErrorFromEngine(parseError, body) : locateSyntaxError(body);
  return { kind: 'syntax-error', problem: { ...problem, offset: problem.offset + jsonStart }, bom };
}
