/**
 * Turns for read-only clients: at most `slots` of their requests run at once, and when more
 * wait, the next slot goes to the next waiting client in rotation, not to whoever sent the
 * most. Read-write requests (root and group vnm) never pass through it, so no amount of
 * anonymous traffic makes root's commands queue behind it.
 */
export class FairGate {
  private running = 0;
  /** Waiting requests per client, in the order clients first had to wait. */
  private readonly waiting = new Map<object, (() => void)[]>();

  constructor(private readonly slots: number) {}

  /** Resolves when `owner` may run one request; call the returned function when it is done. */
  async enter(owner: object): Promise<() => void> {
    if (this.running < this.slots && this.waiting.size === 0) {
      this.running++;
    } else {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(owner);
        if (queue) queue.push(resolve);
        else this.waiting.set(owner, [resolve]);
      });
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running--;
      this.next();
    };
  }

  /** Drops every request `owner` still has waiting (its connection closed). */
  forget(owner: object): void {
    this.waiting.delete(owner);
  }

  /** Hands free slots out one per client, moving each served client to the back of the line. */
  private next(): void {
    while (this.running < this.slots) {
      const first = this.waiting.entries().next();
      if (first.done) return;
      const [owner, queue] = first.value;
      this.waiting.delete(owner);
      const resolve = queue.shift()!;
      if (queue.length > 0) this.waiting.set(owner, queue);
      this.running++;
      resolve();
    }
  }
}
