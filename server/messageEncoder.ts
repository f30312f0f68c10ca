// How the server writes messages over stdio: JSON as vscode-jsonrpc writes it, byte for byte,
// except that a publishDiagnostics reuses the JSON of each diagnostic it published before.
// After a one-line edit of the real 50 MB bench file the server publishes the same 1,001
// diagnostics but one: JSON.stringify of that 405 KB message was most of an edit's CPU.
import { randomUUID } from 'node:crypto';
import type { ContentTypeEncoder, Message } from 'vscode-jsonrpc';

const PUBLISH = 'textDocument/publishDiagnostics';
/** Stands for the diagnostics array while the rest of the message is written (no uri holds it). */
const PLACEHOLDER = JSON.stringify(`\u0000toolcall-diagnostics:${randomUUID()}`);
const json = new WeakMap<object, string>();

/** Diagnostics written with JSON.stringify so far (tests count cache misses with it). */
export const encoderCounts = { stringified: 0 };

/** The message's JSON text: `JSON.stringify(message)` exactly. */
export function messageJson(message: Message): string {
  const params = (message as { method?: unknown; params?: unknown }).params as { diagnostics?: unknown } | undefined;
  const diagnostics = params?.diagnostics;
  if ((message as { method?: unknown }).method !== PUBLISH || !Array.isArray(diagnostics) || diagnostics.length === 0) return JSON.stringify(message);
  const parts = new Array<string>(diagnostics.length);
  for (let i = 0; i < diagnostics.length; i++) parts[i] = diagnosticJson(diagnostics[i]);
  // Spreading keeps the keys in their order, so only the array's place changes.
  const rest = JSON.stringify({ ...message, params: { ...params, diagnostics: PLACEHOLDER_VALUE } });
  const at = rest.indexOf(PLACEHOLDER);
  return `${rest.slice(0, at)}[${parts.join(',')}]${rest.slice(at + PLACEHOLDER.length)}`;
}

const PLACEHOLDER_VALUE = JSON.parse(PLACEHOLDER) as string;

/** JSON of one diagnostic object, kept while the object lives (the server never changes a published one). */
function diagnosticJson(diagnostic: unknown): string {
  if (diagnostic === null || typeof diagnostic !== 'object') return JSON.stringify(diagnostic) ?? 'null';
  let text = json.get(diagnostic);
  if (text === undefined) {
    encoderCounts.stringified++;
    text = JSON.stringify(diagnostic) ?? 'null';
    json.set(diagnostic, text);
  }
  return text;
}

/** The encoder for vscode-jsonrpc's stream writer (its own is `JSON.stringify` then UTF-8). */
export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message, options) => {
    try {
      return Promise.resolve(Buffer.from(messageJson(message), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
