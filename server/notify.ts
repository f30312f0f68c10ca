import type { Connection } from 'vscode-languageserver';
import { StatusNotification, type StatusParams } from '../core/protocol.ts';

// vscode-languageserver 10.1 nests protocol 3.18.4 while core/protocol.ts (shared with the
// 3.18.5 client) builds its message types from the top-level copy; their classes differ by a
// private field, so the server sends by method name, typed through the shared params.

/** `toolcall/status` for the status bar. */
export function sendStatus(connection: Connection, params: StatusParams): Promise<void> {
  return connection.sendNotification(StatusNotification.method, params);
}
