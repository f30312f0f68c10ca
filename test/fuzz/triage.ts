// Minimizes a freeze to one line: re-checks, in this process, every line the failing batch
// touched and returns the slowest (the server checks a line synchronously, so the slowest line
// bounds how long it could not answer).
import { checkLine } from '../../core/checks/lineChecks.ts';
import { cannotExceed } from '../../core/checks/tokenLimitChecks.ts';
import { normalizeInsightSettings, tokenLimitFor } from '../../core/stats/reportSettings.ts';
import { DatasetValidator } from '../../core/validate.ts';

export interface SlowLine {
  line: string;
  /** Time of the line rules (parse, checks) and of positioning their findings (LineLocator), ms. */
  checkMs: number;
  positionMs: number;
  codes: string[];
  /**
   * The TC209 token count is not timed here: gpt-tokenizer's BPE is quadratic in the length of
   * one pre-token, so it could run for minutes. Instead: whether the server would tokenize this
   * line (over the default model's byte threshold) and its longest run of letters.
   */
  tokenized: boolean;
  longestLetterRun: number;
}

const TOKEN_LIMIT = tokenLimitFor(normalizeInsightSettings(undefined));

const LETTER = /\p{L}/u;
/** Longest run of letters (a loop: a `\p{L}+` regex overflows V8's stack on a million-letter run). */
function longestLetterRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && LETTER.test(text[i]!));
    run = letter ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
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
      const tokenized = TOKEN_LIMIT !== undefined && !cannotExceed(line, TOKEN_LIMIT.limit);
      const run = tokenized ? longestLetterRun(line) : 0;
      // A long word in a tokenized line outranks any measured time (it is the likely hang).
      const score = checkMs + positionMs + (run > 10_000 ? run : 0);
      const worstScore = worst ? worst.checkMs + worst.positionMs + (worst.longestLetterRun > 10_000 ? worst.longestLetterRun : 0) : -1;
      if (score > worstScore) worst = { line, checkMs, positionMs, codes: result.findings.map((f) => f.code), tokenized, longestLetterRun: run };
      if (performance.now() - started > budgetMs) return worst;
    }
  }
  return worst;
}

/** "4.4 MB line, TC101: check 1502 ms + position 0 ms; tokenized (TC209), longest word 600,000 letters" */
export function describeSlowLine(s: SlowLine): string {
  const size = s.line.length >= 1e6 ? `${(s.line.length / 1e6).toFixed(1)} MB` : `${Math.round(s.line.length / 1e3)} KB`;
  const tokens = s.tokenized ? `; tokenized for TC209, longest word ${s.longestLetterRun.toLocaleString('en-US')} letters` : '';
  return `${size} line, ${[...new Set(s.codes)].join(' ') || 'no findings'}: check ${s.checkMs.toFixed(0)} ms + position ${s.positionMs.toFixed(0)} ms${tokens}`;
}
