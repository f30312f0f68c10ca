import { CancellationTokenSource, MessageType, ShowMessageNotification, TextDocumentSyncKind, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, SMALL_EDIT_DEBOUNCE_MS } from '../../core/protocol.ts';
import { sendStatus } from '../notify.ts';
import { DatasetValidator, type ValidationOptions } from '../../core/validate.ts';
import { cannotExceed } from '../../core/checks/tokenLimitChecks.ts';
import { BIG_LINE_CHARS } from '../bigLines.ts';
import type { Diagnostic } from '../../core/checks/findings.ts';
import type { Feature, ServerContext } from '../context.ts';
import { datasetGlobProblems, isDataset } from '../datasetDetection.ts';
import type { CacheValidation } from '../lineCacheTypes.ts';
import { capDiagnostics } from '../../core/checks/diagnosticCap.ts';
import { coreLinesOf, linesOf, type DocumentState } from '../documents.ts';
import type { LineDocument } from '../lineDocument.ts';
import { capFirst, countSeverities, headFor, publishedForm } from '../lspDiagnostics.ts';
import { formatError, guard } from '../runSafe.ts';
import { resolveOptions } from '../validationOptions.ts';
import { DiskEncoding } from '../diskEncoding.ts';
import { releaseMemorySoon } from '../memory.ts';
import { tokenCounter } from '../../core/stats/tokens.ts';
import { invalidUtf8Findings } from '../../core/checks/encodingChecks.ts';

const diskEncoding = new DiskEncoding();

/** A run that checked this many lines has left enough garbage to collect at once (see releaseMemorySoon). */
const RELEASE_AFTER_LINES = 10_000;

/** Default quiet time after an edit before a document is validated again (setting `toolcall.debounceMs`). */
export const DEBOUNCE_MS = DEFAULT_SETTINGS.debounceMs;

interface Pending {
  timer?: NodeJS.Timeout;
  run?: CancellationTokenSource;
  /** Whether diagnostics are currently published for the URI (to clear them once). */
  published?: boolean;
  /** The document's `debounceMs` setting, as last pulled (edits cannot wait for a pull). */
  debounceMs?: number;
}

/** Wait after an edit: typing (one line replaced by one) waits at most `SMALL_EDIT_DEBOUNCE_MS`. */
export function debounceFor(edit: { replaced: number; inserted: number }, debounceMs: number): number {
  return edit.replaced === 1 && edit.inserted === 1 ? Math.min(debounceMs, SMALL_EDIT_DEBOUNCE_MS) : debounceMs;
}

/**
 * Push diagnostics for open datasets: debounced after edits, immediate on open, cancelled by
 * newer edits; only lines an edit touched are checked again (see LineCache).
 */
export const diagnosticsFeature: Feature = {
  capabilities: () => ({ textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } }),

  register(ctx) {
    const pending = new Map<string, Pending>();
    const entry = (uri: string) => {
      let p = pending.get(uri);
      if (!p) pending.set(uri, (p = {}));
      return p;
    };

    const schedule = (uri: string, delay: number) => {
      const p = entry(uri);
      // A newer edit makes any validation in flight pointless: stop it now, not after the debounce.
      p.run?.cancel();
      p.run = undefined;
      if (p.timer) clearTimeout(p.timer);
      p.timer = setTimeout(() => {
        p.timer = undefined;
        validate(ctx, uri, p).catch((error: unknown) => ctx.log.error(formatError(`Validating ${uri} failed`, error)));
      }, delay);
    };

    ctx.documents.onDidChangeContent(
      guard(ctx.log, 'didChange', ({ document }) => {
        const state = ctx.states.get(document);
        const first = state.last === undefined && !pending.get(document.uri)?.run;
        schedule(document.uri, first ? 0 : debounceFor(state.lastEdit, pending.get(document.uri)?.debounceMs ?? DEBOUNCE_MS));
      }),
    );
    ctx.documents.onDidClose(
      guard(ctx.log, 'didClose', ({ document }) => {
        const p = pending.get(document.uri);
        p?.run?.cancel();
        if (p?.timer) clearTimeout(p.timer);
        pending.delete(document.uri);
        ctx.states.delete(document.uri);
        ctx.settings.forget(document.uri);
        diskEncoding.forget(document.uri);
        void ctx.published.send({ uri: document.uri, diagnostics: [] });
        void sendStatus(ctx.connection, { uri: document.uri, isDataset: false, examples: 0, errors: 0, warnings: 0, infos: 0 });
      }),
    );
    ctx.onRevalidateAll(
      guard(ctx.log, 'revalidate', () => {
        for (const document of ctx.documents.all()) schedule(document.uri, 0);
      }),
    );
  },
};

