// The command line's stdout and stderr written to their file descriptors with fs.writeSync, not
// through process.stdout and process.stderr: the first use of either builds Node's stream for it
// (for a pipe, a net.Socket and the stream machinery under it), ~25 M instructions of a
// `toolcall eval --predictions` run (and as much of any command). A write is whole and in order,
// as the streams' are on Linux: a partial write is finished, and a slow reader holds the command
// in the write (memory stays bounded, as BufferedOutput's waits keep it with a stream). A
// descriptor another process has made non-blocking may answer EAGAIN: that write's rest and every
// later one then go to the stream, which waits for the reader. Windows keeps the streams.
import { writeSync } from 'node:fs';

/** What BufferedOutput writes to: a stream, or a descriptor written synchronously. */
export interface OutputTarget {
  /** False when the target holds the text until 'drain'. */
  write(text: string | Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** Writes to descriptor `fd` until it answers EAGAIN, then to `openStream()`'s stream. */
export class DescriptorOutput implements OutputTarget {
  private stream: OutputTarget | undefined;

  constructor(
    private readonly fd: number,
    private readonly openStream: () => OutputTarget,
    /** Called when the reader has gone (EPIPE); the rest of the output is dropped. */
    private readonly onReaderGone: () => void,
    /** fs.writeSync's bytes-from-offset form (tests give the descriptor's answers). */
    private readonly writeBytes: (fd: number, bytes: Uint8Array, offset: number) => number = writeSync,
  ) {}

  write(text: string | Uint8Array): boolean {
    if (this.stream) return this.stream.write(text);
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    for (let done = 0; done < bytes.length; ) {
      try {
        done += this.writeBytes(this.fd, bytes, done);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          this.stream = this.openStream();
          return this.stream.write(bytes.subarray(done));
        }
        if (code !== 'EPIPE') throw error;
        this.onReaderGone();
        return true;
      }
    }
    return true;
  }

  /** Only the stream makes a writer wait, once there is one. */
  once(event: 'drain', listener: () => void): this {
    this.stream?.once(event, listener);
    return this;
  }
}
