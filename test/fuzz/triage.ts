// Minimizes a freeze to one line: re-checks, in this process, every line the failing batch
// touched and returns the slowest (the server checks a line synchronously, so the slowest line
// bounds how long it could not answer).
import { checkLine } from '../../core/checks/lineChecks.ts';
import { DatasetValidator } from '../../core/validate.ts';

export interface SlowLine {
  line: string;
  /** checkLine time and the time to position its findings (LineLocator), ms. */
  checkMs: number;
  positionMs: number;
  codes: string[];
}

export function slowestLine(texts: readonly string[], budgetMs = 20_000): SlowLine | undefined {
  const validator = new DatasetValidator();
  const seen = new Set<string>();
  const started = performance.now();
  let worst: SlowLine | undefined;
  for (const text of texts) {
    for (const line of text.split(/\r\n|\r|\n/)) {
      if (seen.has(line) || line.length < 1000) continue; // short lines are never the slow ones
      seen.add(line);
      let t = performance.now();
      const result = checkLine(line, false, { toolSets: validator.toolSets });
      const checkMs = performance.now() - t;
      t = performance.now();
      validator.position(line, 1, result.findings);
      const positionMs = performance.now() - t;
      if (!worst || checkMs + positionMs > worst.checkMs + worst.positionMs) {
        worst = { line, checkMs, positionMs, codes: result.findings.map((f) => f.code) };
      }
      if (performance.now() - started > budgetMs) return worst;
    }
  }
  return worst;
}

/** "4.4 MB line, TC101: check 1502 ms + position 0 ms" */
export function describeSlowLine(s: SlowLine): string {
  const size = s.line.length >= 1e6 ? `${(s.line.length / 1e6).toFixed(1)} MB` : `${Math.round(s.line.length / 1e3)} KB`;
  return `${size} line, ${[...new Set(s.codes)].join(' ') || 'no findings'}: check ${s.checkMs.toFixed(0)} ms + position ${s.positionMs.toFixed(0)} ms`;
}
