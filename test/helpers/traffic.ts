/**
 * Traffic between test namespaces: ping and TCP with short timeouts, so a test that expects
 * "no" pays about a second, not a minute.
 */
import type { ChildProcess } from 'node:child_process';
import type { TestNetns } from './netns';

/** One ping with a 1 s deadline; true when a reply came. */
export async function canPing(from: TestNetns, to: string): Promise<boolean> {
  const args = to.includes(':') ? ['-6', '-c1', '-W1', '-n', to] : ['-c1', '-W1', '-n', to];
  const r = await from.tryExec('ping', args, { timeoutMs: 5_000 });
  return r.code === 0;
}

export interface TcpServer {
  /** The peer address and what it sent, once a client has connected and closed. */
  readonly connection: Promise<{ from: string; port: number; data: string } | null>;
  close(): void;
}

/** A one-shot TCP server (`nc -l`) on `port` in `ns`, IPv4 unless `ipv6`. */
export async function startTcpServer(ns: TestNetns, port: number, ipv6 = false): Promise<TcpServer> {
  const args = ['-l', '-v', '-n', ipv6 ? '-6' : '-4', '-p', String(port)];
  const child: ChildProcess = ns.spawn('nc', args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin?.end();
  // Wait until nc says it listens, so a client connecting at once is not refused.
  await new Promise<void>((resolve) => {
    const deadline = setTimeout(resolve, 2_000);
    const check = () => {
      if (stderr.includes('Listening')) {
        clearTimeout(deadline);
        resolve();
      }
    };
    child.stderr?.on('data', check);
  });
  const connection = new Promise<{ from: string; port: number; data: string } | null>((resolve) => {
    child.on('close', () => {
      const m = /Connection received on (\S+) (\d+)/.exec(stderr);
      resolve(m?.[1] ? { from: m[1], port: Number(m[2]), data: stdout } : null);
    });
  });
  return { connection, close: () => child.kill('SIGKILL') };
}

/** Connects, sends `data` and closes; true when the connection was made. 1 s timeout. */
export async function tcpSend(
  from: TestNetns,
  host: string,
  port: number,
  data = 'hello\n',
): Promise<boolean> {
  const r = await from.tryExec('nc', ['-N', '-n', '-w1', host, String(port)], {
    input: data,
    timeoutMs: 5_000,
  });
  return r.code === 0;
}

/**
 * Whether `client` can open a TCP connection to `server` (address `host` in it), and with
 * which source address and port the server saw it. A refused or timed-out attempt is tried
 * once more, so a slow machine does not turn "yes" into "no"; a "no" costs little, since
 * the firewall rejects at once.
 */
export async function tcpProbe(
  client: TestNetns,
  server: TestNetns,
  host: string,
  port: number,
  attempts = 2,
): Promise<{ connected: boolean; from: string | null; port: number | null }> {
  for (let i = 0; i < attempts; i++) {
    const srv = await startTcpServer(server, port, host.includes(':'));
    try {
      if (!(await tcpSend(client, host, port, `probe ${port}\n`))) continue;
      const seen = await Promise.race([
        srv.connection,
        new Promise<null>((res) => setTimeout(() => res(null), 2_000)),
      ]);
      return { connected: true, from: seen?.from ?? null, port: seen?.port ?? null };
    } finally {
      srv.close();
    }
  }
  return { connected: false, from: null, port: null };
}
