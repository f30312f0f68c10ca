// `toolcall eval --batch`: one model's cases as one Batch API batch. The batch id goes into
// the results file the moment the batch exists, so a later run collects it instead of
// creating another; stderr says each status change and what went wrong.
import { runBatch, type RunBatchResult } from '../../core/eval/batch.ts';
import { modelResults, upsertModel } from '../../core/eval/results.ts';
import { redactSecrets } from '../../core/openai/client.ts';
import type { EvalCase } from '../../core/eval/cases.ts';
import type { MetricsOptions } from '../../core/eval/metrics.ts';
import type { ContentCallFormat } from '../../core/eval/normalizeAnswer.ts';
import type { PriceTable } from '../../core/eval/pricing.ts';
import type { ResultsFile } from '../../core/eval/results.ts';
import type { OpenAI } from '../../core/openai/client.ts';
import type { CliIO } from '../io.ts';

/** What a batch run needs of eval.ts's ModelRun (declared here, so the two files do not import each other). */
export interface BatchModelRun {
  openai: OpenAI;
  baseURL: string;
  secrets: string[];
  cases: EvalCase[];
  prices: PriceTable;
  args: { metrics: MetricsOptions; pollMs: number; parseContentCalls?: ContentCallFormat };
  sink: { file: ResultsFile; save(): Promise<void> };
  signal: AbortSignal;
}

/** Runs (or collects) the model's batch; the outcome as askModel reports it. */
export async function askModelBatch(model: string, run: BatchModelRun, io: CliIO): Promise<'done' | 'failed' | 'cancelled'> {
  const { sink, baseURL } = run;
  const earlier = sink.file.models.find((m) => m.model === model && m.baseURL === baseURL);
  const result = await runBatch({
    openai: run.openai,
    model,
    baseURL,
    cases: run.cases,
    previous: earlier?.cases,
    batch: earlier?.batch,
    prices: run.prices,
    metrics: run.args.metrics,
    secrets: run.secrets,
    signal: run.signal,
    firstPollMs: run.args.pollMs,
    ...(run.args.parseContentCalls ? { parseContentCalls: run.args.parseContentCalls } : {}),
    onBatch: async (batch) => {
      const entry = sink.file.models.find((m) => m.model === model && m.baseURL === baseURL) ?? modelResults(model, baseURL, [...(earlier?.cases ?? [])]);
      sink.file = upsertModel(sink.file, { ...entry, batch });
      io.stderr(`${model}: batch ${batch.id} ${batch.status}\n`);
      await sink.save();
    },
  });
  sink.file = upsertModel(sink.file, result.batch ? { ...result.results, batch: result.batch } : result.results);
  await sink.save();
  return report(io, model, result, run.secrets);
}

function report(io: CliIO, model: string, run: RunBatchResult, secrets: readonly string[]): 'done' | 'failed' | 'cancelled' {
  const summary = run.results.summary;
  if (run.fatal) {
    io.stderr(`${model}: ${redactSecrets(run.fatal, secrets)}\n`);
    return 'failed';
  }
  if (run.cancelled) {
    io.stderr(`${model}: interrupted${run.batch ? `; batch ${run.batch.id} goes on, run the same command again to collect it` : ''}.\n`);
    return 'cancelled';
  }
  if (summary.errors > 0) {
    const first = run.results.cases.find((c) => c.error !== undefined);
    io.stderr(`${model}: ${summary.errors} of ${summary.total} cases errored (first: line ${first?.line}: ${first?.error}); run again to ask them in a new batch.\n`);
    return 'failed';
  }
  return 'done';
}
