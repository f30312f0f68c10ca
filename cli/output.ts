import type { OutputTarget } from './descriptorOutput.ts';

/**
 * Buffers writes to a stream (or a descriptor: descriptorOutput.ts): one write per diagnostic would dominate the run time of a file
 * with many problems. At most one batch waits for the stream ('drain', one listener); while it
 * waits, writes stay in the buffer, and producers await `writable()` between units of work, so
 * with a slow reader memory stays bounded instead of growing with the output.
 */
export class BufferedOutput {
  private parts: string[] = [];
  private size = 0;
  private draining: Promise<void> | undefined;

  constructor(
    private readonly stream: OutputTarget,
    private readonly limit = 1 << 16,
  ) {}

  /** Characters written but not yet handed to the stream. */
  get buffered(): number {
    return this.size;
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit && !this.draining) this.send();
  }

  /** Resolves once the stream takes more output: await it between units of work. */
  async writable(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Hands everything buffered to the stream and waits until it has taken it. */
  async flush(): Promise<void> {
    await this.writable();
    if (this.size > 0) this.send();
    await this.writable();
  }

  private send(): void {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.stream.write(text)) return;
    this.draining = new Promise((resolve) => {
      this.stream.once('drain', () => {
        this.draining = undefined;
        if (this.size >= this.limit) this.send();
        resolve();
      });
    });
  }
}
