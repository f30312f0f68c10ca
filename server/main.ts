// The language server process: `node dist/server.js --stdio` (or ipc / socket, as the client chooses).
// The same bundle, started as a worker thread, checks lines for the server (checkWorker.ts).
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
  // TOOLCALL_SERVER_WORKERS=0 keeps every check on the main thread (benchmarks compare both).
  startServer(connection, FEATURES, { workerEntry: process.env.TOOLCALL_SERVER_WORKERS === '0' ? undefined : __filename });
}
