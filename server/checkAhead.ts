// The first check of a big document, begun while its didOpen still arrives. The client writes
// 50 MB through a 64 KB pipe: the main thread decodes each piece as it comes and then waits for
// the next one (~35% of the transfer on the real bench file). Between pieces it checks the lines
// already in, under the settings the document will most likely get (`SettingsStore.guess`),
// and the document made from those lines takes the results over (`take`). Its validation then
// checks only the rest, or everything again when the settings turn out to differ (their key, as
// for any change of settings: diagnostics.ts `validatorOf`).
import { DatasetValidator } from '../core/validate.ts';
import { BIG_LINE_CHARS } from './bigLines.ts';
import type { ServerContext } from './context.ts';
import { isDataset } from './datasetDetection.ts';
import type { AheadChecks, CheckedAhead } from './documents.ts';
import type { ArrivingLines } from './didOpenMessage.ts';
import { LineCache } from './lineCache.ts';
import type { LineSource } from './lineCacheTypes.ts';
import type { SplitLines } from './lineDocument.ts';
import { lineErrorLogger } from './runSafe.ts';
import { resolveOptions } from './validationOptions.ts';

/**
 * Checking per turn of the event loop while the body arrives (at least one line). Between turns
 * the loop reads what the client wrote meanwhile, so the transfer waits at most this long for
 * each piece: the pipe's next 64 KB are written in about that time.
 */
export const AHEAD_SLICE_MS = 0.25;

type AheadContext = Pick<ServerContext, 'settings' | 'toolsFiles' | 'folders' | 'watchToolsFile' | 'log' | 'checkBigLines'>;

interface Arriving {
  readonly uri: string;
  readonly split: SplitLines;
  readonly source: LineSource;
  /** Undefined until the first slice decides (a dataset under the guessed settings). */
  checked?: CheckedAhead;
  /** The next line to look at. */
  next: number;
  scheduled: boolean;
}

export class CheckAhead implements ArrivingLines, AheadChecks {
  private ctx?: AheadContext;
  private arriving?: Arriving;

  constructor(private readonly sliceMs = AHEAD_SLICE_MS) {}

  /** Nothing is checked ahead before the server is initialized (settings, folders, tools files). */
  attach(ctx: AheadContext): void {
    this.ctx = ctx;
  }

  begin(uri: string, split: SplitLines): void {
    if (this.ctx === undefined) return;
    // Asked now, the answer comes right behind the body instead of a round trip after it.
    void this.ctx.settings.get(uri);
    const source: LineSource = { version: 0, lineText: (i) => split.lines[i] ?? '', get lineCount() { return split.lines.length; } };
    this.arriving = { uri, split, source, next: 0, scheduled: false };
  }

  arrived(): void {
    const arriving = this.arriving;
    if (arriving === undefined || arriving.scheduled) return;
    arriving.scheduled = true;
    setImmediate(() => this.slice(arriving));
  }

  end(read: boolean): void {
    if (!read) this.arriving = undefined;
  }

  /** The lines checked ahead when `lines` are those that arrived for `uri` (once: checking ahead stops here). */
  take(uri: string, lines: SplitLines): CheckedAhead | undefined {
    const arriving = this.arriving;
    if (arriving?.split !== lines) return undefined;
    this.arriving = undefined;
    // A lone CR joins LSP lines into one core line: the lines checked here would not be the core's.
    if (arriving.uri !== uri || lines.loneCRs > 0) return undefined;
    return arriving.checked;
  }

  private slice(arriving: Arriving): void {
    arriving.scheduled = false;
    if (this.arriving !== arriving) return;
    if (arriving.split.loneCRs > 0 || (arriving.checked ??= this.start(arriving)) === undefined) {
      this.arriving = undefined;
      return;
    }
    const { cache, validator } = arriving.checked;
    const until = performance.now() + this.sliceMs;
    let first = true;
    const more = () => (first ? !(first = false) : performance.now() < until);
    const skip = this.ctx!.checkBigLines ? (text: string) => text.length > BIG_LINE_CHARS : undefined;
    arriving.next = cache.checkArriving(arriving.source, validator, arriving.next, more, { onError: lineErrorLogger(this.ctx!.log, arriving.uri), skip });
    if (arriving.next < arriving.split.lines.length) this.arrived();
  }

  /** The cache and validator under the guessed settings; undefined when the document is no dataset under them. */
  private start(arriving: Arriving): CheckedAhead | undefined {
    const ctx = this.ctx!;
    const settings = ctx.settings.guess();
    if (!isDataset(arriving.uri, arriving.source, settings.datasets, ctx.folders())) return undefined;
    const resolved = resolveOptions(ctx, arriving.uri, settings);
    return { cache: new LineCache(0), validator: new DatasetValidator(resolved.options), key: resolved.key };
  }
}
