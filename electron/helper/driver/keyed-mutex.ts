/**
 * One mutex per key (a network name, or a shared key for bridge allocation), so concurrent
 * clients acting on the same network serialise while different networks proceed in parallel.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Runs fn holding every key, taken in sorted order so two callers never deadlock. */
  async runAll<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const step = (i: number): Promise<T> =>
      i === sorted.length ? fn() : this.run(sorted[i]!, () => step(i + 1));
    return step(0);
  }

  /** Resolves once everything queued so far has finished (for a clean shutdown). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
  }

  get size(): number {
    return this.tails.size;
  }
}
