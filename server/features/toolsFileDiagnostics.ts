import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { ToolSetCache } from '../../core/checks/toolSet.ts';
import { checkToolsFile, type ToolsFileDiagnostic } from '../../core/tools/toolsFileCheck.ts';
import type { Feature, ServerContext } from '../context.ts';
import { formatError, guard } from '../runSafe.ts';
import { driftState, toolsDriftDiagnostics } from './toolsDrift.ts';
import { isToolsFileUri, ToolsSettingsStore } from './toolsWorkspace.ts';

/** Quiet time after the last keystroke before a tools file is checked again. */
const DEBOUNCE_MS = 150;

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

export function toLsp(d: ToolsFileDiagnostic): LspDiagnostic {
  return { range: { start: d.start, end: d.end }, severity: SEVERITY[d.severity], code: d.code, source: 'toolcall', message: d.message };
}

/**
 * Diagnostics of open `*.tools.json` documents: the declaration checks (TC401-TC411), authoring
 * hints (TC420-TC422) and, with `toolcall.tools.strictReadiness`, strict readiness (TC430-TC432).
 * The dataset diagnostics feature sees these documents too but publishes nothing for them
 * (they are not datasets).
 */
export const toolsFileDiagnosticsFeature: Feature = {
  register(ctx) {
    const toolSets = new ToolSetCache();
    const settings = new ToolsSettingsStore(ctx);
    const timers = new Map<string, NodeJS.Timeout>();
    const schedule = (uri: string, delay: number) => {
      clearTimeout(timers.get(uri));
      timers.set(uri, setTimeout(() => {
        timers.delete(uri);
        publish(ctx, uri, settings, toolSets).catch((error: unknown) => ctx.log.error(formatError(`Checking ${uri} failed`, error)));
      }, delay));
    };
    // Fires on open too; the first check of a document runs at once.
    const checked = new Set<string>();
    ctx.documents.onDidChangeContent(guard(ctx.log, 'tools didChange', ({ document }) => {
      if (!isToolsFileUri(document.uri)) return;
      schedule(document.uri, checked.has(document.uri) ? DEBOUNCE_MS : 0);
      checked.add(document.uri);
    }));
    ctx.documents.onDidClose(guard(ctx.log, 'tools didClose', ({ document }) => {
      if (!isToolsFileUri(document.uri)) return;
      clearTimeout(timers.get(document.uri));
      timers.delete(document.uri);
      checked.delete(document.uri);
      settings.forget(document.uri);
      void ctx.published.send({ uri: document.uri, diagnostics: [] });
    }));
    // A new snapshot of the file's source (drift, TC440-TC444).
    driftState(ctx).changed.event(guard(ctx.log, 'tools drift', (uri: string) => {
      if (ctx.documents.get(uri)) schedule(uri, 0);
    }));
    ctx.onRevalidateAll(guard(ctx.log, 'tools revalidate', () => {
      for (const document of ctx.documents.all()) if (isToolsFileUri(document.uri)) schedule(document.uri, 0);
    }));
  },
};

async function publish(ctx: ServerContext, uri: string, settings: ToolsSettingsStore, toolSets: ToolSetCache): Promise<void> {
  const document = ctx.documents.get(uri);
  if (!document) return;
  const version = document.version;
  const [tools, general] = await Promise.all([settings.get(uri), ctx.settings.get(uri)]);
  const current = ctx.documents.get(uri);
  if (current !== document || current.version !== version) return; // a newer change schedules its own check
  const text = document.getText();
  const diagnostics = [...checkToolsFile(text, { strictReadiness: tools.strictReadiness, severity: general.severity }, toolSets).map(toLsp), ...toolsDriftDiagnostics(ctx, uri, text, general.severity)];
  await ctx.published.send({ uri, version, diagnostics });
}
