// Annotated fixtures in the style of rust-analyzer's `^^^` tests: the lines of a dataset, and
// under a line, marker lines that underline where a diagnostic is expected and name its code:
//
//   {"messages": [{"role": "usr", "content": "hi"}]}
//                                  ^^^^^ TC303
//
// A marker is carets under the range (end exclusive) or one `|` for an empty range at that
// column, then the code, then optionally the exact message. Lines starting with `#!` hold a
// JSON object of directives (options of the run); lines starting with `#` are comments.
// Marker and comment lines are not part of the dataset.
import { capDiagnostics } from '../../../core/checks/diagnosticCap.ts';
import { invalidUtf8Findings } from '../../../core/checks/encodingChecks.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { invalidUtf8ByLine } from '../../../core/dataset/utf8.ts';
import { jobDiagnostic, jobProblem } from '../../../core/checks/serviceChecks.ts';
import { ChatTemplate } from '../../../core/render/chatTemplate.ts';
import { checkTemplate, templateDiagnostics } from '../../../core/render/templateChecks.ts';
import { toolsFileUnusable } from '../../../core/checks/sharedToolsChecks.ts';
import { ToolSetCache } from '../../../core/checks/toolSet.ts';
import { driftDiagnostics } from '../../../core/tools/diff/driftDiagnostics.ts';
import { driftReport } from '../../../core/tools/diff/driftReport.ts';
import { checkToolsFile, declarationsOf } from '../../../core/tools/toolsFileCheck.ts';
import { DatasetValidator, positionFindings, validateText, type ValidationOptions } from '../../../core/validate.ts';

/** A diagnostic a fixture expects: 0-based line of the dataset, columns, code, maybe the message. */
export interface Expected {
  line: number;
  start: number;
  end: number;
  code: string;
  message?: string;
}

export interface Annotated {
  /** The dataset: the content lines joined with LF, ending with LF. */
  text: string;
  lines: string[];
  expected: Expected[];
  directives: Record<string, any>;
}

const MARKER = /^( *)(\^+|\|) (TC\d{3})(?: (.+))?$/;

export function parseAnnotated(source: string): Annotated {
  const lines: string[] = [];
  const expected: Expected[] = [];
  let directives: Record<string, any> = {};
  for (const [i, raw] of source.replace(/\n$/, '').split('\n').entries()) {
    if (raw.startsWith('#!')) directives = { ...directives, ...JSON.parse(raw.slice(2)) };
    else if (raw.startsWith('#')) continue;
    else {
      const marker = MARKER.exec(raw);
      if (!marker) {
        lines.push(raw);
        continue;
      }
      if (lines.length === 0) throw new Error(`Fixture line ${i + 1}: a marker before any dataset line.`);
      const start = marker[1]!.length;
      const end = marker[2] === '|' ? start : start + marker[2]!.length;
      expected.push({ line: lines.length - 1, start, end, code: marker[3]!, ...(marker[4] !== undefined ? { message: marker[4] } : {}) });
    }
  }
  return { text: lines.map((l) => l + '\n').join(''), lines, expected, directives };
}

