// Drift of tools files from their sources: the snapshots the client sends (what each source
// offers now), the TC440-TC444 diagnostics the tools-file feature publishes with its own, and
// the "Update from source" fixes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, DiagnosticSeverity, Emitter, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { SeverityOverrides } from '../../core/checks/rules.ts';
import { parseToolsFile } from '../../core/dataset/toolsFile.ts';
import { ToolsSourceSnapshotNotification, type ToolsSourceSnapshotParams } from '../../core/protocol.ts';
import { driftDiagnostics } from '../../core/tools/diff/driftDiagnostics.ts';
import { singleEdit, updatedText } from '../../core/tools/diff/driftEdits.ts';
import { driftReport, type DriftReport, type ToolDrift } from '../../core/tools/diff/driftReport.ts';
import { PositionMap } from '../../core/tools/textPositions.ts';
import type { Feature, ServerContext } from '../context.ts';
import { folderOf } from '../../core/settings/toolsPath.ts';
import { pathToUri } from '../paths.ts';
import { guard } from '../runSafe.ts';
import { documentLines, fileText, openDocumentAt, textLines } from './toolsWorkspace.ts';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };
const DRIFT_CODES = new Set(['TC440', 'TC441', 'TC442', 'TC443']);

/** Per server: the latest snapshot of each tools file's source, and the report last shown. */
class DriftState {
  readonly snapshots = new Map<string, ToolsSourceSnapshotParams>();
  /** Dataset lines read from disk, by path, re-read only when size or modification time change. */
  readonly diskLines = new Map<string, { stamp: string; lines: string[] }>();
  readonly reports = new Map<string, { text: string; report: DriftReport }>();
  /** Fires with a tools file's URI when its snapshot changed. */
  readonly changed = new Emitter<string>();
}

const states = new WeakMap<ServerContext, DriftState>();

export function driftState(ctx: ServerContext): DriftState {
  let state = states.get(ctx);
  if (!state) states.set(ctx, (state = new DriftState()));
  return state;
}

/** Receives the snapshots; the tools-file diagnostics feature re-checks the file on each. */
export const toolsDriftFeature: Feature = {
  register(ctx) {
    const state = driftState(ctx);
    ctx.connection.onNotification(ToolsSourceSnapshotNotification.method, guard(ctx.log, 'tools source snapshot', (params: ToolsSourceSnapshotParams) => {
      if (params.tools === undefined && params.error === undefined) state.snapshots.delete(params.uri);
      else state.snapshots.set(params.uri, params);
      state.reports.delete(params.uri);
      state.changed.fire(params.uri);
    }));
  },
};

/** A dataset path as people know it: relative to its workspace folder. */
function label(ctx: ServerContext, file: string): string {
  const folder = folderOf(file, ctx.folders());
  return folder ? path.relative(folder, file) : path.basename(file);
}

/**
 * A dataset's lines: the open document's (unsaved edits count), else the file's, cached by
 * size and modification time since a tools file is re-checked after every edit.
 */
function datasetLines(ctx: ServerContext, state: DriftState, file: string): { uri: string; lines: string[] } | undefined {
  const open = openDocumentAt(ctx, file);
  if (open) return { uri: open.uri, lines: documentLines(open) };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return undefined;
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const known = state.diskLines.get(file);
  if (known?.stamp === stamp) return { uri: pathToUri(file), lines: known.lines };
  const found = fileText(ctx, file);
  if (!found) return undefined;
  const lines = textLines(found.text);
  state.diskLines.set(file, { stamp, lines });
  return { uri: found.uri, lines };
}

/** The drift diagnostics of the tools file `uri` with text `text` (none without a snapshot). */
export function toolsDriftDiagnostics(ctx: ServerContext, uri: string, text: string, severity?: SeverityOverrides): LspDiagnostic[] {
  const state = driftState(ctx);
  const snapshot = state.snapshots.get(uri);
  if (!snapshot) return [];
  let diagnostics;
  if (snapshot.tools === undefined) {
    diagnostics = driftDiagnostics(text, { source: snapshot.source, error: snapshot.error ?? 'unknown error' }, severity);
  } else {
    const parsed = parseToolsFile(text, uri);
    if ('error' in parsed) return []; // the JSON checks say what is wrong with the file
    const uris = new Map<string, string>();
    const datasets = snapshot.datasets.flatMap((file) => {
      const found = datasetLines(ctx, state, file);
      if (!found) return [];
      const name = label(ctx, file);
      uris.set(name, found.uri);
      return [{ file: name, lines: found.lines }];
    });
    const report = driftReport(parsed.tools, snapshot.tools, datasets, snapshot.source);
    state.reports.set(uri, { text, report });
    diagnostics = driftDiagnostics(text, report, severity).map((d) => ({
      ...d,
      related: d.broken.slice(0, 20).map((l) => ({ location: { uri: uris.get(l.file) ?? pathToUri(l.file), range: { start: { line: l.line - 1, character: 0 }, end: { line: l.line - 1, character: 0 } } }, message: l.reason })),
    }));
  }
  return diagnostics.map((d) => ({
    range: { start: d.start, end: d.end },
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'toolcall',
    message: d.message,
    ...('related' in d && (d.related as unknown[]).length > 0 ? { relatedInformation: d.related as LspDiagnostic['relatedInformation'] } : {}),
    ...(d.tool !== undefined ? { data: { tool: d.tool } } : {}),
  }));
}

/** "Update from source" for each drift diagnostic in `diagnostics`, and for all drift at once. */
export function toolsDriftCodeActions(ctx: ServerContext, uri: string, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const document = ctx.documents.get(uri);
  const last = driftState(ctx).reports.get(uri);
  if (!document || !last || last.text !== document.getText()) return [];
  const text = last.text;
  const positions = new PositionMap(text);
  const action = (title: string, drifts: ToolDrift[], fixes: LspDiagnostic[]): CodeAction | undefined => {
    const after = updatedText(text, drifts, driftState(ctx).snapshots.get(uri)?.renamed);
    const edit = after === undefined ? undefined : singleEdit(text, after);
    if (!edit) return undefined;
    const range = { start: positions.positionAt(edit.start), end: positions.positionAt(edit.end) };
    return { title, kind: CodeActionKind.QuickFix, diagnostics: fixes, edit: { changes: { [uri]: [{ range, newText: edit.newText }] } } };
  };
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'toolcall' || !DRIFT_CODES.has(String(diagnostic.code))) continue;
    const tool = (diagnostic.data as { tool?: unknown } | undefined)?.tool;
    const drift = last.report.tools.find((t) => t.tool === tool);
    if (!drift) continue;
    const title = drift.status === 'added' ? `Add "${drift.tool}" from the source` : drift.status === 'removed' ? `Remove "${drift.tool}" (the source no longer offers it)` : `Update "${drift.tool}" from the source`;
    const fix = action(title, [drift], [diagnostic]);
    if (fix) actions.push({ ...fix, isPreferred: true });
  }
  if (actions.length > 0 && last.report.tools.length > 1) {
    const all = action(`Update all ${last.report.tools.length} drifting tools from the source`, last.report.tools, [...diagnostics]);
    if (all) actions.push(all);
  }
  return actions;
}