async function validate(ctx: ServerContext, uri: string, p: Pending): Promise<void> {
  const document = ctx.documents.get(uri);
  if (!document) return;
  const run = new CancellationTokenSource();
  p.run = run;
  let release = false;
  try {
    const version = document.version;
    const stale = () => run.token.isCancellationRequested || ctx.documents.get(uri) !== document || document.version !== version;
    const settings = await ctx.settings.get(uri);
    p.debounceMs = settings.debounceMs;
    if (stale()) return;
    const state = ctx.states.get(document);
    warnGlobProblems(ctx, settings.datasets);
    if (!isDataset(uri, linesOf(document), settings.datasets, ctx.folders())) {
      state.last = { version, isDataset: false, diagnostics: [], examples: 0 };
      if (p.published) await ctx.published.send({ uri, version, diagnostics: [] });
      p.published = false;
      await sendStatus(ctx.connection, { uri, isDataset: false, version, examples: 0, errors: 0, warnings: 0, infos: 0 });
      return;
    }
    const resolved = resolveOptions(ctx, uri, settings);
    const validator = validatorOf(state, resolved.key, resolved.options);
    // TC108 from the file's bytes, for lines that still read as on disk. Read while the lines are
    // checked: a first read of a 50 MB file is ~40 ms the publish would otherwise wait for. The
    // lines are compared once the file is read; an edit meanwhile makes this run stale.
    const lines = linesOf(document);
    const encodingRead = diskEncoding.problems(uri, (line) => (line < lines.lineCount ? lines.lineText(line) : undefined));
    const result = await check(ctx, document, state, validator, run);
    if (!result || stale()) return;
    // Checking thousands of lines leaves their parse trees as garbage: give the memory back once
    // the run is out, not at V8's next full collection. Not before: the real 50 MB bench file's
    // collection (40-70 ms) ran while its publish was still in the pipe, and the client waited.
    release = result.checked >= RELEASE_AFTER_LINES;

    const encoding = await encodingRead;
    if (stale()) return;
    let capped: Diagnostic[];
    let counts: { errors: number; warnings: number; infos: number };
    if (encoding.size > 0) {
      const all = result.diagnostics;
      for (const [line, problems] of encoding) all.push(...validator.position(lines.lineText(line), line, invalidUtf8Findings(problems)));
      all.sort((a, b) => a.line - b.line);
      state.last = { version, isDataset: true, diagnostics: all, examples: result.examples };
      capped = capDiagnostics(all, settings.maxDiagnostics, settings.severity);
      counts = countSeverities(all, resolved.toolsProblem ? [resolved.toolsProblem] : []);
    } else {
      // The common case: the head of the list and the cache's counts; the whole list only when a feature reads it.
      state.last = lastOf(version, result);
      capped = capFirst(result.first(headFor(settings.maxDiagnostics)), result.counts.total, settings.maxDiagnostics, settings.severity);
      const tools = countSeverities(resolved.toolsProblem ? [resolved.toolsProblem] : []);
      counts = { errors: result.counts.error + tools.errors, warnings: result.counts.warning + tools.warnings, infos: result.counts.info + tools.infos };
    }
    const shown: LspDiagnostic[] = capped.map((d) => publishedForm(d, uri));
    if (resolved.toolsProblem) shown.unshift(publishedForm(resolved.toolsProblem, uri));
    // The same list as the client holds (an edit below the capped list's last line) is not sent
    // again; the status below still says this version is checked. Lone CRs: lines differ from the editor's.
    const editedFrom = state.takeEditedFrom();
    if (state.loneCR || !ctx.published.holds(uri, shown, editedFrom)) await ctx.published.send({ uri, version, diagnostics: shown });
    p.published = true;
    if (mayTokenizeHere(validator.options, ctx.checkBigLines !== undefined)) loadTokenizerSoon(ctx);
    // The problem summaries at the start of long lines (inlay hints) follow the diagnostics.
    if (ctx.client.inlayHintRefresh) void ctx.connection.languages.inlayHint.refresh().catch(() => undefined);
    await sendStatus(ctx.connection, { uri, isDataset: true, version, examples: result.examples, ...counts });
  } finally {
    if (p.run === run) p.run = undefined;
    run.dispose();
    if (release) releaseMemorySoon();
  }
}

