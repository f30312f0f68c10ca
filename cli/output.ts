/**
 * Buffers writes to a stream: one write per diagnostic would dominate the run time of a file
 * with many problems. `flush` waits for the stream to drain so memory stays bounded.
 */
export class BufferedOutput {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly limit = 1 << 16,
  ) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit) void this.flush();
  }

  flush(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return new Promise((resolve) => {
      if (this.stream.write(text)) resolve();
      else this.stream.once('drain', () => resolve());
    });
  }
}
