import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError, ErrorCodes, type CancellationToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import { ValidateFileOnDiskRequest, type ValidateFileOnDiskParams, type ValidateFileOnDiskResult } from '../../core/protocol.ts';
import { DatasetValidator, validateStream } from '../../core/validate.ts';
import type { Feature, ServerContext } from '../context.ts';
import { CappedCollector } from '../../core/checks/diagnosticCap.ts';
import { countSeverities, toLspDiagnostic } from '../lspDiagnostics.ts';
import { sendStatus } from '../notify.ts';
import { uriToPath } from '../paths.ts';
import { formatError, runSafe } from '../runSafe.ts';
import { resolveOptions } from '../validationOptions.ts';

/** Read size: big enough to stream fast, small enough that progress and cancellation stay prompt. */
const CHUNK_BYTES = 256 * 1024;

/**
 * `toolcall/validateFileOnDisk`: streams a dataset from disk (bounded memory, never the editor
 * buffer), reports work-done progress by bytes read, stops on cancellation, publishes the
 * capped diagnostics for the URI and answers with the counts.
 */
export const validateOnDiskFeature: Feature = {
  register(ctx) {
    ctx.connection.onRequest(ValidateFileOnDiskRequest.method, (params: ValidateFileOnDiskParams, token: CancellationToken) =>
      runSafe<ValidateFileOnDiskResult | ResponseError<void>>(
        ctx.log,
        () => validateOnDisk(ctx, params, token),
        new ResponseError(ErrorCodes.InternalError, 'Validation failed; see the Toolcall Studio log.'),
        'validateFileOnDisk failed',
        neverCancelled,
      ),
    );
  },
};

// The handler honours cancellation itself and answers with partial counts, so runSafe must not pre-empt it.
const neverCancelled: CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

async function validateOnDisk(ctx: ServerContext, params: ValidateFileOnDiskParams, token: CancellationToken): Promise<ValidateFileOnDiskResult | ResponseError<void>> {
  const file = uriToPath(params?.uri ?? '');
  if (!file) return new ResponseError(ErrorCodes.InvalidParams, `Only file: URIs can be validated from disk (got ${params?.uri}).`);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    return new ResponseError(ErrorCodes.InvalidParams, `Cannot read ${file}: ${(error as Error).message}`);
  }
  const uri = params.uri;
  const settings = await ctx.settings.get(uri);
  const resolved = resolveOptions(ctx, uri, settings);

  // Progress on the client's token when it sent one, else a server-created one when supported.
  let progress: WorkDoneProgressReporter & { token?: CancellationToken } = ctx.connection.window.attachWorkDoneProgress(params.workDoneToken);
  if (params.workDoneToken === undefined && ctx.client.workDoneProgress) {
    try {
      progress = await ctx.connection.window.createWorkDoneProgress();
    } catch (error) {
      ctx.log.error(formatError('Could not create progress', error));
    }
  }
  const cancelled = () => token.isCancellationRequested || progress.token?.isCancellationRequested === true;
  progress.begin(`Validating ${path.basename(file)}`, 0, undefined, true);

  const collector = new CappedCollector(settings.maxDiagnostics);
  let read = 0;
  let lastPercent = -1;
  let stopped = false;
  const stream = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (cancelled()) {
        stopped = true;
        stream.destroy();
        return;
      }
      read += chunk.length;
      const percent = size === 0 ? 100 : Math.min(100, Math.floor((read / size) * 100));
      if (percent !== lastPercent) {
        lastPercent = percent;
        progress.report(percent, `${formatBytes(read)} of ${formatBytes(size)}`);
      }
      yield chunk;
    }
  }
  try {
    const summary = await validateStream(chunks(), (d) => collector.add(d), resolved.options, new DatasetValidator(resolved.options));
    // Partial results of a cancelled run would look like a clean tail of the file: publish nothing.
    if (stopped) return { ...summary, published: 0, cancelled: true };
    const shown = collector.result(settings.severity).map((d) => toLspDiagnostic(d, uri));
    if (resolved.toolsProblem) shown.unshift(toLspDiagnostic(resolved.toolsProblem, uri));
    await ctx.published.send({ uri, diagnostics: shown });
    const extra = countSeverities(resolved.toolsProblem ? [resolved.toolsProblem] : []);
    await sendStatus(ctx.connection, {
      uri,
      isDataset: true,
      examples: summary.examples,
      errors: summary.error + extra.errors,
      warnings: summary.warning + extra.warnings,
      infos: summary.info + extra.infos,
    });
    return { ...summary, published: shown.length, cancelled: false };
  } finally {
    stream.destroy();
    progress.done();
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