/** The longest line this thread checks when long ones go to the worker, in its widest UTF-8 form (3 bytes a UTF-16 unit). */
const WIDEST_SHORT_LINE = '\u65e5'.repeat(BIG_LINE_CHARS);

/**
 * Whether a line checked on this thread can be over the token limit (TC209), so that the
 * tokenizer will run here: never under the default limits once long lines go to the worker
 * (it loads its own), and then loading it here cost 17 MB of heap and more of RSS for nothing.
 */
export function mayTokenizeHere(options: ValidationOptions, longLinesElsewhere: boolean): boolean {
  const limit = options.tokenLimit?.limit;
  if (limit === undefined || !(limit > 0)) return false;
  return !longLinesElsewhere || !cannotExceed(WIDEST_SHORT_LINE, limit);
}

let tokenizerRequested = false;
/**
 * The token limit check (TC209) needs the o200k encoding, whose first load blocks for a
 * quarter of a second or more: paid once the first dataset's diagnostics are out, neither
 * before them (a big didOpen right after start waited for it) nor in the middle of the
 * user's first line over the limit.
 */
function loadTokenizerSoon(ctx: ServerContext): void {
  if (tokenizerRequested) return;
  tokenizerRequested = true;
  setTimeout(() => {
    try {
      tokenCounter('o200k_base');
    } catch (error) {
      ctx.log.error(formatError('loading the tokenizer failed', error));
    }
  }, 0);
}

/** What the diagnostics feature reads of a validation. */
type Checked = Pick<CacheValidation, 'diagnostics' | 'first' | 'counts' | 'examples' | 'checked'>;

/**
 * The last result for other features (code actions, inlay hints): the full list is built
 * when one of them first reads it, not on every publish.
 */
function lastOf(version: number, result: Checked): NonNullable<DocumentState['last']> {
  return {
    version,
    isDataset: true,
    examples: result.examples,
    get diagnostics() {
      return result.diagnostics;
    },
  };
}

/** Same settings, same validator (and its compiled schemas); new settings re-check every line. */
function validatorOf(state: DocumentState, key: string, options: DatasetValidator['options']): DatasetValidator {
  if (!state.validator || state.validatorKey !== key) {
    state.validator = new DatasetValidator(options, state.validator?.toolSets);
    state.validatorKey = key;
    state.cache.invalidateAll();
  }
  return state.validator;
}

async function check(ctx: ServerContext, document: LineDocument, state: DocumentState, validator: DatasetValidator, run: CancellationTokenSource): Promise<Checked | undefined> {
  // The cache holds the core's lines: a document with a lone CR is checked incrementally too.
  return state.cache.validate(coreLinesOf(document), validator, {
    token: run.token,
    onError: (error, line) => ctx.log.error(formatError(`A rule threw on line ${line + 1} of ${document.uri}`, error)),
    parallel: ctx.checkInParallel && { checker: ctx.checkInParallel, options: validator.options },
    bigLines: ctx.checkBigLines?.checker(validator.options),
  });
}

// A refused glob is said once per server run, not once per document.
const warnedGlobProblems = new Set<string>();
function warnGlobProblems(ctx: ServerContext, patterns: readonly string[]): void {
  for (const problem of datasetGlobProblems(patterns)) {
    if (warnedGlobProblems.has(problem)) continue;
    warnedGlobProblems.add(problem);
    ctx.log.error(problem);
    void ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: problem });
  }
}
