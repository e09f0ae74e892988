/**
 * A self-rescheduling timer for vnmd's pollers (lease watcher, dnsmasq watchdog): the next
 * pass is set only after the last one ends, so a slow pass never piles up behind itself,
 * and a failed pass is reported and the loop goes on.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private halted = false;
  private inFlight = false;
  private nudged = false;

  constructor(
    private intervalMs: number,
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

  /** The time between passes from the next one on. */
  setIntervalMs(ms: number): void {
    this.intervalMs = ms;
  }

  /**
   * Something changed: run a pass now instead of at the next interval, or right after the
   * pass in flight (which may have looked before the change). Many nudges make one pass.
   */
  nudge(): void {
    if (this.halted) return;
    if (this.inFlight) {
      this.nudged = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.halted) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.inFlight = true;
      void this.pass()
        .catch(this.onError)
        .finally(() => {
          this.inFlight = false;
          const again = this.nudged;
          this.nudged = false;
          this.schedule(again ? 0 : this.intervalMs);
        });
    }, ms);
  }
}
