/**
 * The revert stack (Incus's pattern): after each step that changes the host, register its
 * undo; on failure run the undos in reverse; on success drop them.
 *
 *   const r = new Revert();
 *   try { await createBridge(...); r.add(() => deleteLink(name), `delete bridge ${name}`); ...; r.success(); }
 *   finally { await r.revert(); }
 */

export interface RevertFailure {
  readonly what: string;
  readonly error: unknown;
}

interface Undo {
  readonly undo: () => Promise<void> | void;
  readonly what: string;
}

export class Revert {
  private undos: Undo[] = [];
  private readonly failureLog: RevertFailure[] = [];

  /** Registers the undo of a step just done; `what` names it in failure reports. */
  add(undo: () => Promise<void> | void, what: string): void {
    this.undos.push({ undo, what });
  }

  /** Number of undos still registered. */
  get size(): number {
    return this.undos.length;
  }

  /** Undos that failed during the last revert(), in the order they ran. */
  get failures(): readonly RevertFailure[] {
    return this.failureLog;
  }

  /**
   * Runs the registered undos newest first and forgets them. Never throws: an undo that
   * fails is recorded in `failures` and the rest still run, so one stuck step does not
   * leave everything after it in place. Does nothing after success().
   */
  async revert(): Promise<void> {
    const undos = this.undos.reverse();
    this.undos = [];
    for (const { undo, what } of undos) {
      try {
        await undo();
      } catch (error) {
        this.failureLog.push({ what, error });
      }
    }
  }

  /** The whole operation succeeded: keep what was done. */
  success(): void {
    this.undos = [];
  }
}
