import { BOM } from './lines.ts';
import { MAX_DEPTH, MAX_VALID_DEPTH, measureDepth, scanJsonText, type JsonTextScan, type KnownTail, type TextCounts } from './depth.ts';
import { lastMemberSpan, rootMemberSpan, type TextSpan } from './rootMember.ts';
import { countMembers } from './structure.ts';
import { locateSyntaxError, syntaxErrorFromEngine, type SyntaxProblem } from './syntaxError.ts';

/** Past this length a second, position-aware parse costs seconds: the engine's own position is used. */
const LONG_LINE = 256 * 1024;

/** A root member's value parsed before: the value (shared: read it, never change it) and its object members. */
export interface KnownMember {
  value: unknown;
  members: number;
  /** What scanning its text counts (set by KnownLastMember on first use; its colons exceed `members` when a key is duplicated). */
  text?: TextCounts;
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
    let scan: (JsonTextScan & { tail?: LastMember<K> }) | undefined;
    if (known) {
      rootKeys = [];
      // A known tools JSON ending the line (the usual layout) is not scanned again.
      const last = new KnownLastMember(known);
      scan = scanJsonText(body, MAX_VALID_DEPTH, rootKeys, last);
      const reused = scan.offset === -1 && rootKeys.length > 0 ? parseReusing(body, bom, scan, rootKeys, known, last) : undefined;
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
function parseReusing<K extends KnownMember>(body: string, bom: boolean, scan: JsonTextScan, rootKeys: number[], known: KnownMembers<K>, last: KnownLastMember<K>): ParsedLine<K> | undefined {
  for (const name of known.names) {
    const span = rootMemberSpan(body, 0, rootKeys, name);
    if (!span) continue;
    // The scan may have asked already (the member ends the line): not asked twice.
    const asked = last.lookedUp(name, span);
    const member = asked === undefined ? known.known(name, body.slice(span.start, span.end)) : (asked ?? undefined);
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

/** A known member found ending a line: where its value is, and what is known of it. */
interface LastMember<K extends KnownMember> extends TextCounts {
  name: string;
  span: TextSpan;
  known: K;
}

/**
 * The usual line is {"messages": [...], "tools": [...]}: the tools JSON, repeated on most lines
 * and about half of a line's text, comes last. At a root member's colon, this finds the member
 * when it is one of `known.names`, written plainly (as rootMemberSpan reads keys), and its value
 * (the rest of the text up to the root's closing brace) is a text `known` has: then scanJsonText
 * does not read that text again, its counts being those of its first scan. Only when no root
 * key before it has one of the names: then it is the member parseReusing looks up. One per line.
 */
export class KnownLastMember<K extends KnownMember> implements KnownTail<LastMember<K>> {
  /** A root key before had one of the names: parseReusing would choose that one (or look up both). */
  private named = false;
  /** The lookup made while scanning, if any: its member, its span and what it found (null: not known). */
  private lookup?: { name: string; span: TextSpan; found: K | null };

  /**
   * What `known` answered while scanning for member `name` at `span`, when it was asked (null:
   * unknown; a miss changes nothing, so asking again would answer the same); else undefined.
   */
  lookedUp(name: string, span: TextSpan): K | null | undefined {
    const lookup = this.lookup;
    return lookup && lookup.name === name && lookup.span.start === span.start && lookup.span.end === span.end ? lookup.found : undefined;
  }

  constructor(private readonly known: KnownMembers<K>) {}

  at(text: string, key: number, colon: number): LastMember<K> | undefined {
    for (const name of this.known.names) {
      if (text.charCodeAt(key + name.length + 1) !== 34 /* " */ || !text.startsWith(name, key + 1)) continue;
      if (this.named) return undefined;
      this.named = true;
      const span = lastMemberSpan(text, colon);
      if (!span) return undefined;
      const source = text.slice(span.start, span.end);
      const member = this.known.known(name, source);
      this.lookup = { name, span, found: member ?? null };
      if (!member) return undefined;
      const counts = (member.text ??= textCounts(source));
      return { name, span, known: member, members: counts.members, maxDepth: counts.maxDepth };
    }
    return undefined;
  }
}

/** What scanJsonText counts in a whole text, read without a depth limit (a small integer: the scan's comparisons stay on small integers). */
function textCounts(text: string): TextCounts {
  const { members, maxDepth } = scanJsonText(text, 0x3fffffff);
  return { members, maxDepth };
}

/** `body` with the value at `span` written as `null`. */
export function withoutMember(body: string, span: TextSpan): string {
  return body.slice(0, span.start) + 'null' + body.slice(span.end);
}
