import type { JsonPath } from '../dataset/jsonPath.ts';
import type { Finding } from './findings.ts';
import type { LineFacts } from './lineFacts.ts';

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
  return { line: 0, finding: { code: 'TC701', message: `The file has ${examples} example${examples === 1 ? '' : 's'}; OpenAI requires at least ${MIN_EXAMPLES} (50-100 usually show gains).`, target: { path: [], span: { start: 0, end: 0 } } } };
}

/** TC702 on a later copy of the example first seen on `firstLine` (0-based). */
export function duplicateOf(firstLine: number): Finding {
  return { code: 'TC702', message: `Duplicate of line ${firstLine + 1}; repeated examples skew training toward them.`, target: { path: [] }, data: { firstLine } };
}

/** TC703 on the name of a declaration that differs from the tool's first declaration, on `firstLine` (0-based). */
export function declaredDifferently(declaration: { name: string; namePath: JsonPath }, firstLine: number): Finding {
  return {
    code: 'TC703',
    message: `Tool \`${declaration.name}\` is declared differently than on line ${firstLine + 1}; keep declarations identical across the file, as at inference.`,
    target: { path: declaration.namePath },
    data: { firstLine },
  };
}

/**
 * File-level rules computed from per-line facts, in line order: duplicates point back to the
 * first occurrence, and a tool declared differently from its first declaration is drift.
 * Fed line by line, it works on a stream; the language server replays cached facts.
 */
export class FileRules {
  private examples = 0;
  private readonly firstByContent = new Map<string, number>();
  private readonly firstDeclaration = new Map<string, { key: string; line: number }>();

  observe(line: number, facts: LineFacts): Finding[] {
    if (!facts.isExample) return [];
    this.examples++;
    const found: Finding[] = [];
    if (facts.contentKey !== undefined) {
      const first = this.firstByContent.get(facts.contentKey);
      if (first === undefined) this.firstByContent.set(facts.contentKey, line);
      else found.push(duplicateOf(first));
    }
    for (const declaration of facts.declarations ?? []) {
      const first = this.firstDeclaration.get(declaration.name);
      if (!first) this.firstDeclaration.set(declaration.name, { key: declaration.key, line });
      else if (first.key !== declaration.key) found.push(declaredDifferently(declaration, first.line));
    }
    return found;
  }

  /** Findings known only at the end of the file. */
  finish(): FileFinding[] {
    if (this.examples >= MIN_EXAMPLES) return [];
    return [tooFewExamples(this.examples)];
  }

  get exampleCount(): number {
    return this.examples;
  }
}
