// How the server writes messages over stdio: JSON as vscode-jsonrpc writes it, byte for byte,
// except that a publishDiagnostics reuses the JSON of each diagnostic it published before.
// After a one-line edit of the real 50 MB bench file the server publishes the same 1,001
// diagnostics but one: JSON.stringify of that message was most of an edit's CPU. The parts are
// written straight into the message's buffer (no joined 300 KB string to encode again), after
// its header (stdioWriter.ts writes the whole in one write).
import { randomUUID } from 'node:crypto';
import type { Message } from 'vscode-jsonrpc';

const PUBLISH = 'textDocument/publishDiagnostics';
/** Stands for the diagnostics array while the rest of the message is written (no uri holds it). */
const PLACEHOLDER = JSON.stringify(`\u0000toolcall-diagnostics:${randomUUID()}`);
const PLACEHOLDER_VALUE = JSON.parse(PLACEHOLDER) as string;
const COMMA = 0x2c;

/** A diagnostic's JSON and its length in UTF-8. */
interface Written {
  json: string;
  bytes: number;
}
const written = new WeakMap<object, Written>();

/** Diagnostics written with JSON.stringify so far (tests count cache misses with it). */
export const encoderCounts = { stringified: 0 };

/** The message in UTF-8: `Buffer.from(JSON.stringify(message))` exactly. */
export function messageBytes(message: Message): Buffer {
  return framed(message, false);
}

/**
 * The message as it goes over the wire: `Content-Length: N` and a blank line, then the bytes of
 * `messageBytes`, in one buffer (what vscode-jsonrpc's stream writer writes in two).
 */
export function framedMessage(message: Message): Buffer {
  return framed(message, true);
}

function framed(message: Message, withHeader: boolean): Buffer {
  const params = (message as { method?: unknown; params?: unknown }).params as { diagnostics?: unknown } | undefined;
  const diagnostics = params?.diagnostics;
  if ((message as { method?: unknown }).method !== PUBLISH || !Array.isArray(diagnostics) || diagnostics.length === 0) {
    const json = JSON.stringify(message);
    const bytes = Buffer.byteLength(json, 'utf8');
    const header = withHeader ? headerOf(bytes) : '';
    const out = Buffer.allocUnsafe(header.length + bytes);
    out.write(header, 0, 'latin1');
    out.write(json, header.length, 'utf8');
    return out;
  }
  // Spreading keeps the keys in their order, so only the array's place changes.
  const rest = JSON.stringify({ ...message, params: { ...params, diagnostics: PLACEHOLDER_VALUE } });
  const at = rest.indexOf(PLACEHOLDER);
  const head = rest.slice(0, at) + '[';
  const tail = ']' + rest.slice(at + PLACEHOLDER.length);
  const parts = new Array<Written>(diagnostics.length);
  let total = Buffer.byteLength(head, 'utf8') + Buffer.byteLength(tail, 'utf8') + diagnostics.length - 1;
  for (let i = 0; i < diagnostics.length; i++) total += (parts[i] = diagnosticJson(diagnostics[i])).bytes;
  const header = withHeader ? headerOf(total) : '';
  const out = Buffer.allocUnsafe(header.length + total);
  let offset = out.write(header, 0, 'latin1');
  offset += out.write(head, offset, 'utf8');
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out[offset++] = COMMA;
    offset += out.write(parts[i]!.json, offset, parts[i]!.bytes, 'utf8');
  }
  out.write(tail, offset, 'utf8');
  return out;
}

const headerOf = (bytes: number) => `Content-Length: ${bytes}\r\n\r\n`;

/** JSON of one diagnostic object, kept while the object lives (the server never changes a published one). */
function diagnosticJson(diagnostic: unknown): Written {
  if (diagnostic === null || typeof diagnostic !== 'object') {
    const json = JSON.stringify(diagnostic) ?? 'null';
    return { json, bytes: Buffer.byteLength(json, 'utf8') };
  }
  let known = written.get(diagnostic);
  if (known === undefined) {
    encoderCounts.stringified++;
    const json = JSON.stringify(diagnostic) ?? 'null';
    known = { json, bytes: Buffer.byteLength(json, 'utf8') };
    written.set(diagnostic, known);
  }
  return known;
}
