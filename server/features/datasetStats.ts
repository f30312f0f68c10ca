import * as fs from 'node:fs';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { DatasetStatsRequest, type DatasetStatsParams, type DatasetStatsResult } from '../../core/protocol.ts';
import type { DatasetStatsSummary } from '../../core/stats/datasetStats.ts';
import { streamLines } from '../../core/dataset/streamLines.ts';
import { estimateCost } from '../../core/stats/cost.ts';
import { readExample, type StatsLine } from '../../core/stats/example.ts';
import { computeStatsAsync } from '../../core/stats/report.ts';
import type { DatasetStats } from '../../core/stats/datasetStats.ts';
import { normalizeInsightSettings, type InsightSettings } from '../../core/stats/reportSettings.ts';
import { countExampleTokens, encodingForModel, lookupModel, tokenCounter, type TokenCounter } from '../../core/stats/tokens.ts';
import type { Feature, ServerContext } from '../context.ts';
import { isDataset } from '../datasetDetection.ts';
import { linesOf } from '../documents.ts';
import { uriToPath } from '../paths.ts';
import { runSafe } from '../runSafe.ts';

/** Work between two yields to the event loop (ms): other requests and edits get in between. */
const SLICE_MS = 15;

/** Thrown inside a count when the client cancelled or the document changed under it. */
class Stop {
  constructor(readonly error: ResponseError<void>) {}
}

/** Token counts of the last summary per document, by line text: a re-count after an edit tokenizes only the changed lines. */
type TokenMemo = Map<string, number | null>;

/**
 * `toolcall/datasetStats`: tokens, cost, coverage of an open document (or a file on disk)
 * under the `toolcall.stats.*` and `toolcall.tokenLimits` settings. Runs in slices between
 * other messages, honours cancellation, and answers ContentModified when the document
 * changed while it counted.
 */
export const datasetStatsFeature: Feature = {
  register(ctx) {
    const memos = new Map<string, { model: string; memo: TokenMemo }>();
    ctx.documents.onDidClose(({ document }) => memos.delete(document.uri));
    ctx.connection.onRequest(DatasetStatsRequest.method, (params: DatasetStatsParams, token: CancellationToken) =>
      runSafe<DatasetStatsResult | ResponseError<void>>(
        ctx.log,
        async () => {
          try {
            return await datasetStats(ctx, params, token, memos);
          } catch (error) {
            if (error instanceof Stop) return error.error;
            throw error;
          }
        },
        new ResponseError(ErrorCodes.InternalError, 'Counting failed; see the Toolcall Studio log.'),
        'datasetStats failed',
        token,
      ),
    );
  },
};

