import { splitLines } from './dataset/lines.ts';
import { LineLocator } from './dataset/locate.ts';
import { streamLines, type StreamedLine } from './dataset/streamLines.ts';
import { FileRules } from './checks/fileChecks.ts';
import type { Diagnostic, Finding, RelatedInformation, RelatedTarget } from './checks/findings.ts';
import type { LineFacts } from './checks/lineFacts.ts';
import { checkLine, couldNotCheck } from './checks/lineChecks.ts';
import { invalidUtf8Findings } from './checks/encodingChecks.ts';
import type { Utf8Problem } from './dataset/utf8.ts';
import { severityOf, type RuleCode, type Severity, type SeverityOverrides } from './checks/rules.ts';
import { sharedToolsProblems } from './checks/sharedToolsChecks.ts';
import { ToolSetCache, type ToolSet } from './checks/toolSet.ts';
import { ArgumentMemo } from './checks/argumentMemo.ts';
import { countedTokenLimitFinding, tokenLimitFindings } from './checks/tokenLimitChecks.ts';
import type { TokenLimitOption } from './stats/tokens.ts';

export interface ValidationOptions {
  severity?: SeverityOverrides;
  /** Parsed content of a shared tools file (an array of tool declarations). */
  sharedTools?: unknown;
  /** TC209: warn on examples over this model's token limit (plain data, so worker threads get it too). */
  tokenLimit?: TokenLimitOption;
  /** TC209 tokens of a parsed line counted another way (an open model's template); a function, so not for worker threads. */
  exampleTokens?: (value: unknown) => number;
}

/** Counts for a summary line. */
export interface ValidationSummary {
  lines: number;
  examples: number;
  error: number;
  warning: number;
  info: number;
  hint: number;
}

/**
 * Checks lines of one dataset. Holds the caches (tool sets, compiled schemas) that make the
 * 100,000th line with the same tools cost no schema work.
 */
export class DatasetValidator {
  readonly sharedTools: ToolSet | undefined;

  constructor(
    readonly options: ValidationOptions = {},
    readonly toolSets = new ToolSetCache(),
    /** Calls repeating arguments that passed their schema are not checked again (null: every call is; tests compare). */
    readonly argumentMemo: ArgumentMemo | null = new ArgumentMemo(),
  ) {
    this.sharedTools = options.sharedTools === undefined ? undefined : toolSets.analyze(options.sharedTools, 'tools');
  }

  /** Per-line diagnostics and the facts the file-level rules need. */
  checkLine(text: string, index: number, encoding?: readonly Utf8Problem[]): { diagnostics: Diagnostic[]; facts: LineFacts } {
    try {
      const result = checkLine(text, index === 0, { toolSets: this.toolSets, sharedTools: this.sharedTools, argumentMemo: this.argumentMemo ?? undefined });
      if (encoding) result.findings.unshift(...invalidUtf8Findings(encoding));
      // With TC209 off the count serves nothing (TC210 only qualifies it): not even tokenized.
      if (this.options.tokenLimit && severityOf('TC209', this.options.severity) !== 'off') result.findings.push(...this.tokenLimitFindings(text, this.options.tokenLimit));
      const sharedToolsProblem = index === 0 && this.sharedTools && sharedToolsProblems(this.sharedTools.findings);
      if (sharedToolsProblem) result.findings.push(sharedToolsProblem);
      return { diagnostics: this.position(text, index, result.findings), facts: result.facts };
    } catch (error) {
      // A bug or an input no rule foresaw (a stack overflow in a library) costs one line, never the file.
      return { diagnostics: this.position(text, index, [couldNotCheck(error)]), facts: { isExample: true } };
    }
  }

  /** TC209 and TC210, or nothing when the example cannot be counted (say, arguments nested too deep to serialise). */
  private tokenLimitFindings(text: string, option: TokenLimitOption): Finding[] {
    try {
      if (!this.options.exampleTokens) return tokenLimitFindings(text, option);
      const counted = countedTokenLimitFinding(text, option, this.options.exampleTokens);
      return counted ? [counted] : [];
    } catch {
      return [];
    }
  }

  /** Positions findings on a line; the slow, position-aware parse runs only when there are some. */
  position(text: string, index: number, findings: Finding[]): Diagnostic[] {
    return positionFindings(text, index, findings, this.options.severity);
  }
}

/**
 * Findings of line `index` (its `text`) as diagnostics under the severity overrides (rules set
 * to "off" dropped), left to right. Findings with a fixed span need no text ('' will do).
 */
