import { BOM } from './lines.ts';
import { MAX_DEPTH, MAX_VALID_DEPTH, measureDepth, scanJsonText, type JsonTextScan } from './depth.ts';
import { rootMemberSpan, type TextSpan } from './rootMember.ts';
import { countMembers } from './structure.ts';
import { locateSyntaxError, syntaxErrorFromEngine, type SyntaxProblem } from './syntaxError.ts';

/** Past this length a second, position-aware parse costs seconds: the engine's own position is used. */
const LONG_LINE = 256 * 1024;

/** A root member's value parsed before: the value (shared: read it, never change it) and its object members. */
export interface KnownMember {
  value: unknown;
  members: number;
}

/**
 * Root member values already parsed, by their raw text: datasets repeat the same `tools` JSON on
 * most lines, and parsing it again was about half of each line's parse.
 */
export interface KnownMembers<K extends KnownMember> {
  /** Root member names to look for; the first one the line has (written plainly) is looked up. */
  readonly names: readonly string[];
  /** What `source`, the raw text of member `name`, parsed to before; undefined when unknown. */
  known(name: string, source: string): K | undefined;
}

/** What one line of a JSONL file holds, before any rule looks at it. */
export type ParsedLine<K extends KnownMember = KnownMember> =
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
      /**
       * The member whose value was known and not parsed again, where it is in the line, and the
       * text parsed instead of the line (the text after any byte-order mark, the member as `null`).
       */
      member?: { name: string; span: TextSpan; known: K; rest: string };
    }
  | { kind: 'syntax-error'; problem: SyntaxProblem; bom: boolean }
  | { kind: 'too-deep'; offset: number; limit: number; bom: boolean };

/**
 * Parses a line. Fast path: `JSON.parse`, of the line without a member `known` has the value of
 * (then put back in). Only a line JSON.parse rejects is scanned for depth and then parsed again
 * with positions to find the error.
 */
export function parseLine<K extends KnownMember = KnownMember>(text: string, known?: KnownMembers<K>): ParsedLine<K> {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  let parseError: string;
  try {
    // A valid value can still be too deep for the rules' walkers, or have lost a duplicate key.
    let rootKeys: number[] | undefined;
    let scan: JsonTextScan | undefined;
    if (known) {
      rootKeys = [];
      scan = scanJsonText(body, MAX_VALID_DEPTH, rootKeys);
      const reused = scan.offset === -1 && rootKeys.length > 0 ? parseReusing(body, bom, scan, rootKeys, known) : undefined;
      if (reused) return reused;
    }
    const value: unknown = JSON.parse(body);
    if (!scan) scan = scanJsonText(body, MAX_VALID_DEPTH, (rootKeys = []));
    const { offset, members, maxDepth } = scan;
    if (offset !== -1) return { kind: 'too-deep', offset: offset + (bom ? 1 : 0), limit: MAX_VALID_DEPTH, bom };
    const duplicateKeys = members !== 0 && members !== countMembers(value);
    if (duplicateKeys || rootKeys!.length === 0) return { kind: 'value', value, bom, duplicateKeys, depth: maxDepth };
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

/**
 * The line parsed with its first `known.names` member standing in as `null`, the known value put
 * back: the same value JSON.parse gives for the whole line, since a valid value (the known text
 * parsed once) replaces another at a value's place. Undefined (parse the whole line) when the
 * member is unknown, the rest is not JSON, or a key is duplicated anywhere: JSON.parse keeps the
 * last of duplicates, the member found here is the first.
 */
function parseReusing<K extends KnownMember>(body: string, bom: boolean, scan: JsonTextScan, rootKeys: number[], known: KnownMembers<K>): ParsedLine<K> | undefined {
  for (const name of known.names) {
    const span = rootMemberSpan(body, 0, rootKeys, name);
    if (!span) continue;
    const member = known.known(name, body.slice(span.start, span.end));
    if (!member) return undefined;
    const rest = withoutMember(body, span);
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(rest) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    // Every ':' of the text is a member of the value unless a key was duplicated (as parseLine counts).
    if (scan.members !== countMembers(value) + member.members || value[name] !== null) return undefined;
    value[name] = member.value;
    const jsonStart = bom ? 1 : 0;
    const at = { start: span.start + jsonStart, end: span.end + jsonStart };
    return { kind: 'value', value, bom, duplicateKeys: false, depth: scan.maxDepth, rootKeys, member: { name, span: at, known: member, rest } };
  }
  return undefined;
}

/** `body` with the value at `span` written as `null`. */
export function withoutMember(body: string, span: TextSpan): string {
  return body.slice(0, span.start) + 'null' + body.slice(span.end);
}
