/**
 * A fixed-capacity FIFO: pushing past capacity drops the oldest item in
 * O(1). The transcript keeps up to 100,000 lines this way without copying.
 *
 *   items: [ 5 6 7 | 2 3 4 ]   head → 2 (oldest), size = 6, capacity = 6
 */
export class RingBuffer<T> {
  readonly capacity: number;
  #items: Array<T | undefined>;
  #head = 0;
  #size = 0;
  #pushed = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
    // Grows as items arrive, so a big capacity costs nothing up front.
    this.#items = [];
  }

  /** Items currently held. */
  get length(): number {
    return this.#size;
  }

  /** Items ever pushed; `pushed - length` were dropped. */
  get pushed(): number {
    return this.#pushed;
  }

  /** Appends one item, dropping the oldest beyond capacity. */
  push(item: T): void {
    this.pushAll([item]);
  }

  /** Appends items (an array, not spread: batches can be huge), dropping the oldest beyond capacity. */
  pushAll(items: readonly T[]): void {
    for (const item of items) {
      const slot = (this.#head + this.#size) % this.capacity;
      this.#items[slot] = item;
      if (this.#size < this.capacity) this.#size += 1;
      else this.#head = (this.#head + 1) % this.capacity;
      this.#pushed += 1;
    }
  }

  /** The item at `index` (0 = oldest held), or undefined when out of range. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.#size) return undefined;
    return this.#items[(this.#head + index) % this.capacity];
  }

  /** Copies items `[start, end)` out, oldest first. */
  slice(start = 0, end = this.#size): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.#size); i += 1) out.push(this.at(i) as T);
    return out;
  }

  /** Removes everything. */
  clear(): void {
    this.#items = [];
    this.#head = 0;
    this.#size = 0;
  }
}
