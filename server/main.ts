// The language server process: `node dist/server.js --stdio` (or ipc / socket, as the client chooses).
// Its worker threads check lines with dist/serverWorker.js (workerMain.ts), the bundle beside it.
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { WORKER_BUNDLE_FILE, WorkerAhead } from './checkWorker.ts';
import { BIG_BODY_BYTES, BodyDecoder } from './didOpenMessage.ts';
import { AHEAD_MIN_BYTES } from './parallelSplit.ts';
import { FEATURES, startServer } from './server.ts';
import { StdioMessageReader } from './stdioReader.ts';
import { inlineOnlyTinyFunctions, keepYoungGenerationSmall } from '../core/v8Flags.ts';
import { StdioMessageWriter } from './stdioWriter.ts';
import { allowCollectingGarbage } from './memory.ts';

// V8's flags, all set here before the server compiles anything of its own, never later.
// A worker thread's start-up sets V8's flags again, the growth factor back to 2 (the preamble of
// startCheckWorker sets it in the workers): the first long line of the real 50 MB file let the
// server's young generation grow to 32 MB.
keepYoungGenerationSmall();
// A first check reads each line once, as `toolcall validate` does: the server's first check of the
// first 8,000 lines of the real 50 MB bench file 8.87 -> 7.90 G instructions, generated 4.17 -> 3.88 G
// (cachegrind, node --single-threaded, same diagnostics and counts).
inlineOnlyTinyFunctions();
// The garbage of a big didOpen and of its first check is collected at once (memory.ts).
allowCollectingGarbage();
serve();

/**
 * What the worker threads run: the slim bundle beside this one (workerMain.ts). Loading the whole
 * server bundle cost a worker 120-140 ms of CPU, this one 70-90 ms (real 50 MB file; bench/NOTES.md,
 * eighth round, server part).
 */
function workerBundle(): string {
  return path.join(__dirname, WORKER_BUNDLE_FILE);
}

function serve(): void {
  // Opt-in (TOOLCALL_SERVER_WORKERS=1, and only with a second core): the first check of a big
  // document (PARALLEL_MIN_LINES) deals part of its lines to a worker thread (parallelSplit.ts),
  // which a big didOpen starts while it arrives and which ends with the check. It takes the main
  // thread's CPU for the real 50 MB bench file from 1.5-2.0 s to 1.1-1.5 s, but the process keeps
  // more memory after it: RSS after the edits 3.6-4.2x the document in the final runs (one thread:
  // 3.8x each time), over the 4x target in two of three (bench/NOTES.md, seventh round).
  const workers = process.env.TOOLCALL_SERVER_WORKERS === '1' && os.availableParallelism() > 1;
  const entry = workerBundle();
  const ahead = workers ? new WorkerAhead(entry) : undefined;
  const connection = process.argv.includes('--stdio') ? stdioConnection(ahead) : createConnection(ProposedFeatures.all);
  // Nothing may write to stdout but the protocol: route stray console output to the client log.
  for (const name of ['log', 'debug', 'dir', 'dirxml', 'table', 'trace', 'count', 'timeLog', 'timeEnd', 'group', 'groupCollapsed'] as const) {
    (console as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  }
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error?.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));
  startServer(connection, FEATURES, { workerEntry: workers ? entry : undefined, bigLineEntry: entry, workerAhead: ahead });
}

/**
 * Over stdio the server reads with its own reader (stdioReader.ts: a big didOpen never held
 * whole) and writes with its own writer (stdioWriter.ts: one write a message; a diagnostic's JSON written once).
 * Given a reader, vscode-languageserver no longer watches stdin: end the process when
 * it closes, as it would (exit code 0 only after a shutdown request).
 */
function stdioConnection(ahead: WorkerAhead | undefined): Connection {
  const startAhead = ahead && ((bytes: number) => (bytes >= AHEAD_MIN_BYTES ? ahead.start() : undefined));
  const reader = new StdioMessageReader(process.stdin, (body) => new BodyDecoder(body, BIG_BODY_BYTES, startAhead));
  const connection = createConnection(ProposedFeatures.all, reader, new StdioMessageWriter(process.stdout));
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => {
    connection.dispose();
    process.exit(shutdown ? 0 : 1);
  };
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return connection;
}
