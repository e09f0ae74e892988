/**
 * The one way out of the demo, whatever ends it: Ctrl-C (SIGINT), SIGTERM, SIGHUP (the
 * terminal closed), the window closed, vnmd died, an internal error, or the program reading
 * our output went away. The first reason wins; the demo then removes the sandbox and exits.
 */
export interface StopReason {
  readonly why: string;
  readonly code: number;
}

export class DemoStop {
  private reason: StopReason | null = null;
  private resolve: (r: StopReason) => void = () => undefined;
  /** Resolves with the first reason given. */
  readonly requested = new Promise<StopReason>((res) => (this.resolve = res));

  get isRequested(): boolean {
    return this.reason !== null;
  }

  request(why: string, code: number): void {
    if (this.reason) return;
    this.reason = { why, code };
    this.resolve(this.reason);
  }

  /** Installed before anything is made: the default action of these signals would skip every cleanup. */
  install(): void {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.on(sig, () => this.request(`${sig} received`, 0));
    process.on('uncaughtException', (err) => {
      if (!this.reason) process.stderr.write(`vnm demo: error: ${err.stack ?? err.message}\n`);
      this.request('internal error', 1);
    });
    // Writing to a closed pipe must not crash (or loop on) an error report: it means nobody
    // can see the demo any more.
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', () => this.request('the output was closed', 0));
    }
  }
}
