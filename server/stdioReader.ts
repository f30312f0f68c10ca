// The server's reader of LSP messages over a byte stream (stdio): the same framing as
// vscode-jsonrpc's StreamMessageReader (headers, a blank line, Content-Length bytes of UTF-8
// JSON), with two differences for big messages. The body is copied into one buffer of its size
// as chunks arrive, instead of keeping every 64 KB chunk until the last one is in (50 MB of small
// allocations that malloc kept after they were freed); and it is decoded by `decodeMessage`,
// which hands a big didOpen's text over as lines.
import { AbstractMessageReader, Disposable, type DataCallback, type MessageReader } from 'vscode-jsonrpc';
import { BodyDecoder } from './didOpenMessage.ts';

const HEADER_END = Buffer.from('\r\n\r\n');

/** Turns a body into a message, told how much of it is in as it arrives. */
export interface Decoder {
  /** The first `filled` bytes are in (never throws: trouble is left to `finish`). */
  progress(filled: number): void;
  /** The message, or throws what is wrong with the body. */
  finish(): unknown;
}
/** A header block this long without its blank line is not LSP. */
const MAX_HEADER_BYTES = 64 * 1024;

export class StdioMessageReader extends AbstractMessageReader implements MessageReader {
  private callback?: DataCallback;
  /** Bytes of the headers read so far (while no body is expected). */
  private header: Buffer = Buffer.alloc(0);
  /** The body being filled, how much of it is, and its decoder (told as bytes come). */
  private body?: Buffer;
  private filled = 0;
  private decoder?: Decoder;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    /** Decodes a body as it arrives (default: `BodyDecoder`). */
    private readonly decoderFor: (body: Buffer) => Decoder = (body) => new BodyDecoder(body),
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer) => this.onData(data);
    const onError = (error: unknown) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('close', onClose);
    });
  }

  private onData(data: Buffer): void {
    let at = 0;
    for (;;) {
      if (this.body === undefined) {
        if (at >= data.length) return;
        const read = this.readHeaders(data, at);
        at = read.at;
        // As vscode-jsonrpc: a bad header is reported and dropped, reading goes on after it.
        if (read.error !== undefined) this.fireError(read.error);
        if (this.body === undefined) {
          if (read.error !== undefined) continue;
          return;
        }
      }
      if (this.filled < this.body.length) {
        if (at >= data.length) return;
        const take = Math.min(this.body.length - this.filled, data.length - at);
        // A body wholly inside this chunk needs no copy.
        if (this.filled === 0 && take === this.body.length) this.body = data.subarray(at, at + take);
        else data.copy(this.body, this.filled, at, at + take);
        this.decoder ??= this.decoderFor(this.body);
        this.filled += take;
        at += take;
        if (this.filled < this.body.length) {
          this.decoder.progress(this.filled);
          return;
        }
      }
      const decoder = this.decoder ?? this.decoderFor(this.body);
      this.body = undefined;
      this.decoder = undefined;
      this.filled = 0;
      let message: unknown;
      try {
        message = decoder.finish();
      } catch (error) {
        this.fireError(error);
        continue;
      }
      this.callback?.(message as Parameters<DataCallback>[0]);
    }
  }

  /** Reads header bytes from `data` at `at`; once the blank line is in, sets up the body. Says where reading stopped. */
  private readHeaders(data: Buffer, at: number): { at: number; error?: Error } {
    const before = this.header.length;
    this.header = before === 0 ? data.subarray(at) : Buffer.concat([this.header, data.subarray(at)]);
    const end = this.header.indexOf(HEADER_END, Math.max(0, before - 3));
    if (end === -1) {
      if (this.header.length > MAX_HEADER_BYTES) {
        this.header = Buffer.alloc(0);
        return { at: data.length, error: new Error('Message header has no end (no blank line after it).') };
      }
      // Keep a copy: `data` belongs to the stream.
      if (before === 0) this.header = Buffer.from(this.header);
      return { at: data.length };
    }
    const block = this.header.toString('ascii', 0, end);
    const consumed = end + HEADER_END.length - before;
    this.header = Buffer.alloc(0);
    const length = contentLength(block);
    if (typeof length !== 'number') return { at: at + consumed, error: length };
    this.body = Buffer.allocUnsafe(length);
    this.filled = 0;
    return { at: at + consumed };
  }
}

/** The Content-Length of a header block, as vscode-jsonrpc reads it (keys in any case, `key: value` lines). */
function contentLength(block: string): number | Error {
  let value: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) return new Error("Message header must separate key and value using ':'");
    if (line.slice(0, colon).trim().toLowerCase() === 'content-length') value = line.slice(colon + 1).trim();
  }
  if (!value) return new Error(`Header must provide a Content-Length property: ${block}`);
  const length = parseInt(value);
  if (isNaN(length) || length < 0) return new Error(`Content-Length value must be a number. Got ${value}`);
  return length;
}
