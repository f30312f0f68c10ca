// Real datasets repeat one tools JSON on many lines, and most of their findings are about the
// declarations in it (BFCL's "dict" types, dotted names). Placing each of those by walking the
// line was a line's main cost: they are placed once per distinct tools text, relative to where
// it starts, and shifted onto every line that repeats it.
import { LineLocator, MAX_LOCATED_LENGTH, rangeOfHit } from '../dataset/locate.ts';
import { scanPath } from '../dataset/pathScan.ts';
import { MAX_DEPTH } from '../dataset/depth.ts';
import type { TextSpan } from '../dataset/rootMember.ts';
import type { Finding } from './findings.ts';
import type { MemberAnalysis } from './toolSet.ts';

/** What is known of the line a member was read from. */
export interface MemberLine {
  text: string;
  /** Where the JSON starts (1 after a byte-order mark). */
  jsonStart: number;
  /** Deepest nesting of the line. */
  depth: number;
}

/**
 * The findings of a member's analysis for one line, each with its span on that line when its
 * place depends only on the member's text (as LineLocator would find it); others keep their
 * path, to be placed with the rest of the line's findings. Lines placed whole or by a tolerant
 * parse (too long, too deep) give the findings as they are.
 */
export function memberFindings(entry: MemberAnalysis, line: MemberLine, member: TextSpan, root: string): Finding[] {
  const findings = entry.set.findings;
  if (findings.length === 0 || !placedByPath(line)) return findings;
  const relative = (entry.relative ??= relativeRanges(findings, line, member, root));
  return findings.map((finding, i) => {
    const range = relative[i];
    if (!range) return finding;
    // Written out rather than spread: two object spreads per finding were most of this function's cost.
    const { path, part } = finding.target;
    const span = { start: member.start + range.start, end: member.start + range.end };
    const placed: Finding = { code: finding.code, message: finding.message, target: part === undefined ? { path, span } : { path, part, span } };
    if (finding.data) placed.data = finding.data;
    if (finding.related) placed.related = finding.related;
    return placed;
  });
}

/**
 * Whether LineLocator places every path of this line by walking its text (pathScan), where a
 * place inside a root member depends on nothing before it: not too long to place, and not so
 * deep anywhere that the walk would give up and parse the whole line.
 */
function placedByPath(line: MemberLine): boolean {
  return line.text.length - line.jsonStart <= MAX_LOCATED_LENGTH && line.depth <= MAX_DEPTH;
}

/**
 * Ranges of the findings relative to the member's start; null for one not inside the member. A
 * path into the member (`root` then more) is walked in the member's text alone: the same walk
 * LineLocator makes from the line's start once it reaches the member, without first skipping
 * the messages before it for each finding.
 */
function relativeRanges(findings: readonly Finding[], line: MemberLine, member: TextSpan, root: string): ({ start: number; end: number } | null)[] {
  let locator: LineLocator | undefined;
  let text: string | undefined;
  return findings.map(({ target }) => {
    if (target.span || target.inner) return null;
    if (target.path.length > 1 && target.path[0] === root) {
      // One level less: the line's walk counted the root object; placedByPath keeps both within the limit.
      const hit = scanPath((text ??= line.text.slice(member.start, member.end)), target.path.slice(1), MAX_DEPTH - 1);
      if (hit) return rangeOfHit(hit, target.part);
    }
    const { start, end } = (locator ??= new LineLocator(line.text, line.jsonStart)).rangeOf(target);
    return start >= member.start && end <= member.end ? { start: start - member.start, end: end - member.start } : null;
  });
}
