// A list of 32-bit integers in one typed array grown by doubling: per-example columns of the
// duplicate index (line numbers, union-find parents...), 4 bytes each instead of an object field
// or a slot of a JavaScript array, and nothing for the garbage collector to trace.

export class Int32List {
  private items: Int32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.items = new Int32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.count++] = value;
  }

  /** The item at `index` (below length). */
  get(index: number): number {
    return this.items[index];
  }

  set(index: number, value: number): void {
    this.items[index] = value;
  }
}
