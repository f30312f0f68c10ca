// A tools file's drift from its source, with the dataset lines each change breaks or makes
// stale, as text for people and JSON for CI.
import { ToolSetCache } from '../../checks/toolSet.ts';
import { datasetImpact, type DatasetLines, type LineImpact } from './datasetImpact.ts';
import { diffTools, type ToolChange } from './toolsDiff.ts';
import { plural } from '../../text/plural.ts';

export interface ToolDrift {
  tool: string;
  status: 'added' | 'removed' | 'changed';
  changes: ToolChange[];
  /** True when a change can invalidate calls, or a dataset line's call is invalid now. */
  breaking: boolean;
  broken: LineImpact[];
  stale: LineImpact[];
  /** The source's declaration (added and changed tools): what "update from source" writes. */
  declaration?: Record<string, unknown>;
}

export interface DriftReport {
  /** What the tools file was compared with: a command, a URL, a spec or a file. */
  source: string;
  tools: ToolDrift[];
  breaking: boolean;
  counts: { added: number; removed: number; changed: number; brokenLines: number; staleLines: number };
}

/** Compares `current` (the tools file's declarations) with `sourceTools` and checks `datasets` against the source. */
export function driftReport(current: readonly unknown[], sourceTools: readonly unknown[], datasets: readonly DatasetLines[], source: string, toolSets = new ToolSetCache()): DriftReport {
  const diffs = diffTools(current, sourceTools);
  const impact = datasetImpact(diffs, datasets, toolSets);
  const tools = diffs.map((d): ToolDrift => {
    const { broken, stale } = impact.get(d.tool) ?? { broken: [], stale: [] };
    const breaking = d.status === 'removed' || d.changes.some((c) => c.breaking) || broken.length > 0;
    return { tool: d.tool, status: d.status, changes: d.changes, breaking, broken, stale, ...(d.after ? { declaration: d.after } : {}) };
  });
  const count = (status: ToolDrift['status']) => tools.filter((t) => t.status === status).length;
  const lines = (pick: (t: ToolDrift) => LineImpact[]) => new Set(tools.flatMap((t) => pick(t).map((l) => `${l.file}:${l.line}`))).size;
  return {
    source,
    tools,
    breaking: tools.some((t) => t.breaking),
    counts: { added: count('added'), removed: count('removed'), changed: count('changed'), brokenLines: lines((t) => t.broken), staleLines: lines((t) => t.stale) },
  };
}

/** Most dataset lines listed per tool in the text report (JSON lists them all). */
const SHOWN_LINES = 20;

/** The report as plain text, one block per drifting tool. */
export function driftText(report: DriftReport): string {
  const { counts } = report;
  if (report.tools.length === 0) return `No drift from ${report.source}.\n`;
  const out = [`Drift from ${report.source}: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed; ${plural(counts.brokenLines, 'dataset line')} broken, ${counts.staleLines} stale.`];
  for (const tool of report.tools) {
    out.push(`${tool.status} ${tool.tool}${tool.breaking ? ' (breaking)' : ''}`);
    for (const c of tool.status === 'changed' ? tool.changes : []) out.push(`  ${c.breaking ? '!' : '-'} ${c.message}`);
    for (const [label, lines] of [['breaks', tool.broken], ['stale', tool.stale]] as const) {
      for (const l of lines.slice(0, SHOWN_LINES)) out.push(`  ${label} ${l.file}:${l.line}: ${l.reason}`);
      if (lines.length > SHOWN_LINES) out.push(`  ${label} ... and ${lines.length - SHOWN_LINES} more lines`);
    }
  }
  out.push(report.breaking ? 'Breaking drift: the dataset teaches calls the source no longer accepts, or the source lost tools.' : 'No breaking drift.');
  return out.join('\n') + '\n';
}

/** The report for CI: everything but the source declarations. */
export function driftJson(report: DriftReport): string {
  return JSON.stringify({ ...report, tools: report.tools.map(({ declaration: _, ...rest }) => rest) }, null, 2) + '\n';
}
