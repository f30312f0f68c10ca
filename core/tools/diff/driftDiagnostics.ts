// Drift shown on a tools file: each removed or changed tool at its name, new tools at the
// declarations array, with the dataset lines a change breaks (TC440-TC444).
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { parseJsonTree } from '../../authoring/jsonTree.ts';
import { severityOf, type Severity, type SeverityOverrides } from '../../checks/rules.ts';
import { PositionMap, type TextPosition } from '../textPositions.ts';
import type { LineImpact } from './datasetImpact.ts';
import type { DriftReport, ToolDrift } from './driftReport.ts';
import { plural } from '../../text/plural.ts';

export type DriftCode = 'TC440' | 'TC441' | 'TC442' | 'TC443' | 'TC444';

/** One drift diagnostic; `tool` names the tool an "Update from source" fix updates (none for TC444). */
export interface DriftDiagnostic {
  start: TextPosition;
  end: TextPosition;
  severity: Severity;
  code: DriftCode;
  message: string;
  tool?: string;
  /** The dataset lines the change breaks, for related information. */
  broken: LineImpact[];
}

/** Dataset lines named in a message; the rest are counted. */
const NAMED_LINES = 5;

function linesText(lines: readonly LineImpact[]): string {
  const named = lines.slice(0, NAMED_LINES).map((l) => `${l.file}:${l.line}`).join(', ');
  return lines.length > NAMED_LINES ? `${named} and ${lines.length - NAMED_LINES} more` : named;
}

const datasetLines = (n: number, word: string) => plural(n, `dataset ${word}`);

function message(drift: ToolDrift, source: string): { code: DriftCode; text: string } {
  const breaks = drift.broken.length > 0 ? ` and breaks ${datasetLines(drift.broken.length, 'line')}: ${linesText(drift.broken)}` : '';
  if (drift.status === 'removed') return { code: 'TC440', text: `Tool "${drift.tool}" is no longer offered by ${source}${breaks || ' (no dataset line calls it)'}.` };
  if (drift.status === 'added') return { code: 'TC443', text: `${source} offers a tool this file does not declare: "${drift.tool}".` };
  const what = drift.changes.map((c) => c.message.replace(/\.$/, '').replace(/^./, (first) => first.toLowerCase())).join('; ');
  const stale = drift.broken.length === 0 && drift.stale.length > 0 ? `; ${datasetLines(drift.stale.length, 'line')} still use${drift.stale.length === 1 ? 's' : ''} it as it was` : '';
  return { code: drift.breaking ? 'TC441' : 'TC442', text: `Tool "${drift.tool}" differs from ${source} (${what})${breaks}${stale}.` };
}

/** The diagnostics of `report` on the tools file `text`; TC444 when the source could not be read. */
export function driftDiagnostics(text: string, report: DriftReport | { source: string; error: string }, severity?: SeverityOverrides): DriftDiagnostic[] {
  const positions = new PositionMap(text);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const at = (node: Node | undefined) => (node ? { start: positions.positionAt(node.offset + bom), end: positions.positionAt(node.offset + bom + node.length) } : { start: positions.positionAt(bom), end: positions.positionAt(Math.min(text.length, bom + 1)) });
  const out: DriftDiagnostic[] = [];
  const push = (code: DriftCode, text: string, range: { start: TextPosition; end: TextPosition }, tool?: string, broken: LineImpact[] = []) => {
    const level = severityOf(code, severity);
    if (level !== 'off') out.push({ ...range, severity: level, code, message: text, tool, broken });
  };
  if ('error' in report) {
    push('TC444', `The source of this tools file, ${report.source}, could not be read: ${report.error.replace(/\.$/, '')}.`, at(undefined));
    return out;
  }
  const tree = parseJsonTree(text.slice(bom));
  const array = tree && (tree.type === 'array' ? tree : findNodeAtLocation(tree, ['tools']));
  const nameNode = (tool: string) => (array?.children ?? []).map((e) => findNodeAtLocation(e, ['function', 'name'])).find((n) => n?.type === 'string' && n.value === tool);
  for (const drift of report.tools) {
    const { code, text: message_ } = message(drift, report.source);
    // A new tool belongs to no declaration: its diagnostic sits on the array's opening bracket.
    const range = drift.status === 'added' ? at(array && { ...array, length: 1 }) : at(nameNode(drift.tool));
    push(code, message_, range, drift.tool, drift.broken);
  }
  return out;
}
