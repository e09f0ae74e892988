/**
 * The UNIX socket servers of vnmd: a read-write one (0660, group vnm when it exists) and a
 * read-only one (0666) that refuses every changing method, as libvirt's libvirt-sock-ro does.
 * Under socket activation systemd made the socket (path, owner, mode from the .socket unit)
 * and passes it listening: vnmd serves on that fd and leaves the file alone.
 */
import { chmod, chown, lstat, mkdir, readFile, unlink } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { dirname } from 'node:path';
import { VnmError } from '../../../shared/rpc/errors';
import type { EventBus } from '../events/bus';
import type { Handlers } from './dispatch';
import { CLOSING_NOTIFICATION } from '../../../shared/rpc/contract';
import { refusalReason } from './client-limits';
import { RpcConnection } from './connection';
import { FairGate } from './fair-gate';
import { PerUserCap } from './per-user-cap';
import { notification } from './protocol';

export interface SocketOptions {
  readonly path: string;
  readonly readOnly: boolean;
  readonly handlers: Handlers;
  readonly bus: EventBus;
  /** Events a slow client may have waiting before it is disconnected (tests make it small). */
  readonly queueLimit?: number;
  /** A listening socket passed by systemd (listen-fds.ts): serve on it, make no file. */
  readonly fd?: number;
  /** The group that may use the read-write socket (default vnm), when it exists. */
  readonly group?: string;
  /** Clients at once; one more is told why in one line and closed (client-limits.ts). */
  readonly maxClients?: number;
  /** Closes a client silent this long with nothing running and no subscription (connection.ts). */
  readonly idleMs?: number;
  /** Connections one user other than root may hold; the newest over it are closed (per-user-cap.ts). */
  readonly maxPerUser?: number;
  readonly log?: (message: string) => void;
}

/** Longest request on the read-only socket: its methods take a name or a filter, never a definition. */
const RO_MAX_LINE_BYTES = 128 * 1024;
/** Read-only requests running at once, across all read-only clients (fair-gate.ts). */
const RO_SLOTS = 4;

export interface RpcListener {
  readonly path: string;
  close(reason: string): Promise<void>;
}

export async function listenRpc(opts: SocketOptions): Promise<RpcListener> {
  if (opts.fd === undefined) {
    await mkdir(dirname(opts.path), { recursive: true, mode: 0o755 });
    await clearStaleSocket(opts.path);
  }
  const connections = new Map<Socket, RpcConnection>();
  const sockets = new Set<Socket>();
  const perUser =
    opts.maxPerUser === undefined
      ? null
      : new PerUserCap({
          limit: opts.maxPerUser,
          evict: (socket, reason) => connections.get(socket)?.close(reason),
          log: opts.log ?? (() => undefined),
        });
  const connOpts = opts.readOnly
    ? // A client gains nothing from more requests in flight than the gate lets run.
      { ...opts, maxLineBytes: RO_MAX_LINE_BYTES, gate: new FairGate(RO_SLOTS), maxInFlight: RO_SLOTS }
    : opts;
  const server = createServer((socket) => {
    if (opts.maxClients !== undefined && sockets.size >= opts.maxClients) {
      refuse(socket, refusalReason(opts.readOnly, opts.maxClients));
      return;
    }
    const conn = new RpcConnection(socket, connOpts);
    connections.set(socket, conn);
    sockets.add(socket);
    socket.on('close', () => {
      connections.delete(socket);
      sockets.delete(socket);
    });
    perUser?.note(sockets);
  });
  if (opts.fd !== undefined) {
    await listen(server, { fd: opts.fd });
  } else {
    await listen(server, { path: opts.path });
    await setPermissions(opts.path, opts.readOnly, opts.group ?? 'vnm');
  }
  return {
    path: opts.path,
    close: async (reason) => {
      for (const c of connections.values()) c.close(reason);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
    },
  };
}

/** One line saying why, then the descriptor is given back at once, read or not. */
function refuse(socket: Socket, reason: string): void {
  socket.on('error', () => undefined);
  socket.end(`${notification(CLOSING_NOTIFICATION, { reason })}\n`, () => socket.destroy());
  // An AF_UNIX write lands in the peer's queue, so destroying now loses nothing already written.
  if (socket.writableLength === 0) socket.destroy();
}

function listen(server: Server, where: { path: string } | { fd: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(where, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Removes a socket file left by a vnmd that died; refuses if one still answers there. */
async function clearStaleSocket(path: string): Promise<void> {
  const st = await lstat(path).catch(() => null);
  if (!st) return;
  if (!st.isSocket()) {
    throw new VnmError(
      'conflict',
      `${path} exists and is not a socket; remove it or choose another --socket path.`,
    );
  }
  if (await answers(path)) {
    throw new VnmError('conflict', `Another vnmd is already listening on ${path}; stop it first.`);
  }
  await unlink(path);
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function setPermissions(path: string, readOnly: boolean, group: string): Promise<void> {
  if (readOnly) {
    await chmod(path, 0o666);
    return;
  }
  const gid = await groupId(group);
  if (gid !== null) await chown(path, process.getuid?.() ?? 0, gid);
  await chmod(path, 0o660);
}

async function groupId(name: string): Promise<number | null> {
  const text = await readFile('/etc/group', 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const [group, , gid] = line.split(':');
    if (group === name && gid !== undefined) return Number(gid);
  }
  return null;
}
