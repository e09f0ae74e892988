/**
 * A VnmClient over ssh: runs `ssh … host -- vnm proxy` (ssh-args.ts), skips whatever the
 * remote login printed before the proxy's handshake line, then speaks JSON-RPC over the
 * child's stdin and stdout. Until the handshake, ssh exiting is a connection failure told
 * apart by ssh-errors.ts; afterwards it is the connection closing.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { Duplex } from 'node:stream';
import { PROXY_HANDSHAKE } from '../wire/proxy';
import { startAskpass } from './askpass';
import type { Ask, AskpassRelay } from './askpass';
import { VnmClient } from './client';
import { sshArgs } from './ssh-args';
import { classifySshExit, fingerprintIn, SshConnectError, sshFailureMessage } from './ssh-errors';
import type { SshExit, SshFailureReason } from './ssh-errors';
import type { SshTarget } from './ssh-uri';

export interface SshOpenOptions {
  readonly ask?: Ask;
  readonly timeoutMs: number;
}

const MARK = Buffer.from(`${PROXY_HANDSHAKE}\n`);
const MAX_STDERR = 64 * 1024;

/** The ssh child's stdio as one duplex stream; destroying it ends ssh. */
class SshStream extends Duplex {
  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    leftover: Buffer,
    stderr: () => string,
  ) {
    super();
    if (leftover.length > 0) this.push(leftover);
    child.stdout.on('data', (c: Buffer) => {
      if (!this.push(c)) child.stdout.pause();
    });
    child.stdin.on('error', () => undefined);
    child.once('close', (code, signal) => {
      const last = stderr().trim().split('\n').at(-1);
      const how = code === null ? `signal ${signal}` : `exit status ${code}`;
      this.destroy(new Error(`ssh ended (${how})${last ? `: ${last}` : ''}`));
    });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.child.stdin.write(chunk, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.child.stdin.end(cb);
  }

  /** Ends ssh, and reports the stream closed only once ssh has exited (nothing left behind). */
  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.child.stdin.destroy();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return cb(err);
    this.child.once('exit', () => cb(err));
    this.child.kill('SIGTERM');
  }
}

/** A deadline that stands still while a person is being asked something. */
function pausableTimer(ms: number, fire: () => void): { pause(p: boolean): void; clear(): void } {
  let left = ms;
  let started = Date.now();
  let timer: NodeJS.Timeout | null = setTimeout(fire, left);
  return {
    pause(p) {
      if (p && timer) {
        clearTimeout(timer);
        timer = null;
        left -= Date.now() - started;
      } else if (!p && !timer) {
        started = Date.now();
        timer = setTimeout(fire, Math.max(0, left));
      }
    },
    clear() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Runs ssh again with -v to read the host key it was offered (ssh's refusal does not say). */
function probeFingerprint(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ms: number,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn('ssh', ['-v', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', () => resolve(undefined));
    child.on('close', () => {
      clearTimeout(timer);
      resolve(fingerprintIn(err));
    });
  });
}

export async function openSsh(target: SshTarget, opts: SshOpenOptions): Promise<VnmClient> {
  const configFile = process.env.VNM_SSH_CONFIG || undefined;
  const args = sshArgs(target, { batch: opts.ask === undefined, timeoutMs: opts.timeoutMs, configFile });
  const relay: AskpassRelay | null = opts.ask ? await startAskpass(opts.ask) : null;
  const env = { ...process.env, ...relay?.env };
  const started = Date.now();
  try {
    const child = spawn('ssh', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    return await handshake(child, target, opts.timeoutMs, relay, async (exit, reason) => {
      const keyReason = reason === 'host-key-unknown' || reason === 'host-key-changed';
      let fingerprint = fingerprintIn(exit.stderr);
      const left = opts.timeoutMs - (Date.now() - started);
      if (keyReason && !fingerprint && left > 500) {
        fingerprint = await probeFingerprint(args, { ...process.env }, Math.min(left - 200, 5000));
      }
      return sshFailureMessage({ target, exit, reason, fingerprint, timeoutMs: opts.timeoutMs });
    });
  } finally {
    relay?.close();
  }
}

type Describe = (exit: SshExit, reason: SshFailureReason) => Promise<string>;

function handshake(
  child: ChildProcessWithoutNullStreams,
  target: SshTarget,
  timeoutMs: number,
  relay: AskpassRelay | null,
  describe: Describe,
): Promise<VnmClient> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    let seen = Buffer.alloc(0);
    let settled = false;
    const settle = () => {
      settled = true;
      timer.clear();
      child.stdout.off('data', onData);
    };
    const failWith = (exit: SshExit, reason: SshFailureReason) => {
      settle();
      void describe(exit, reason).then((msg) => reject(new SshConnectError(reason, msg, exit.stderr)));
    };
    const timer = pausableTimer(timeoutMs, () => {
      if (settled) return;
      child.kill('SIGKILL');
      failWith({ code: null, signal: 'SIGKILL', stderr }, 'timeout');
    });
    relay?.onWaiting((w) => timer.pause(w));
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-MAX_STDERR);
    });
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const at = seen.indexOf(MARK);
      if (at < 0) {
        // Keep only what could still be the start of the handshake line.
        seen = seen.subarray(Math.max(0, seen.length - MARK.length));
        return;
      }
      settle();
      const stream = new SshStream(child, seen.subarray(at + MARK.length), () => stderr);
      resolve(new VnmClient(stream, target.uri));
    };
    child.stdout.on('data', onData);
    child.once('error', (err) => {
      if (settled) return;
      const code = (err as NodeJS.ErrnoException).code;
      failWith(
        { code: null, signal: null, stderr: `${err.message}\n` },
        code === 'ENOENT' ? 'no-ssh' : 'ssh-failed',
      );
    });
    child.once('close', (code, signal) => {
      if (settled) return;
      const exit = { code, signal, stderr };
      failWith(exit, classifySshExit(exit));
    });
  });
}
