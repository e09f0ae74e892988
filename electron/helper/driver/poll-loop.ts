/**
 * A self-rescheduling timer for vnmd's pollers (lease watcher, dnsmasq watchdog): the next
 * pass is set only after the last one ends, so a slow pass never piles up behind itself,
 * and a failed pass is reported and the loop goes on.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private halted = false;

  constructor(
    private readonly intervalMs: number,
    private readonly pass: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** True once stop() is called (until the next start): a pass in flight checks it to end early. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Runs the first pass at once, then one every interval. */
  start(): void {
    this.halted = false;
    this.schedule(0);
  }

  stop(): void {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.halted) return;
    this.timer = setTimeout(() => {
      void this.pass()
        .catch(this.onError)
        .finally(() => this.schedule(this.intervalMs));
    }, ms);
  }
}