/** Diagnostics as an annotated text (the same format), to show a difference in a readable way. */
export function renderAnnotated(lines: readonly string[], found: readonly Expected[]): string {
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    out.push(line);
    for (const d of found.filter((f) => f.line === i)) {
      const mark = d.end > d.start ? '^'.repeat(d.end - d.start) : '|';
      out.push(`${' '.repeat(d.start)}${mark} ${d.code}${d.message !== undefined ? ` ${d.message}` : ''}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Line, then column, then code: the order both sides are compared in. */
export function byPosition(a: Expected, b: Expected): number {
  return a.line - b.line || a.start - b.start || a.end - b.end || a.code.localeCompare(b.code);
}

/**
 * A tool-set cache that throws on `"tools": "boom"`, standing for a rule that meets an input no
 * one foresaw (TC199): the throw happens inside the real line rules, which must catch it.
 */
export class ExplodingToolSets extends ToolSetCache {
  override analyze(value: unknown, root: 'tools' | 'functions') {
    if (value === 'boom') throw new Error('rule exploded');
    return super.analyze(value, root);
  }
}

export function validatorOf(fixture: Annotated): DatasetValidator {
  const options: ValidationOptions = fixture.directives.options ?? {};
  return new DatasetValidator(options, fixture.directives.explodingToolSets ? new ExplodingToolSets() : undefined);
}

/** What the CLI and the core report for a dataset fixture, with the directives' extra rules. */
export function datasetDiagnostics(fixture: Annotated): Expected[] {
  const validator = validatorOf(fixture);
  const severity = validator.options.severity;
  let diagnostics = validateText(fixture.text, validator.options, validator).diagnostics;
  if (typeof fixture.directives.invalidUtf8 === 'string') diagnostics.push(...invalidUtf8Diagnostics(fixture, fixture.directives.invalidUtf8));
  if (fixture.directives.maxDiagnostics) diagnostics = capDiagnostics(diagnostics, fixture.directives.maxDiagnostics, severity);
  if (fixture.directives.toolsFileError) diagnostics.unshift(...positionFindings('', 0, [toolsFileUnusable(fixture.directives.toolsFileError, 'tools.json')], severity));
  if (fixture.directives.chatTemplate !== undefined) {
    const template = new ChatTemplate({ chatTemplate: fixture.directives.chatTemplate, specialTokens: {} });
    diagnostics.unshift(...templateDiagnostics(checkTemplate(template), severity));
  }
  if (fixture.directives.jobError) {
    const job = { id: 'ftjob-1', status: 'failed' as const, error: { code: 'invalid_training_file', param: 'training_file', ...fixture.directives.jobError } };
    const problem = jobProblem(job, { training: 'train.jsonl' });
    const found = problem && jobDiagnostic(problem, fixture.text, severity);
    if (found) diagnostics.push(found);
  }
  return diagnostics.map(({ line, start, end, code, message }) => ({ line, start, end, code, message }));
}

/**
 * TC108 for a fixture whose `invalidUtf8` character stands for the byte ff (a text fixture
 * cannot hold invalid UTF-8): found from those bytes, as the CLI's stream finds them.
 */
function invalidUtf8Diagnostics(fixture: Annotated, placeholder: string): Diagnostic[] {
  const bytes = Buffer.concat(fixture.text.split(placeholder).flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xff]), Buffer.from(part)])));
  return [...invalidUtf8ByLine(bytes)].flatMap(([line, problems]) => positionFindings(fixture.lines[line]!, line, invalidUtf8Findings(problems)));
}

/**
 * A tools file's diagnostics; with a `drift` directive (`{"source", "tools", "datasets"?: [{file,
 * lines}]}` or `{"source", "error"}`), also its drift from that source (TC440-TC444).
 */
export function toolsFileDiagnostics(fixture: Annotated): Expected[] {
  const drift = fixture.directives.drift;
  const driftFound = !drift ? [] : driftDiagnostics(fixture.text, drift.error !== undefined ? drift : driftReport(declarationsOf(JSON.parse(fixture.text)).array as unknown[], drift.tools, drift.datasets ?? [], drift.source));
  return [...checkToolsFile(fixture.text, fixture.directives.options ?? {}), ...driftFound].map((d) => {
    if (d.start.line !== d.end.line) throw new Error(`${d.code} spans lines; annotate single-line ranges only`);
    return { line: d.start.line, start: d.start.character, end: d.end.character, code: d.code, message: d.message };
  });
}

/** What a fixture reports, by its kind (a dataset unless `kind` says a tools file). */
export function fixtureDiagnostics(fixture: Annotated): Expected[] {
  if (fixture.directives.kind === 'toolsFile') return toolsFileDiagnostics(fixture);
  return datasetDiagnostics(fixture);
}
