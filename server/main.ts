// The language server process: `node dist/server.js --stdio` (or ipc / socket, as the client chooses).
// The same bundle, started as a worker thread, checks lines for the server (checkWorker.ts).
import * as os from 'node:os';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isCheckWorker, runCheckWorker } from './checkWorker.ts';
import { FEATURES, startServer } from './server.ts';

if (isCheckWorker()) runCheckWorker();
else serve();

function serve(): void {
  const connection = createConnection(ProposedFeatures.all);
  // Nothing may write to stdout but the protocol: route stray console output to the client log.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error?.stack ?? String(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));
  // A worker pays only with a second core; TOOLCALL_SERVER_WORKERS=0 keeps every check here (benchmarks compare both).
  const workers = process.env.TOOLCALL_SERVER_WORKERS !== '0' && os.availableParallelism() > 1;
  startServer(connection, FEATURES, { workerEntry: workers ? __filename : undefined });
}
