import type { Finding } from './findings.ts';
import type { LineFacts } from './lineFacts.ts';

/** A file-level finding, attached to a line. */
export interface FileFinding {
  line: number;
  finding: Finding;
}

/** Fewer examples than this and OpenAI refuses the file. */
export const MIN_EXAMPLES = 10;

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
      else found.push({ code: 'TC702', message: `Duplicate of line ${first + 1}; repeated examples skew training toward them.`, target: { path: [] }, data: { firstLine: first } });
    }
    for (const declaration of facts.declarations ?? []) {
      const first = this.firstDeclaration.get(declaration.name);
      if (!first) this.firstDeclaration.set(declaration.name, { key: declaration.key, line });
      else if (first.key !== declaration.key) {
        found.push({
          code: 'TC703',
          message: `Tool "${declaration.name}" is declared differently than on line ${first.line + 1}; keep declarations identical across the file, as at inference.`,
          target: { path: declaration.namePath },
          data: { firstLine: first.line },
        });
      }
    }
    return found;
  }

  /** Findings known only at the end of the file. */
  finish(): FileFinding[] {
    if (this.examples >= MIN_EXAMPLES) return [];
    return [{ line: 0, finding: { code: 'TC701', message: `The file has ${this.examples} example${this.examples === 1 ? '' : 's'}; OpenAI requires at least ${MIN_EXAMPLES} (50-100 usually show gains).`, target: { path: [], span: { start: 0, end: 0 } } } }];
  }

  get exampleCount(): number {
    return this.examples;
  }
}
