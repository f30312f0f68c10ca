// The server's writer of LSP messages over a byte stream (stdio): vscode-jsonrpc's framing
// (Content-Length header, blank line, UTF-8 JSON: messageEncoder.ts), each message in one write.
// vscode-jsonrpc's StreamMessageWriter wrote the header, waited for its callback, then wrote the
// body: two writes to the pipe per message, in a profile of one-line edits of the real 50 MB file
// the header's write alone cost more than the 300 KB body's.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-jsonrpc';
import { framedMessage } from './messageEncoder.ts';

export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly writable: NodeJS.WritableStream) {
    super();
    writable.on('error', (error: Error) => this.fireError(error));
    writable.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = framedMessage(message);
    } catch (error) {
      this.fireError(error);
      return Promise.reject(error);
    }
    // One write per message, in call order: the stream keeps the order of its writes.
    return new Promise((resolve, reject) => {
      this.writable.write(bytes, (error?: Error | null) => {
        if (error === undefined || error === null) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.writable.end();
  }
}