async function datasetStats(ctx: ServerContext, params: DatasetStatsParams, token: CancellationToken, memos: Map<string, { model: string; memo: TokenMemo }>): Promise<DatasetStatsResult | ResponseError<void>> {
  if (typeof params?.uri !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'datasetStats needs a uri.');
  const uri = params.uri;
  const settings = await ctx.settings.get(uri);
  const insights = settings.insights ?? normalizeInsightSettings(undefined);
  const model = typeof params.model === 'string' && params.model.trim() !== '' ? params.model.trim() : insights.model;
  const document = ctx.documents.get(uri);
  const version = document?.version;

  let lines: Iterable<StatsLine> | AsyncIterable<StatsLine>;
  if (document) {
    const view = linesOf(document);
    if (!isDataset(uri, view, settings.datasets, ctx.folders())) return { uri, isDataset: false, version, summary: emptySummary(model) };
    lines = documentLines(document.lineCount, (i) => document.lineText(i));
  } else {
    const file = uriToPath(uri);
    if (!file || !fs.existsSync(file)) return new ResponseError(ErrorCodes.InvalidParams, `${uri} is neither open nor a readable file.`);
    lines = streamLines(fs.createReadStream(file, { highWaterMark: 1 << 20 }));
  }

  const slicer = new Slicer(() => {
    if (token.isCancellationRequested) throw new Stop(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
    if (document && (ctx.documents.get(uri) !== document || document.version !== version)) throw new Stop(new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while it was counted.'));
  });
  const counter = tokenCounter(encodingForModel(model));

  if (params.detail !== 'full') {
    const previous = memos.get(uri);
    const memo = await countTokens(lines, counter, previous?.model === model ? previous.memo : new Map(), slicer);
    if (document) memos.set(uri, { model, memo: memo.next });
    return { uri, isDataset: true, version, summary: summarize(memo.counts, model, insights) };
  }

  const validationFile = params.validationUri ? uriToPath(params.validationUri) : undefined;
  if (params.validationUri && (!validationFile || !fs.existsSync(validationFile))) return new ResponseError(ErrorCodes.InvalidParams, `Cannot read the validation file ${params.validationUri}.`);
  const validationLines = () => ticking(streamLines(fs.createReadStream(validationFile!, { highWaterMark: 1 << 20 })), slicer);
  const stats: DatasetStats = await computeStatsAsync(ticking(lines, slicer), {
    model,
    limits: insights.tokenLimits,
    prices: insights.prices,
    tokenCounter: counter,
    validation: validationFile === undefined ? undefined : validationLines(),
    // An open document's lines can be given again: exact keys only for lines that may have a copy
    // (deferredKeys.ts), the first line of each such group read again from the document, which
    // the slicer's checks keep unchanged until the end.
    ...(document ? { reread: (indexes: number[]) => ticking(documentLinesAt(indexes, (i) => document.lineText(i)), slicer), validationAgain: validationLines } : {}),
  });
  return { uri, isDataset: true, version, summary: summaryOf(stats), stats };
}

function* documentLines(count: number, text: (i: number) => string): Generator<StatsLine> {
  for (let index = 0; index < count; index++) yield { index, text: text(index) };
}

function* documentLinesAt(indexes: number[], text: (i: number) => string): Generator<StatsLine> {
  for (const index of indexes) yield { index, text: text(index) };
}

/** The lines, with a slicer tick after each: other requests and edits get in between. */
async function* ticking(lines: Iterable<StatsLine> | AsyncIterable<StatsLine>, slicer: Slicer): AsyncGenerator<StatsLine> {
  for await (const line of lines) {
    yield line;
    await slicer.tick();
  }
}

/** Token counts per example (in line order), reusing counts of unchanged lines from `memo`. */
async function countTokens(lines: Iterable<StatsLine> | AsyncIterable<StatsLine>, counter: TokenCounter, memo: TokenMemo, slicer: Slicer): Promise<{ counts: number[]; next: TokenMemo }> {
  const counts: number[] = [];
  const next: TokenMemo = new Map();
  for await (const line of lines) {
    let tokens = memo.get(line.text);
    if (tokens === undefined) {
      const example = readExample(line);
      tokens = example === 'blank' || example === 'invalid' ? null : countExampleTokens(example, counter);
    }
    next.set(line.text, tokens);
    if (tokens !== null) counts.push(tokens);
    await slicer.tick();
  }
  return { counts, next };
}

function summarize(counts: number[], model: string, insights: InsightSettings): DatasetStatsSummary {
  const limit = lookupModel(insights.tokenLimits, model);
  const cost = estimateCost(counts, { model, limit, prices: insights.prices });
  return {
    model,
    examples: counts.length,
    tokens: counts.reduce((a, b) => a + b, 0),
    overLimit: limit === undefined ? 0 : counts.filter((n) => n > limit).length,
    epochs: cost.epochs,
    billedTokens: cost.billedTokens,
    estimatedUsd: cost.estimatedUsd,
  };
}

/** The status-bar numbers of a full report (the same as `summarize` of its counts). */
export function summaryOf(stats: DatasetStats): DatasetStatsSummary {
  return {
    model: stats.model,
    examples: stats.examples,
    tokens: stats.tokens.total,
    overLimit: stats.tokens.overLimit.length,
    epochs: stats.cost.epochs,
    billedTokens: stats.cost.billedTokens,
    estimatedUsd: stats.cost.estimatedUsd,
  };
}

function emptySummary(model: string): DatasetStatsSummary {
  return { model, examples: 0, tokens: 0, overLimit: 0, epochs: 0, billedTokens: 0, estimatedUsd: null };
}

/** Yields to the event loop every `SLICE_MS` of work and checks whether to stop. */
class Slicer {
  private last = performance.now();
  private n = 0;
  constructor(private readonly check: () => void) {}

  async tick(): Promise<void> {
    if ((++this.n & 31) !== 0 || performance.now() - this.last < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
    this.check();
  }
}
