// The language server process: `node dist/server.js --stdio` (or ipc / socket, as the client chooses).
// The same bundle, started as a worker thread, checks lines for the server (checkWorker.ts).
import * as os from 'node:os';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { isCheckWorker, runCheckWorker } from './checkWorker.ts';
import { FEATURES, startServer } from './server.ts';
import { StdioMessageReader } from './stdioReader.ts';
import { keepYoungGenerationSmall } from '../core/v8Flags.ts';
import { StdioMessageWriter } from './stdioWriter.ts';

// In a worker too: a worker thread's start-up sets V8's flags again, the growth factor back to 2,
// so the first long line of the real 50 MB file let the server's young generation grow to 32 MB.
keepYoungGenerationSmall();
if (isCheckWorker()) runCheckWorker();
else serve();

function serve(): void {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  // Nothing may write to stdout but the protocol: route stray console output to the client log.
  for (const name of ['log', 'debug', 'dir', 'dirxml', 'table', 'trace', 'count', 'timeLog', 'timeEnd', 'group', 'groupCollapsed'] as const) {
    (console as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  }
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error?.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));
  // Opt-in (TOOLCALL_SERVER_WORKERS=1, and only with a second core): measured on the 2-core CI
  // machine, a worker keeps this thread idle (requests answered in ~2-5 ms instead of ~50-75 ms
  // while a 50 MB document is checked) but the first full check takes longer (3.6-4.4 s instead
  // of 1.9-2.7 s: worker start-up, copying lines and results, a second cold schema cache).
  const workers = process.env.TOOLCALL_SERVER_WORKERS === '1' && os.availableParallelism() > 1;
  startServer(connection, FEATURES, { workerEntry: workers ? __filename : undefined, bigLineEntry: __filename });
}

/**
 * Over stdio the server reads with its own reader (stdioReader.ts: a big didOpen never held
 * whole) and writes with its own writer (stdioWriter.ts: one write a message; a diagnostic's JSON written once).
 * Given a reader, vscode-languageserver no longer watches stdin: end the process when
 * it closes, as it would (exit code 0 only after a shutdown request).
 */
function stdioConnection(): Connection {
  const connection = createConnection(ProposedFeatures.all, new StdioMessageReader(process.stdin), new StdioMessageWriter(process.stdout));
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
