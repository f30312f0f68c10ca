import type { JsonPath } from '../dataset/jsonPath.ts';
import type { Finding } from './findings.ts';
import { contentSampleOf, type LineFacts } from './lineFacts.ts';
import { ContentIndex } from './contentIndex.ts';
import type { Declaration } from './toolSet.ts';
import { plural } from '../text/plural.ts';

/** A file-level finding, attached to a line. */
export interface FileFinding {
  line: number;
  finding: Finding;
}

/** Fewer examples than this and OpenAI refuses the file. */
export const MIN_EXAMPLES = 10;

// The file rules' findings, each worded in one place: FileRules (streams, the CLI) and
// IncrementalFileRules (the server's cache) both report through these.

/** TC701 on the first line: the file has too few examples. */
export function tooFewExamples(examples: number): FileFinding {
  return { line: 0, finding: { code: 'TC701', message: `The file has ${plural(examples, 'example')}; OpenAI requires at least ${MIN_EXAMPLES} (50-100 usually show gains).`, target: { path: [], span: { start: 0, end: 0 } } } };
}

/** TC702 on a later copy of the example first seen on `firstLine` (0-based). */
export function duplicateOf(firstLine: number): Finding {
  return { code: 'TC702', message: `Duplicate of line ${firstLine + 1}; repeated examples skew training toward them.`, target: { path: [] }, data: { firstLine } };
}

/** Most lines listed as related information of one TC703. */
const MAX_RELATED_LINES = 50;

/** What the file says about one tool name declared in more than one way. */
export interface Drift {
  name: string;
  /** The line of its first declaration (the one the others differ from). */
  firstLine: number;
  /** Lines whose declaration differs from the first, in order. */
  driftLines: number[];
  /** Where the name is on the first of those lines. */
  namePath: JsonPath;
  /** How many different declarations there are. */
  variants: number;
}

/**
 * TC703, once per tool name and file: on the first line that declares it differently, with
 * the count and every such line (related information). Benchmark files where each line
 * carries its own variant gave thousands of warnings when this was said per line.
 */
export function driftFinding(drift: Drift): FileFinding {
  const lines = drift.driftLines;
  const shown = lines.slice(0, 5).map((l) => l + 1).join(', ');
  const more = lines.length > 5 ? ` and ${lines.length - 5} more` : '';
  const where = lines.length === 1 ? `line ${shown}` : `lines ${shown}${more}`;
  return {
    line: lines[0],
    finding: {
      code: 'TC703',
      message: `Tool ${JSON.stringify(drift.name)} is declared in ${drift.variants} different ways: ${where} differ${lines.length === 1 ? 's' : ''} from line ${drift.firstLine + 1}; keep one declaration across the file, as at inference.`,
      target: { path: drift.namePath },
      data: { firstLine: drift.firstLine, lines, variants: drift.variants },
      related: [drift.firstLine, ...lines.slice(1, MAX_RELATED_LINES)].map((line, i) => ({
        line,
        target: { path: [], span: { start: 0, end: 0 } },
        message: i === 0 ? `First declaration of ${JSON.stringify(drift.name)}.` : `Declared differently from line ${drift.firstLine + 1}.`,
      })),
    },
  };
}

/** The order of TC703 findings: by line, then tool name (the same whatever order lines were added in). */
export const byLineThenName = (a: FileFinding, b: FileFinding) =>
  a.line - b.line || String(a.finding.message).localeCompare(String(b.finding.message));

/**
 * File-level rules computed from per-line facts, in line order: duplicates point back to the
 * first occurrence, and tools declared differently on different lines are reported at the
 * end, once per name (TC703). Fed line by line, it works on a stream; the language server
 * keeps the same rules incrementally (IncrementalFileRules).
 */
export class FileRules {
  private examples = 0;
  private readonly firstByContent = new ContentIndex();
  private readonly declarations = new Map<string, { key: string; line: number; keys: Set<string>; driftLines: number[]; namePath?: JsonPath }>();
  /** The text of each line a finding of `finish` sits on (one per drifted tool), to position it. */
  private readonly texts = new Map<number, string>();
  /**
   * Declaration lists (one per tool set, shared by the lines repeating it) whose every declaration
   * was the first of its name's: the first key of a name never changes, so such a list, seen
   * again, changes nothing and is not walked.
   */
  private readonly agreeing = new WeakSet<readonly Declaration[]>();

  /** Findings of this line known now; `text` is read only for a line a later finding will sit on. */
  observe(line: number, facts: LineFacts, text?: () => string): Finding[] {
    if (!facts.isExample) return [];
    this.examples++;
    const found: Finding[] = [];
    const key = facts.contentKey;
    if (key !== undefined) {
      const first = this.firstByContent.firstOrAdd(key, facts.contentSample ?? contentSampleOf(key), line);
      if (first !== -1) found.push(duplicateOf(first));
    }
    const declarations = facts.declarations;
    if (declarations === undefined || this.agreeing.has(declarations)) return found;
    let agrees = true;
    for (const declaration of declarations) {
      const seen = this.declarations.get(declaration.name);
      if (!seen) this.declarations.set(declaration.name, { key: declaration.key, line, keys: new Set([declaration.key]), driftLines: [] });
      else if (seen.key !== declaration.key) {
        agrees = false;
        seen.keys.add(declaration.key);
        if (seen.driftLines[seen.driftLines.length - 1] !== line) seen.driftLines.push(line);
        if (!seen.namePath) {
          seen.namePath = declaration.namePath;
          if (text) this.texts.set(line, text());
        }
      }
    }
    if (agrees) this.agreeing.add(declarations);
    return found;
  }

  /** Findings known only at the end of the file. */
  finish(): FileFinding[] {
    const found: FileFinding[] = [];
    for (const [name, d] of this.declarations) {
      if (d.namePath) found.push(driftFinding({ name, firstLine: d.line, driftLines: d.driftLines, namePath: d.namePath, variants: d.keys.size }));
    }
    found.sort(byLineThenName);
    if (this.examples >= MIN_EXAMPLES) return found;
    return [...found, tooFewExamples(this.examples)];
  }

  /** The text of a line a finding of `finish` sits on, when `observe` was given it. */
  lineText(line: number): string | undefined {
    return this.texts.get(line);
  }

  get exampleCount(): number {
    return this.examples;
  }
}
