/**
 * A long-lived child (nft -i, ip -batch -) that vnmd talks to one exchange at a time: a
 * request written on its stdin, the answer read from its stderr up to a marker the request
 * ends with. What both sessions share lives here: the queue, the one waiter, the timeout,
 * and starting the child again after it exits (which fails the exchange in flight). What
 * differs (the program, the request's form, how the marker is found) is the caller's.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { VnmError } from '../../shared/rpc/errors';
import { spawnSession } from './exec';

export const TIMEOUT_MS = 20_000;

export interface SessionProgram {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** One request and how to read its answer. */
export interface Exchange<T> {
  /** Written to the child's stdin as it is. */
  readonly input: string;
  /** Where the answer ends in `stderr` (read so far), and what it means; null while not there yet. */
  answer(stderr: string): { readonly end: number; readonly value: T | VnmError } | null;
  /** The error when the child exits mid-exchange, from what it said since the last answer. */
  exited(stderr: string): VnmError;
  /** The error after TIMEOUT_MS without an answer (the child is then killed). */
  readonly timedOut: VnmError;
}

interface Waiter {
  readonly exchange: Exchange<unknown>;
  readonly timer: NodeJS.Timeout;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export class ChildSession {
  private child: ChildProcessWithoutNullStreams | null = null;
  private stderr = '';
  private waiter: Waiter | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  /** `started` runs each time a new child is spawned (per-child counters start again). */
  constructor(
    private readonly program: SessionProgram,
    private readonly started: () => void = () => undefined,
  ) {}

  /** Runs `work` after every earlier one has finished, whatever its outcome. */
  queue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Sends one exchange; `make` is called once the child is up, so it may read per-child state. */
  exchange<T>(make: () => Exchange<T>): Promise<T> {
    const child = this.ensure();
    const exchange = make();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(exchange.timedOut);
        child.kill('SIGKILL');
      }, TIMEOUT_MS);
      this.waiter = { exchange, timer, resolve: resolve, reject };
      child.stdin.write(exchange.input);
    });
  }

  private ensure(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const { cmd, args, env } = this.program;
    const child = spawnSession(
      cmd,
      args,
      env,
      (chunk) => this.onStderr(chunk),
      (c, err) => this.gone(c, err),
    );
    this.child = child;
    this.stderr = '';
    this.started();
    return child;
  }

  private onStderr(chunk: string): void {
    this.stderr += chunk;
    const found = this.waiter?.exchange.answer(this.stderr);
    if (!found) return;
    this.stderr = this.stderr.slice(found.end);
    this.settle(found.value);
  }

  private settle(value: unknown): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    clearTimeout(w.timer);
    if (value instanceof VnmError) w.reject(value);
    else w.resolve(value);
  }

  private gone(child: ChildProcessWithoutNullStreams, err: VnmError | null): void {
    if (this.child !== child) return;
    this.child = null;
    const w = this.waiter;
    if (w) this.settle(err ?? w.exchange.exited(this.stderr));
  }
}
