/** A fixed-size ring of numbers; reading copies out oldest first. */
export class RingBuffer {
  private readonly data: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    const end = (this.start + this.count) % this.capacity;
    this.data[end] = value;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** The value `i` places from the oldest (0) to the newest (length - 1). */
  at(i: number): number {
    return this.data[(this.start + i) % this.capacity] ?? 0;
  }

  last(): number | undefined {
    return this.count === 0 ? undefined : this.at(this.count - 1);
  }

  /** The newest `n` values (all when n is larger), oldest first. */
  tail(n = this.count): number[] {
    const k = Math.min(n, this.count);
    const out = new Array<number>(k);
    for (let i = 0; i < k; i++) out[i] = this.at(this.count - k + i);
    return out;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}
