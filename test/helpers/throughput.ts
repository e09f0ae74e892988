/**
 * TCP throughput between two test namespaces, measured where the bytes arrive: `nc -l` in
 * the receiver pipes them to this process, which notes when each chunk came. The rate is
 * taken from the moment `skip` bytes had arrived (past TCP's slow start and the shaper's
 * burst) to the last byte, over real elapsed time.
 */
import { performance } from 'node:perf_hooks';
import type { TestNetns } from './netns';

export interface Throughput {
  /** Application bytes per second after the first `skip` bytes. */
  readonly bytesPerSecond: number;
  readonly received: number;
  /** Seconds the measured part took. */
  readonly seconds: number;
}

/** nc -l in `ns`, resolved once it says it listens. */
async function listen(ns: TestNetns, port: number) {
  const child = ns.spawn('nc', ['-l', '-v', '-n', '-4', '-p', String(port)]);
  child.stdin?.end();
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (stderr.includes('Listening')) resolve();
    });
    child.once('exit', () => reject(new Error(`nc -l exited before listening: ${stderr}`)));
  });
  return child;
}

export async function measureTcp(
  sender: TestNetns,
  receiver: TestNetns,
  address: string,
  port: number,
  opts: { bytes: number; skip: number },
): Promise<Throughput> {
  const child = await listen(receiver, port);
  let received = 0;
  let mark: { at: number; bytes: number } | null = null;
  let last = 0;
  child.stdout?.on('data', (c: Buffer) => {
    received += c.length;
    last = performance.now();
    if (!mark && received >= opts.skip) mark = { at: last, bytes: received };
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  try {
    const send = `head -c ${opts.bytes} /dev/zero | nc -N -n ${address} ${port}`;
    await sender.exec('sh', ['-c', send], { timeoutMs: 120_000 });
    await closed;
  } finally {
    child.kill('SIGKILL');
  }
  const m = mark as { at: number; bytes: number } | null;
  if (!m || received !== opts.bytes) throw new Error(`received ${received} of ${opts.bytes} bytes`);
  const seconds = (last - m.at) / 1000;
  return { bytesPerSecond: (received - m.bytes) / seconds, received, seconds };
}
