/**
 * A unix socket that passes a client's JSON-RPC lines to vnmd and back, and tells the test
 * when vnmd has answered a given method: a real signal to wait on, where a sleep would guess
 * (e.g. `vnm net-event` has subscribed once vnmd answered its events.subscribe).
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { LineReader } from '../../electron/wire/line-reader';

export interface RpcTap {
  /** Where the client connects instead of vnmd's socket. */
  readonly path: string;
  /** Resolves once vnmd has answered a request for `method` on any tapped connection. */
  answered(method: string): Promise<void>;
  close(): Promise<void>;
}

function parse(text: string): { id?: unknown; method?: string } {
  try {
    return JSON.parse(text) as { id?: unknown; method?: string };
  } catch {
    return {};
  }
}

export async function tapRpc(target: string, path: string): Promise<RpcTap> {
  const waiters: { method: string; resolve: () => void }[] = [];
  const seen = new Set<string>();
  const sockets = new Set<Socket>();
  const onAnswer = (method: string) => {
    seen.add(method);
    for (const w of waiters.filter((x) => x.method === method)) w.resolve();
  };
  const read = (onLine: (msg: { id?: unknown; method?: string }) => void) =>
    new LineReader({ line: (text) => onLine(parse(text)), tooLong: () => undefined });
  const server: Server = createServer((client) => {
    // Request ids are a connection's own: each connection keeps its own table.
    const asked = new Map<unknown, string>();
    const upstream = createConnection(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => (sockets.delete(s), client.destroy(), upstream.destroy()));
      s.on('error', () => undefined);
    }
    const up = read((msg) => msg.method !== undefined && asked.set(msg.id, msg.method));
    const down = read((msg) => {
      const method = asked.get(msg.id);
      if (method !== undefined) onAnswer(method);
    });
    client.on('data', (chunk: Buffer) => (up.push(chunk), upstream.write(chunk)));
    upstream.on('data', (chunk: Buffer) => (down.push(chunk), client.write(chunk)));
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    path,
    answered: (method) =>
      seen.has(method) ? Promise.resolve() : new Promise((resolve) => waiters.push({ method, resolve })),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