export function positionFindings(text: string, index: number, findings: readonly Finding[], overrides?: SeverityOverrides): Diagnostic[] {
  if (findings.length === 0) return [];
  const locator = new LineLocator(text, text.startsWith('\uFEFF') ? 1 : 0);
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    const severity = severityOf(finding.code, overrides);
    if (severity === 'off') continue;
    const { start, end } = locator.rangeOf(finding.target);
    const diagnostic: Diagnostic = { line: index, start, end, severity, code: finding.code, message: finding.message };
    if (finding.data) diagnostic.data = finding.data;
    if (finding.related) diagnostic.related = relatedOf(finding.related, index, locator);
    diagnostics.push(diagnostic);
  }
  // Rules run in model order; readers expect left-to-right (stable for equal starts). Most lines
  // with several (a repeated tools JSON's) are in order already: a stable sort would change nothing.
  return inOrder(diagnostics) ? diagnostics : diagnostics.sort((a, b) => a.start - b.start);
}

function inOrder(diagnostics: readonly Diagnostic[]): boolean {
  for (let i = 1; i < diagnostics.length; i++) if (diagnostics[i].start < diagnostics[i - 1].start) return false;
  return true;
}

/** Related places: targets on the line located like findings, other lines by their spans. */
export function relatedOf(related: readonly RelatedTarget[], index: number, locator?: LineLocator): RelatedInformation[] {
  return related.map((r) => {
    const line = r.line ?? index;
    const range = line === index && locator ? locator.rangeOf(r.target) : (r.target.span ?? { start: 0, end: 0 });
    return { line, start: range.start, end: range.end, message: r.message };
  });
}

/** Validates a whole text in memory (editor buffers, tests). Diagnostics in line order. */
export function validateText(text: string, options: ValidationOptions = {}, validator = new DatasetValidator(options)): { diagnostics: Diagnostic[]; summary: ValidationSummary } {
  const diagnostics: Diagnostic[] = [];
  const rules = new FileRules();
  let lines = 0;
  for (const line of splitLines(text)) {
    lines++;
    const { diagnostics: found, facts } = validator.checkLine(line.text, line.index);
    diagnostics.push(...found, ...validator.position(line.text, line.index, rules.observe(line.index, facts, () => line.text)));
  }
  for (const { line, finding } of rules.finish()) diagnostics.push(...validator.position(rules.lineText(line) ?? '', line, [finding]));
  return { diagnostics, summary: summarize(diagnostics, lines, rules.exampleCount) };
}

/**
 * Validates a byte stream with bounded memory: each diagnostic is handed to `report` as soon
 * as its line is checked, and lines are dropped once checked.
 */
export async function validateStream(
  chunks: AsyncIterable<Buffer | string>,
  report: (diagnostic: Diagnostic) => void,
  options: ValidationOptions = {},
  validator = new DatasetValidator(options),
): Promise<ValidationSummary> {
  const run = new FileValidation(report, validator);
  for await (const line of streamLines(chunks)) run.line(line);
  return run.finish();
}

/**
 * One file's validation fed its lines in order, by whoever reads them: validateStream from a
 * byte stream, the CLI from a file read synchronously (no promise per line or per read). Each
 * diagnostic goes to `report` as soon as its line is checked.
 */
export class FileValidation {
  private readonly rules = new FileRules();
  private readonly summary: ValidationSummary = { lines: 0, examples: 0, error: 0, warning: 0, info: 0, hint: 0 };

  constructor(
    private readonly report: (diagnostic: Diagnostic) => void,
    readonly validator: DatasetValidator,
  ) {}

  line(line: StreamedLine): void {
    this.check(line.text, line.index, line.encoding);
  }

  /** `line` for a caller that holds no line object: the text, its index and where its bytes were not UTF-8. */
  check(text: string, index: number, encoding?: readonly Utf8Problem[]): void {
    const validator = this.validator;
    this.summary.lines++;
    const { diagnostics, facts } = validator.checkLine(text, index, encoding);
    for (const d of diagnostics) this.emit(d);
    for (const d of validator.position(text, index, this.rules.observe(index, facts, () => text))) this.emit(d);
  }

  /** Reports the findings known only at the end of the file; the file's counts. */
  finish(): ValidationSummary {
    const rules = this.rules;
    for (const { line, finding } of rules.finish()) for (const d of this.validator.position(rules.lineText(line) ?? '', line, [finding])) this.emit(d);
    this.summary.examples = rules.exampleCount;
    return this.summary;
  }

  private emit(d: Diagnostic): void {
    this.summary[d.severity]++;
    this.report(d);
  }
}

export function summarize(diagnostics: Diagnostic[], lines: number, examples: number): ValidationSummary {
  const summary: ValidationSummary = { lines, examples, error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) summary[d.severity]++;
  return summary;
}
